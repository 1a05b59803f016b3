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
  throw usageError(`invalid feedback${where}: ${describeIssues(result.error.issues)}`, 'E_FEEDBACK_INVALID')
}

/**
 * Turn a validated input into the record to store: personal data and secrets in the description
 * are replaced (unless --keep-pii), and the record gets a sortable id and a UTC timestamp.
 */
export function toRecord(input: FeedbackInput, options: CaptureOptions): FeedbackRecord {
  const now = options.now?.() ?? new Date()
  const {id, ...fields} = input
  const record: FeedbackRecord = {id: id ?? newId(now.getTime()), timestamp_utc: now.toISOString(), ...fields, schema_version: 1}
  if (options.keepPii) return record
  const {matches} = scan(input.description, options.detector.ruleSet)
  if (matches.length === 0) return record
  record.description = redactText(input.description, matches, options.detector.redactor)
  record.masked = {}
  for (const m of matches) record.masked[m.type] = (record.masked[m.type] ?? 0) + 1
  return record
}

/** Human summary of what masking did: "1 EMAIL and 1 PHONE". */
export function describeMasked(masked: Record<string, number> | undefined): string | undefined {
  if (masked === undefined) return undefined
  return Object.entries(masked)
    .map(([type, n]) => `${n} ${type}`)
    .join(' and ')
}
