import type {Detector} from '../detector.js'
import {redactText, scan} from '../engine/index.js'
import {usageError} from '../errors.js'
import {newId} from './ids.js'
import {describeIssues, feedbackInputSchema, type FeedbackInput, type FeedbackRecord} from './record.js'

export interface CaptureOptions {
  types: readonly string[]
  detector: Detector
  /** --keep-pii: store the description as typed. */
  keepPii: boolean
  now?: () => Date
}

/** Validate one input; the error names the field (and the record, for a batch). */
export function validateInput(input: unknown, types: readonly string[], where = ''): FeedbackInput {
  const result = feedbackInputSchema(types).safeParse(input)
  if (result.success) return result.data
  throw usageError(`invalid feedback${where}: ${describeIssues(result.error.issues, input)}`, 'E_FEEDBACK_INVALID')
}

/**
 * Turn a validated input into the record to store: personal data and secrets in the description
 * are replaced (unless --keep-pii), and the record gets a sortable id and a UTC timestamp.
 */
export function toRecord(input: FeedbackInput, options: CaptureOptions): FeedbackRecord {
  // An id and the tags are keys and labels, stored and exported as given: personal data in one
  // is refused (an id is a Langfuse score id; a mask would make two ids the same).
  for (const [field, value] of [['id', input.id], ...(input.tags ?? []).map((t) => ['tag', t] as const)] as const) {
    if (value === undefined) continue
    const {matches} = scan(value, options.detector.ruleSet)
    if (matches.length > 0) {
      throw usageError(
        `invalid feedback: ${field} looks like personal data (${[...new Set(matches.map((m) => m.type))].join(', ')}); use an opaque ${field}`,
        'E_FEEDBACK_INVALID',
      )
    }
  }

  const now = options.now?.() ?? new Date()
  const {id, ...fields} = input
  const record: FeedbackRecord = {id: id ?? newId(now.getTime()), timestamp_utc: now.toISOString(), ...fields, schema_version: 1}
  if (options.keepPii) return record
  const masked: Record<string, number> = {}
  const maskPii = (text: string): string => {
    const {matches} = scan(text, options.detector.ruleSet)
    for (const m of matches) masked[m.type] = (masked[m.type] ?? 0) + 1
    return matches.length === 0 ? text : redactText(text, matches, options.detector.redactor)
  }

  // Every free-text field, not only the description: an id or a tag can be an e-mail address.
  record.description = maskPii(record.description)
  record.user_id = maskPii(record.user_id)
  for (const key of ['interaction_id', 'model_version', 'source'] as const) {
    const value = record[key]
    if (value !== undefined) record[key] = maskPii(value)
  }

  if (Object.keys(masked).length > 0) record.masked = masked
  return record
}

/** The same masking, for a value to compare with stored records (a --user-id filter). */
export function maskLike(text: string, detector: Detector): string {
  const {matches} = scan(text, detector.ruleSet)
  return matches.length === 0 ? text : redactText(text, matches, detector.redactor)
}

/** Human summary of what masking did: "1 EMAIL and 1 PHONE". */
export function describeMasked(masked: Record<string, number> | undefined): string | undefined {
  if (masked === undefined) return undefined
  return Object.entries(masked)
    .map(([type, n]) => `${n} ${type}`)
    .join(' and ')
}
