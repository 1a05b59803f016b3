import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {LatencyStats} from '../../src/engine/index.js'
import {EXACT_LIMIT} from '../../src/engine/stats.js'

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number
}

describe('LatencyStats', () => {
  it('is empty without samples', () => {
    const stats = new LatencyStats()
    expect(stats.percentile(50)).toBeNull()
    expect(stats.percentiles([50, 95])).toEqual([null, null])
  })

  it('gives exact nearest-rank percentiles for small inputs', () => {
    const stats = new LatencyStats()
    for (const v of [842, 120, 3000, 1500, 990]) stats.add(v)
    expect(stats.percentiles([50, 90, 95, 99])).toEqual([990, 3000, 3000, 3000])
    expect(stats.percentile(20)).toBe(120)
    expect(stats.isExact).toBe(true)
    expect(stats.max).toBe(3000)
  })

  it('estimates within 1% once the sample outgrows exact mode', () => {
    const values: number[] = []
    let seed = 7
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      values.push(1 + (seed % 100_000) / 10)
    }

    const stats = new LatencyStats()
    for (const v of values) stats.add(v)
    expect(stats.isExact).toBe(false)
    for (const p of [50, 90, 95, 99]) {
      const exact = nearestRank(values, p)
      expect(Math.abs((stats.percentile(p) as number) - exact) / exact).toBeLessThan(0.01)
    }

    expect(stats.percentile(100)).toBe(values.reduce((a, b) => Math.max(a, b)))
  })

  it('merges into the sketch of all the samples, however they were split, in any order', () => {
    const feed = (values: readonly number[], limit: number): LatencyStats => {
      const stats = new LatencyStats(limit)
      for (const v of values) stats.add(v)
      return stats
    }

    const sample = fc.oneof(fc.integer({min: 0, max: 120_000}), fc.double({min: 0, max: 1e6, noNaN: true}))
    // The run's limit, a part's, or a tiny one; lists around the limit: the merge must switch to
    // buckets exactly when one pass would.
    const limitAndValues = fc.constantFrom(EXACT_LIMIT, 1000, 1, 7).chain((limit) =>
      fc.tuple(
        fc.constant(limit),
        fc.oneof(
          fc.array(sample, {maxLength: 60}),
          fc.integer({min: Math.max(0, limit - 40), max: limit + 40}).chain((n) => fc.array(sample, {minLength: n, maxLength: n})),
        ),
      ),
    )
    fc.assert(
      fc.property(limitAndValues, fc.array(fc.nat(), {maxLength: 4}), fc.boolean(), ([limit, all], cutsRaw, reverse) => {
        const cuts = [...new Set(cutsRaw.map((c) => c % (all.length + 1)))].sort((a, b) => a - b)
        const parts = [0, ...cuts, all.length].slice(1).map((end, i, ends) => all.slice(i === 0 ? 0 : ends[i - 1], end))
        const merged = new LatencyStats(limit)
        for (const part of reverse ? [...parts].reverse() : parts) merged.merge(LatencyStats.from(feed(part, limit).state(), limit))
        const single = feed(all, limit)
        // The partials of an exact sum depend on the order; their total does not.
        const comparable = (stats: LatencyStats) => ({...stats.state(), sum: stats.sum})
        expect(comparable(merged)).toEqual(comparable(single))
        expect(merged.percentiles([50, 90, 95, 99, 100])).toEqual(single.percentiles([50, 90, 95, 99, 100]))
        expect(single.isExact).toBe(all.length <= limit)
      }),
      {numRuns: 60},
    )
  })

  it('reads a state kept with a larger limit as one pass with its own limit would have kept it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 120_000}), {maxLength: 40}), fc.integer({min: 1, max: 20}), (values, limit) => {
        const wide = new LatencyStats(100)
        const narrow = new LatencyStats(limit)
        for (const v of values) {
          wide.add(v)
          narrow.add(v)
        }

        const read = LatencyStats.from(wide.state(), limit)
        expect({...read.state(), sum: read.sum}).toEqual({...narrow.state(), sum: narrow.sum})
      }),
    )
  })
})
