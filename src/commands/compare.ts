import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {ExitCode} from '../errors.js'
import {limitFlags, sideFlags, sidesRequestOf} from '../flags/compare.js'
import type {Comparison} from '../results/comparison.js'

export default class Compare extends BaseCommand {
  static override summary = 'Compare two releases, model versions or time windows, and flag regressions.'

  static override description = `Compares a baseline with a candidate: interactions, p50/p95/p99 latency, error rate, PII and secret findings per 1,000 interactions, tokens per interaction, and the feedback recorded for each (counts by type, mean rating), joined by model version.

The sides come from summary files that llmops monitor --summary-out (or llmops monitor merge) wrote: two files, baseline first (two runs, or two windows scanned with --since/--until), or one file with --baseline-version and --candidate-version (two groups of it). A change beyond its limit is a regression; --fail-on-regression exits 1 on one. A metric is judged only when both sides have --min-samples samples of it. See docs/evaluate.md.

${BaseCommand.exitCodesHelp}`

  static override examples = [
    {
      description: 'Two model versions in one scan',
      command:
        '<%= config.bin %> monitor logs/*.jsonl.gz --format summary --quiet --summary-out run.json\n<%= config.bin %> <%= command.id %> run.json --baseline-version v1.3.0 --candidate-version v1.4.0',
    },
    {
      description: 'This week against last week, as a release gate',
      command:
        '<%= config.bin %> monitor logs.jsonl --since 14d --until 7d --format summary --quiet --summary-out before.json\n<%= config.bin %> monitor logs.jsonl --since 7d --format summary --quiet --summary-out after.json\n<%= config.bin %> <%= command.id %> before.json after.json --fail-on-regression',
    },
  ]

  static override strict = false

  static override args = {
    file: Args.string({
      description: 'summary files written by llmops monitor --summary-out, or logs (scanned first): baseline then candidate, or one with both versions',
      required: true,
    }),
  }

  static override flags = {
    ...sideFlags,
    ...limitFlags,
    'fail-on-regression': Flags.boolean({description: 'exit 1 when a judged metric changed beyond its limit'}),
  }

  async run(): Promise<Comparison> {
    const {argv, flags} = await this.parse(Compare)
    const [{compareRuns}, {formatComparison}] = await Promise.all([import('../evaluate/index.js'), import('../report/comparison-text.js')])
    const {comparison, exitCode} = await compareRuns({
      ...sidesRequestOf(argv as string[], flags, this.config.version),
      failOnRegression: flags['fail-on-regression'],
    })
    if (!this.jsonEnabled()) process.stdout.write(formatComparison(comparison))
    if (exitCode !== ExitCode.OK) process.exitCode = exitCode
    return comparison
  }
}
