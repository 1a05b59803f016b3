import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {MAX_BUCKETS, Timeline, WIDTHS, widerThan, type BucketContent} from '../../src/results/timeline.js'
import {newTimeline, timelineFrom, timelineState, timelineSummary} from '../../src/results/time-buckets.js'
import type {RecordFacts} from '../../src/results/record.js'

class Count implements BucketContent<Count> {
  n = 0
  add(other: Count): void {
    this.n += other.n
  }
}

const counts = (t: Timeline<Count>): Array<[number, number]> => t.sorted().map(([start, c]) => [start, c.n])
const build = (times: readonly number[]): Timeline<Count> => {
  const t = new Timeline(() => new Count())
  for (const ms of times) t.at(ms).n++
  return t
}

/** Distinct buckets of `times` at `width`. */
const distinct = (times: readonly number[], width: number): number => new Set(times.map((ms) => Math.floor(ms / width) * width)).size

// Runs of times within hours, years or the whole range of dates (before 1970 too), long enough to widen the buckets.
const span = (min: number, max: number) => fc.array(fc.integer({min, max}), {maxLength: 600, size: 'max'})
const runOfTimes = fc.oneof(span(1_700_000_000_000, 1_700_000_000_000 + 6 * 3_600_000), span(1_600_000_000_000, 1_900_000_000_000), span(-8.64e15, 8.64e15))

describe('Timeline', () => {
  it('every width is a whole multiple of the one before, so buckets nest', () => {
    let width = WIDTHS[0] as number
    for (let i = 0; i < 40; i++) {
      const next = widerThan(width)
      expect(next % width).toBe(0)
      expect(next).toBeGreaterThan(width)
      width = next
    }
  })

  it('ends with the narrowest width at which the records fit, whatever their order', () => {
    fc.assert(
      fc.property(runOfTimes, fc.boolean(), (times, reverse) => {
        const t = build(reverse ? [...times].reverse() : times)
        expect(t.buckets.size).toBeLessThanOrEqual(MAX_BUCKETS)
        expect(distinct(times, t.width)).toBe(t.buckets.size)
        const narrower = [...WIDTHS].reverse().find((w) => w < t.width)
        if (narrower !== undefined) expect(distinct(times, narrower)).toBeGreaterThan(MAX_BUCKETS)
        expect(counts(t).reduce((a, [, n]) => a + n, 0)).toBe(times.length)
      }),
      {numRuns: 100, endOnFailure: true},
    )
  })

  it('merging the timelines of parts gives the timeline of the whole, for any split and order', () => {
    fc.assert(
      fc.property(runOfTimes, fc.array(fc.nat(), {maxLength: 6}), fc.boolean(), (times, cutsRaw, reverse) => {
        const whole = build(times)
        const cuts = [...new Set(cutsRaw.map((c) => c % (times.length + 1)))].sort((a, b) => a - b)
        const bounds = [0, ...cuts, times.length]
        const parts = bounds.slice(1).map((end, i) => build(times.slice(bounds[i], end)))
        const [first, ...rest] = reverse ? parts.reverse() : parts
        const merged = first as Timeline<Count>
        for (const part of rest) merged.merge(part)
        expect(merged.width).toBe(whole.width)
        expect(counts(merged)).toEqual(counts(whole))
      }),
      {numRuns: 100, endOnFailure: true},
    )
  })
})

describe('time buckets of the summary', () => {
  const facts = (ms: number, latency: number | null, pii: boolean): RecordFacts => ({
    file: 'f',
    line: 1,
    errors: [],
    findings: pii
      ? [
          {
            type: 'EMAIL',
            category: 'pii',
            rule: 'pii.email',
            severity: 'high',
            field: 'bot_response',
            start: 0,
            end: 5,
            masked: 'j***@e***.com',
            fingerprint: 'x',
            ignored: false,
            preexisting: false,
          },
        ]
      : [],
    suppressed: [],
    omitted: {},
    valueKeys: [],
    latency,
    group: undefined,
    time: new Date(ms).toISOString(),
    timeMs: ms,
  })

  it('keep tallies and findings by type per bucket, and read back what they wrote', () => {
    const timeline = newTimeline()
    const base = Date.UTC(2026, 0, 1, 10)
    for (const [i, ms] of [base, base + 10_000, base + 3_600_000].entries()) {
      const f = facts(ms, 100 * (i + 1), i !== 1)
      timeline.at(ms).record(f, 1500, false, f.findings, [])
    }

    const summary = timelineSummary(timeline)
    expect(summary.width_ms).toBe(60_000)
    expect(summary.buckets).toEqual([
      expect.objectContaining({start: '2026-01-01T10:00:00.000Z', records: 2, pii: 1, by_type: {EMAIL: 1}, latency: {count: 2, p50: 100, p95: 200, p99: 200}}),
      expect.objectContaining({start: '2026-01-01T11:00:00.000Z', records: 1, pii: 1, by_type: {EMAIL: 1}}),
    ])
    const state = JSON.parse(JSON.stringify(timelineState(timeline)))
    expect(timelineSummary(timelineFrom(state))).toEqual(summary)
  })
})
