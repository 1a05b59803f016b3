import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {ExitCode} from '../../errors.js'
import {failOnOf, thresholdsOf, verdictFlags} from '../../flags/gate.js'

export default class MonitorMerge extends BaseCommand {
  static override summary = 'Combine the summary files of sharded scans into the verdict of one scan over all their inputs.'

  static override description = `Reads the files that \`llmops monitor --summary-out\` wrote (one per shard, or per batch of files) and prints the summary of a single run over all their inputs: the same counts, the same latency percentiles, the same gate verdict (--fail-on, thresholds) with the same exit code, and the same reports (--sarif, --junit, --markdown, --github).

Parts are refused (exit 2) when they cannot add up to one run: different settings or llmops versions, a shard given twice or missing, an input in two parts. See docs/scale.md for recipes (GitHub Actions matrix, Kubernetes Indexed Job, xargs -P).

${BaseCommand.exitCodesHelp(ExitCode.GATE_FAILED)}`

  static override examples = [
    {
      description: 'Four shards of one log, then one verdict',
      command:
        'for k in 1 2 3 4; do <%= config.bin %> monitor big.jsonl --shard $k/4 --format summary --summary-out part-$k.json & done; wait\n<%= config.bin %> <%= command.id %> part-*.json --fail-on pii,secret',
    },
  ]

  static override strict = false

  static override args = {
    file: Args.string({ignoreStdin: true, description: 'summary files written by llmops monitor --summary-out', required: true}),
  }

  static override flags = {
    ...verdictFlags,
    format: Flags.string({options: ['summary'], default: 'summary', description: 'the text summary on stdout (--json prints {summary, gate})'}),
    quiet: Flags.boolean({char: 'q', description: 'do not print notes (ignore-file review, how to accept findings) on stderr'}),
    'summary-out': Flags.string({
      helpGroup: 'SCALE-OUT',
      helpValue: 'FILE',
      description: 'write the merged figures as a summary file (to merge again, in stages)',
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(MonitorMerge)
    const {mergeSummaries} = await import('../../monitor/merge-summaries.js')
    const exitCode = await mergeSummaries(
      {
        files: argv as string[],
        failOn: failOnOf(flags) ?? [],
        gate: {
          ignoreFile: flags['ignore-file'],
          reportUnusedIgnores: flags['report-unused-ignores'],
          failOnUnusedIgnores: flags['fail-on-unused-ignores'],
          sarif: flags.sarif,
          junit: flags.junit,
          markdown: flags.markdown,
          github: flags.github ?? process.env.GITHUB_ACTIONS === 'true',
          thresholds: thresholdsOf(flags),
        },
        summaryOut: flags['summary-out'],
        format: this.jsonEnabled() ? 'json' : 'summary',
        quiet: flags.quiet,
        version: this.config.version,
      },
      {cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr},
    )
    if (exitCode !== ExitCode.OK) process.exitCode = exitCode
  }
}
