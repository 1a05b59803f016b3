/**
 * Latency percentiles in bounded memory, mergeable. Exact (nearest-rank) up to a limit of
 * samples (EXACT_LIMIT unless told), then a logarithmic histogram with 1% relative accuracy (the
 * DDSketch idea), so a 1 GB log costs a few kilobytes, not one number per record. Two sketches
 * with the same limit merge into the sketch of all their samples: the same buckets whatever way
 * the samples were split (see `merge`).
 */

export const EXACT_LIMIT = 10_000
const GAMMA = 1.02
const LOG_GAMMA = Math.log(GAMMA)

/** A sketch as data: what a partial summary stores and `LatencyStats.from` reads back. */
export interface LatencyState {
  count: number
  /** The exact sum as non-overlapping partials (their total, rounded once, is the sum). */
  sum: number[]
  min: number | null
  max: number | null
  /** The samples themselves while there are at most the sketch's limit, sorted; null once they are bucketed. */
  exact: number[] | null
  zeros: number
  /** [bucket key, count], sorted by key. */
  buckets: Array<[number, number]>
}

/**
 * Exact summation (Shewchuk's partials, as Python's math.fsum): the sum of the samples rounded
 * once, so it does not depend on the order they were added or how they were split and merged.
 */
class ExactSum {
  partials: number[] = []

  add(value: number): void {
    let x = value
    let kept = 0
    for (const y of this.partials) {
      const [hi, lo] = Math.abs(x) < Math.abs(y) ? [y, x] : [x, y]
      const sum = hi + lo
      const err = lo - (sum - hi)
      if (err !== 0) this.partials[kept++] = err
      x = sum
    }

    this.partials.length = kept
    this.partials.push(x)
  }

  /** The correctly rounded total (half-even on ties, as fsum). */
  get value(): number {
    const p = this.partials
    let n = p.length
    if (n === 0) return 0
    let hi = p[--n] as number
    let lo = 0
    while (n > 0) {
      const x = hi
      const y = p[--n] as number
      hi = x + y
      lo = y - (hi - x)
      if (lo !== 0) break
    }

    if (n > 0 && ((lo < 0 && (p[n - 1] as number) < 0) || (lo > 0 && (p[n - 1] as number) > 0))) {
      const y = lo * 2
      const x = hi + y
      if (y === x - hi) hi = x
    }

    return hi
  }
}

export class LatencyStats {
  count = 0
  private readonly total = new ExactSum()
  max = Number.NEGATIVE_INFINITY
  min = Number.POSITIVE_INFINITY
  private exact: number[] | undefined = []
  private readonly buckets = new Map<number, number>()
  private zeros = 0

  /** `exactLimit`: samples kept as they are before they are bucketed; sketches that merge share it. */
  constructor(private readonly exactLimit = EXACT_LIMIT) {}

  /** A sketch from its state; samples past `exactLimit` (a state written with a larger one) are bucketed. */
  static from(state: LatencyState, exactLimit = EXACT_LIMIT): LatencyStats {
    const stats = new LatencyStats(exactLimit)
    stats.count = state.count
    for (const part of state.sum) stats.total.add(part)
    stats.min = state.min ?? Number.POSITIVE_INFINITY
    stats.max = state.max ?? Number.NEGATIVE_INFINITY
    stats.exact = state.exact === null ? undefined : [...state.exact]
    stats.zeros = state.zeros
    for (const [key, n] of state.buckets) stats.buckets.set(key, n)
    if ((stats.exact?.length ?? 0) > exactLimit) stats.bucketAll()
    return stats
  }

  /** The samples' total, exact to the last bit whatever their order. */
  get sum(): number {
    return this.total.value
  }

  add(value: number): void {
    this.count++
    this.total.add(value)
    if (value > this.max) this.max = value
    if (value < this.min) this.min = value
    if (this.exact === undefined) {
      this.addToSketch(value)
      return
    }

    this.exact.push(value)
    if (this.exact.length > this.exactLimit) this.bucketAll()
  }

  /**
   * Adds another sketch's samples. The result is what one sketch fed all the samples would hold:
   * exact while the total stays within the limit, otherwise every sample in its bucket (a
   * sample's bucket does not depend on what else was seen), and the same exact sum.
   */
  merge(other: LatencyStats): void {
    this.count += other.count
    for (const part of other.total.partials) this.total.add(part)
    this.max = Math.max(this.max, other.max)
    this.min = Math.min(this.min, other.min)
    if (this.exact !== undefined && other.exact !== undefined && this.exact.length + other.exact.length <= this.exactLimit) {
      this.exact.push(...other.exact)
      return
    }

    if (this.exact !== undefined) this.bucketAll()
    if (other.exact === undefined) {
      this.zeros += other.zeros
      for (const [key, n] of other.buckets) this.buckets.set(key, (this.buckets.get(key) ?? 0) + n)
    } else {
      for (const v of other.exact) this.addToSketch(v)
    }
  }

  state(): LatencyState {
    return {
      count: this.count,
      sum: [...this.total.partials],
      min: this.count === 0 ? null : this.min,
      max: this.count === 0 ? null : this.max,
      exact: this.exact === undefined ? null : [...this.exact].sort((a, b) => a - b),
      zeros: this.zeros,
      buckets: [...this.buckets].sort(([a], [b]) => a - b),
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

  private bucketAll(): void {
    for (const v of this.exact ?? []) this.addToSketch(v)
    this.exact = undefined
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
