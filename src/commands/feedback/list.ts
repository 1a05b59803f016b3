import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {readFlags} from '../../flags/feedback.js'
import type {FeedbackRecord} from '../../feedback/record.js'

export default class FeedbackList extends BaseCommand {
  static override summary = 'List recorded feedback, newest first.'
  static override description = `Reads the feedback file. A line that is not a record (a torn write after a crash) is skipped with a warning that names it. Records sharing an id count once: the latest wins.

${BaseCommand.exitCodesHelp()}`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --type bug_report --since 7d',
    '<%= config.bin %> <%= command.id %> --interaction-id int_003 --json',
  ]

  static override flags = {...readFlags, limit: Flags.integer({min: 1, default: 50, description: 'show at most this many'})}

  async run(): Promise<FeedbackRecord[]> {
    const {flags} = await this.parse(FeedbackList)
    const {readFiltered} = await import('../../feedback/read-cli.js')
    const {formatFeedbackTable} = await import('../../feedback/table.js')
    const {records, total} = await readFiltered(flags)
    if (!this.jsonEnabled()) {
      process.stdout.write(formatFeedbackTable(records, process.stdout.columns ?? 120))
      if (total > records.length) this.note(`Showing ${records.length} of ${total}; use --limit to see more.`)
    }

    return records
  }
}
