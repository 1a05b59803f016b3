/**
 * Latency percentiles in bounded memory. Exact (nearest-rank) up to EXACT_LIMIT samples, then a
 * logarithmic histogram with 1% relative accuracy (the DDSketch idea), so a 1 GB log costs a few
 * kilobytes, not one number per record.
 */

const EXACT_LIMIT = 10_000
const GAMMA = 1.02
const LOG_GAMMA = Math.log(GAMMA)

export class LatencyStats {
  count = 0
  sum = 0
  max = Number.NEGATIVE_INFINITY
  min = Number.POSITIVE_INFINITY
  private exact: number[] | undefined = []
  private readonly buckets = new Map<number, number>()
  private zeros = 0

  add(value: number): void {
    this.count++
    this.sum += value
    if (value > this.max) this.max = value
    if (value < this.min) this.min = value
    if (this.exact === undefined) {
      this.addToSketch(value)
      return
    }

    this.exact.push(value)
    if (this.exact.length > EXACT_LIMIT) {
      for (const v of this.exact) this.addToSketch(v)
      this.exact = undefined
    }
  }

  /** True while percentiles are exact rather than estimated within 1%. */
  get isExact(): boolean {
    return this.exact !== undefined
  }

  /** Nearest-rank percentile, `p` in (0, 100]; null without samples. */
  percentile(p: number): number | null {
    if (this.count === 0) return null
    const rank = Math.min(this.count, Math.max(1, Math.ceil((p / 100) * this.count)))
    if (rank === this.count) return this.max
    if (this.exact !== undefined) return [...this.exact].sort((a, b) => a - b)[rank - 1] ?? null
    if (rank <= this.zeros) return Math.max(0, this.min)
    let seen = this.zeros
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(key) ?? 0
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, (2 * GAMMA ** key) / (GAMMA + 1)))
    }

    return this.max
  }

  /** Several percentiles with one sort. */
  percentiles(ps: readonly number[]): Array<number | null> {
    if (this.exact !== undefined && this.exact.length > 0) {
      const sorted = [...this.exact].sort((a, b) => a - b)
      return ps.map((p) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? null)
    }

    return ps.map((p) => this.percentile(p))
  }

  private addToSketch(value: number): void {
    if (value <= 0) {
      this.zeros++
      return
    }

    const key = Math.ceil(Math.log(value) / LOG_GAMMA)
    this.buckets.set(key, (this.buckets.get(key) ?? 0) + 1)
  }
}
