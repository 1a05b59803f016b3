/**
 * A run's summary as a file (`--summary-out`): versioned JSON that `llmops monitor merge` reads
 * back, validated field by field, so that partial runs on many machines combine into exactly the
 * summary, verdict and reports of one run over all their inputs (docs/scale.md).
 */
import {z} from 'zod'

import type {Issue} from '../config/issues.js'
import type {SummaryTallies} from './summary.js'
import {MAX_BUCKETS, WIDTHS, widerThan} from './timeline.js'

/** 2: tallies hold token counts, the timeline (time buckets) and the --since/--until window. */
export const SUMMARY_FILE_VERSION = 2

export interface RuleInfo {
  id: string
  type: string
  category: 'pii' | 'secret'
  severity: 'low' | 'medium' | 'high' | 'critical'
  description: string
}

export interface SummaryFile {
  /** `llmops-summary`, and the version of this layout. */
  format: 'llmops-summary'
  version: typeof SUMMARY_FILE_VERSION
  tool: {name: 'llmops'; version: string}
  /**
   * A hash of every setting that changes what a record counts as (fields, rules, allowlist, slow
   * threshold, grouping, accepted fingerprints): parts are merged only when it is the same.
   */
  settings: string
  /** Which shards of `count` this summary covers (1-based), or null for a run over whole inputs. */
  shards: {count: number; covered: number[]} | null
  inputs: string[]
  rules: RuleInfo[]
  duration_ms: number
  tallies: SummaryTallies
}

const count = z.number().int().min(0)
const counts = z.record(z.string(), count)
const latency = z.strictObject({
  count,
  sum: z.array(z.number()),
  min: z.number().nullable(),
  max: z.number().nullable(),
  exact: z.array(z.number()).nullable(),
  zeros: count,
  buckets: z.array(z.tuple([z.number().int(), count])),
})
const tally = z.strictObject({
  records: count,
  errors: count,
  pii: count,
  secrets: count,
  slow: count,
  missing_latency: count,
  tokens: count,
  with_tokens: count,
  latency,
})
const instant = z.number().int().min(-8.64e15).max(8.64e15)
/** A width the timeline can have: a step of WIDTHS or a doubling past the last one. */
const isWidth = (w: number): boolean => {
  let width = WIDTHS[0] as number
  while (width < w) width = widerThan(width)
  return width === w
}

const timeline = z
  .strictObject({
    width_ms: z.number().int().positive().refine(isWidth, 'not a bucket width llmops uses'),
    buckets: z.array(z.strictObject({start_ms: instant, tally, by_type: counts})).max(MAX_BUCKETS),
  })
  .refine(
    (t) => t.buckets.every((b, i) => b.start_ms % t.width_ms === 0 && (i === 0 || b.start_ms > (t.buckets[i - 1]?.start_ms as number))),
    'buckets must start on multiples of width_ms, in time order',
  )
const window = z.strictObject({since: z.iso.datetime().nullable(), until: z.iso.datetime().nullable(), before: count, after: count, untimed: count}).nullable()
const severity = z.enum(['low', 'medium', 'high', 'critical'])
const category = z.enum(['pii', 'secret'])
const detail = z.strictObject({
  type: z.string(),
  category,
  rule: z.string(),
  severity,
  field: z.string(),
  start: count,
  end: count,
  masked: z.string(),
  fingerprint: z.string(),
  ignored: z.boolean(),
  preexisting: z.boolean(),
  file: z.string(),
  line: count,
})

const schema = z.strictObject({
  format: z.literal('llmops-summary'),
  version: z.literal(SUMMARY_FILE_VERSION),
  tool: z.strictObject({name: z.literal('llmops'), version: z.string()}),
  settings: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  shards: z.strictObject({count: z.number().int().min(1), covered: z.array(z.number().int().min(1)).min(1)}).nullable(),
  inputs: z.array(z.string()),
  rules: z.array(z.strictObject({id: z.string(), type: z.string(), category, severity, description: z.string()})),
  duration_ms: count,
  tallies: z.strictObject({
    slow_ms: z.number().positive(),
    group_by: z.string().nullable(),
    all: tally,
    groups: z.record(z.string(), tally),
    by_type: counts,
    suppressed_by_type: counts,
    by_kind: counts,
    records_with_pii: count,
    records_with_secrets: count,
    records_with_findings: count,
    malformed_lines: count,
    unscanned_lines: count,
    unscanned: z.array(z.strictObject({file: z.string(), line: count, reason: z.string()})),
    ignored: count,
    preexisting: count,
    blank_lines: count,
    unchanged_lines: count,
    details: z.array(detail),
    details_left_out: count,
    detail_limit: count,
    used_ignores: z.array(z.string()),
    first_time: z.iso.datetime().nullable(),
    last_time: z.iso.datetime().nullable(),
    timeline,
    window,
  }),
})

/** The problems of a parsed summary file, each naming its key; none when it is valid. */
export function checkSummaryFile(data: unknown): {file: SummaryFile} | {issues: readonly Issue[]} {
  if (
    typeof data === 'object' &&
    data !== null &&
    (data as {format?: unknown}).format === 'llmops-summary' &&
    (data as {version?: unknown}).version !== SUMMARY_FILE_VERSION
  ) {
    const version = (data as {version?: unknown}).version
    const older = typeof version === 'number' && version < SUMMARY_FILE_VERSION
    // Version 1 has no token counts and no time buckets: filling them in would make merges and comparisons wrong.
    return {
      issues: [
        {
          path: ['version'],
          message: `version ${JSON.stringify(version)} is not one this llmops reads (${SUMMARY_FILE_VERSION})${older ? '; it was written by an older llmops: scan the logs again with this one' : ''}`,
        },
      ],
    }
  }

  const result = schema.safeParse(data)
  if (result.success) return {file: result.data as SummaryFile}
  return {issues: result.error.issues}
}
