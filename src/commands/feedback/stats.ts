import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {readFlags} from '../../flags/feedback.js'
import type {FeedbackStats} from '../../feedback/query.js'

export default class FeedbackStatsCommand extends BaseCommand {
  static override summary = 'Count feedback by type, by day or week, and by model version, with rating averages.'
  static override description = `${BaseCommand.exitCodesHelp()}`
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --by week --since 30d --json']

  static override flags = {...readFlags, by: Flags.string({options: ['day', 'week'], default: 'day', description: 'period of the time breakdown'})}

  async run(): Promise<FeedbackStats> {
    const {flags} = await this.parse(FeedbackStatsCommand)
    const {readFiltered} = await import('../../feedback/read-cli.js')
    const {statsOf} = await import('../../feedback/query.js')
    const {formatFeedbackStats} = await import('../../feedback/table.js')
    const stats = statsOf((await readFiltered(flags)).records, flags.by as 'day' | 'week')
    if (!this.jsonEnabled()) process.stdout.write(formatFeedbackStats(stats))
    return stats
  }
}
