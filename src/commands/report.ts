import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {limitFlags, sideFlags, sidesRequestOf} from '../flags/compare.js'

export default class Report extends BaseCommand {
  static override summary = 'Write an HTML report of a run: charts over time and by model version, the comparison, feedback and top findings.'

  static override description = `Reads a summary file that llmops monitor --summary-out (or llmops monitor merge) wrote and writes one self-contained HTML file: latency percentiles over time and by model version, findings by type over time, error rate, feedback by type and version, and the top findings (masked) with their file and line. With two files (baseline first) or --baseline-version and --candidate-version, it adds the comparison that llmops compare prints, with its deltas.

The file has no script and loads nothing: charts are drawn as SVG when it is written, in light and dark colours. It is written whole or not at all. See docs/evaluate.md.

${BaseCommand.exitCodesHelp}`

  static override examples = [
    {
      description: 'Scan, then report with the two versions compared',
      command:
        '<%= config.bin %> monitor logs/*.jsonl.gz --format summary --quiet --summary-out run.json\n<%= config.bin %> <%= command.id %> run.json --out report.html --baseline-version v1.3.0 --candidate-version v1.4.0',
    },
    {description: 'Last week against this week', command: '<%= config.bin %> <%= command.id %> last-week.json this-week.json --out report.html'},
  ]

  static override strict = false

  static override args = {
    file: Args.string({
      description: 'summary files written by llmops monitor --summary-out, or logs (scanned first): the run to report on, or baseline then candidate',
      required: true,
    }),
  }

  static override flags = {
    ...sideFlags,
    ...limitFlags,
    out: Flags.string({char: 'o', helpValue: 'FILE', required: true, description: 'the HTML file to write (written whole or not at all)'}),
  }

  async run(): Promise<{out: string; bytes: number; regressions: string[]}> {
    const {argv, flags} = await this.parse(Report)
    const {writeReport} = await import('../evaluate/report.js')
    const {bytes, data} = await writeReport({
      ...sidesRequestOf(argv as string[], flags, this.config.version),
      out: flags.out,
      version: this.config.version,
    })
    if (!this.jsonEnabled()) this.note(`Wrote ${flags.out} (${Math.ceil(bytes / 1024).toLocaleString('en-US')} KiB).`)
    return {out: flags.out, bytes, regressions: data.comparison?.regressions ?? []}
  }
}
