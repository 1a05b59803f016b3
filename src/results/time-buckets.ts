/**
 * The run's figures per span of time (what charts over time are drawn from): a tally and the
 * findings by type per bucket, for the records that carry a time of their own.
 */
import {PART_EXACT_LIMIT, Tally, tokensPerRecord, type TallyState} from './tally.js'
import {Timeline, type BucketContent} from './timeline.js'
import type {FindingFacts, RecordFacts} from './record.js'

const addCount = (map: Map<string, number>, key: string, n: number): void => {
  map.set(key, (map.get(key) ?? 0) + n)
}

export class TimeBucket implements BucketContent<TimeBucket> {
  readonly tally = new Tally(PART_EXACT_LIMIT)
  readonly byType = new Map<string, number>()

  add(other: TimeBucket): void {
    this.tally.merge(other.tally)
    for (const [type, n] of other.byType) addCount(this.byType, type, n)
  }

  /** One record, with its new findings and the findings past the per-record limit, by type. */
  record(
    facts: RecordFacts,
    slowMs: number,
    malformed: boolean,
    fresh: readonly FindingFacts[],
    omitted: ReadonlyArray<readonly [string, {count: number}]>,
  ): void {
    this.tally.add(facts, slowMs, malformed)
    for (const {type} of fresh) addCount(this.byType, type, 1)
    for (const [type, {count}] of omitted) addCount(this.byType, type, count)
  }
}

/** A timeline as data, in a summary file. */
export interface TimelineState {
  width_ms: number
  buckets: Array<{start_ms: number; tally: TallyState; by_type: Record<string, number>}>
}

/** A bucket as the summary shows it. */
export interface BucketSummary {
  /** Start of the bucket (ISO-8601 UTC); it ends `width_ms` later. */
  start: string
  records: number
  errors: number
  pii: number
  secrets: number
  slow: number
  latency: {count: number; p50: number | null; p95: number | null; p99: number | null}
  tokens_per_record: number | null
  by_type: Record<string, number>
}

/** Records with a time of their own, per bucket of `width_ms`, in time order. */
export interface TimelineSummary {
  width_ms: number
  buckets: BucketSummary[]
}

const sortedCounts = (map: Map<string, number>): Record<string, number> => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

export const newTimeline = (): Timeline<TimeBucket> => new Timeline(() => new TimeBucket())

export function timelineState(timeline: Timeline<TimeBucket>): TimelineState {
  return {
    width_ms: timeline.width,
    buckets: timeline.sorted().map(([start, b]) => ({start_ms: start, tally: b.tally.state(), by_type: sortedCounts(b.byType)})),
  }
}

export function timelineFrom(state: TimelineState): Timeline<TimeBucket> {
  const timeline = newTimeline()
  timeline.width = state.width_ms
  for (const b of state.buckets) {
    const bucket = new TimeBucket()
    bucket.tally.merge(Tally.from(b.tally, PART_EXACT_LIMIT))
    for (const [type, n] of Object.entries(b.by_type)) bucket.byType.set(type, n)
    timeline.buckets.set(b.start_ms, bucket)
  }

  return timeline
}

export function timelineSummary(timeline: Timeline<TimeBucket>): TimelineSummary {
  return {
    width_ms: timeline.width,
    buckets: timeline.sorted().map(([start, {tally, byType}]) => {
      const [p50, p95, p99] = tally.latency.percentiles([50, 95, 99])
      return {
        start: new Date(start).toISOString(),
        records: tally.records,
        errors: tally.errors,
        pii: tally.pii,
        secrets: tally.secrets,
        slow: tally.slow,
        latency: {count: tally.latency.count, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null},
        tokens_per_record: tokensPerRecord(tally),
        by_type: sortedCounts(byType),
      }
    }),
  }
}
