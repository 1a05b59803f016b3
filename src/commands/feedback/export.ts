import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {EXPORT_FORMATS, type ExportFormat} from '../../feedback/export.js'
import {readFlags} from '../../flags/feedback.js'

export default class FeedbackExport extends BaseCommand {
  static override summary = 'Export feedback as CSV, JSON Lines, or Langfuse score objects.'
  static override description = `csv: one row per record, RFC 4180 quoting, cells that a spreadsheet would run as formulas prefixed with '. jsonl: the records as stored (latest write of each id). langfuse: one score object per line, as Langfuse's POST /api/public/scores accepts it (records without --interaction-id have no trace and are left out, counted on stderr).

With --output the file is written whole or not at all.

${BaseCommand.exitCodesHelp()}`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --format csv --output feedback.csv',
    '<%= config.bin %> <%= command.id %> --format langfuse --since 7d > scores.jsonl',
  ]

  static override flags = {
    ...readFlags,
    format: Flags.string({options: [...EXPORT_FORMATS], required: true, description: 'output format'}),
    output: Flags.string({char: 'o', helpValue: 'FILE', description: 'write to this file instead of stdout'}),
  }

  static override enableJsonFlag = false

  async run(): Promise<void> {
    const {flags} = await this.parse(FeedbackExport)
    const {exportFeedback} = await import('../../feedback/export-cli.js')
    const {count, skipped, target} = await exportFeedback(flags.format as ExportFormat, flags)
    this.note(`Exported ${count} record${count === 1 ? '' : 's'} to ${target}${skipped > 0 ? ` (${skipped} without an interaction id left out)` : ''}`)
  }
}
