import {existsSync} from 'node:fs'

import {usageError} from '../errors.js'
import {printable} from '../text/printable.js'
import {maskLike} from './capture.js'
import {filterRecords, parseWhen, type Filters} from './query.js'
import type {FeedbackRecord} from './record.js'
import {feedbackSettings} from './settings.js'
import {readRecords} from './store.js'

export interface ReadFlags {
  file?: string | undefined
  config?: string | undefined
  type?: string[] | undefined
  'user-id'?: string | undefined
  'interaction-id'?: string | undefined
  since?: string | undefined
  until?: string | undefined
  limit?: number | undefined
}

/** Read and filter the feedback file; skipped lines are reported on stderr, naming each. */
export async function readFiltered(flags: ReadFlags): Promise<{records: FeedbackRecord[]; total: number; shown: string}> {
  const settings = await feedbackSettings({file: flags.file, config: flags.config})
  // A typo must not look like "no feedback": unknown types and a named file that is missing are errors.
  const unknown = (flags.type ?? []).filter((t) => !settings.types.includes(t))
  if (unknown.length > 0) {
    throw usageError(
      `--type ${unknown.map((t) => printable(JSON.stringify(t), 60)).join(', ')}: not a feedback type; the types are ${settings.types.join(', ')}`,
      'E_USAGE',
      ['Types come from the config (feedback.types).'],
    )
  }

  if (settings.explicit && !existsSync(settings.file)) {
    throw usageError(`feedback file ${printable(settings.shown)} not found`, 'E_FEEDBACK_MISSING', [
      'Check the path given with --file or $LLMOPS_FEEDBACK_FILE.',
    ])
  }

  const filters: Filters = {
    type: flags.type,
    // Stored ids are masked when they held personal data: compare masked with masked.
    userId: flags['user-id'] === undefined ? undefined : maskLike(flags['user-id'], settings.detector),
    interactionId: flags['interaction-id'] === undefined ? undefined : maskLike(flags['interaction-id'], settings.detector),
    since: flags.since === undefined ? undefined : parseWhen(flags.since, '--since'),
    until: flags.until === undefined ? undefined : parseWhen(flags.until, '--until'),
    limit: flags.limit,
  }
  const {records, warnings} = await readRecords(settings.file, settings.shown)
  for (const warning of warnings) process.stderr.write(`Warning: ${printable(warning)}\n`)
  const all = filterRecords(records, {...filters, limit: undefined})
  return {records: flags.limit === undefined ? all : all.slice(0, flags.limit), total: all.length, shown: settings.shown}
}
