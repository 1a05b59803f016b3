import {describe, expect, it} from 'vitest'

import {LatencyStats} from '../../src/engine/index.js'

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
})
