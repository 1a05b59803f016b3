/**
 * A run's figures over time, in buckets that merge exactly. Buckets are aligned on the epoch, and
 * their width is the narrowest step of WIDTHS that keeps at most MAX_BUCKETS of them: every width
 * divides the next, so a bucket of one width is a whole number of buckets of the width before,
 * and narrowing never has to be undone. The width a run ends with depends only on the set of its
 * records' times, never on their order or on how the run was split: a part never needs a wider
 * step than the whole, and a merge widens until the union fits, as the single run did.
 */

/** Buckets kept at most: enough points for a chart, a few kilobytes per bucket. */
export const MAX_BUCKETS = 120

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Bucket widths, each a multiple of the one before; past the last, the width doubles. */
export const WIDTHS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 28 * DAY, 364 * DAY]

/** The width after `width`: the next step of WIDTHS, then doubling (whole multiples all the way). */
export function widerThan(width: number): number {
  return WIDTHS.find((w) => w > width) ?? width * 2
}

/** What a bucket holds: merged by adding each part into the same part of the other. */
export interface BucketContent<T> {
  add(other: T): void
}

/**
 * Buckets of `T` by start time (ms since the epoch). `make` creates an empty bucket; a bucket's
 * `add` merges another into it.
 */
export class Timeline<T extends BucketContent<T>> {
  width = WIDTHS[0] as number
  readonly buckets = new Map<number, T>()

  constructor(private readonly make: () => T) {}

  /** The bucket of the instant `ms` (finite), widening the buckets first when a new one would be one too many. */
  at(ms: number): T {
    let start = Math.floor(ms / this.width) * this.width
    let bucket = this.buckets.get(start)
    if (bucket !== undefined) return bucket
    while (this.buckets.size >= MAX_BUCKETS) {
      this.widen()
      start = Math.floor(ms / this.width) * this.width
      bucket = this.buckets.get(start)
      if (bucket !== undefined) return bucket
    }

    bucket = this.make()
    this.buckets.set(start, bucket)
    return bucket
  }

  /** Adds another timeline's buckets: both at the wider width, then wider until they fit. */
  merge(other: Timeline<T>): void {
    while (this.width < other.width) this.widen()
    for (const [start, bucket] of other.buckets) {
      const into = this.width === other.width ? start : Math.floor(start / this.width) * this.width
      const existing = this.buckets.get(into)
      if (existing === undefined) {
        const fresh = this.make()
        fresh.add(bucket)
        this.buckets.set(into, fresh)
      } else existing.add(bucket)
    }

    while (this.buckets.size > MAX_BUCKETS) this.widen()
  }

  /** Buckets in time order. */
  sorted(): Array<[number, T]> {
    return [...this.buckets].sort(([a], [b]) => a - b)
  }

  private widen(): void {
    this.width = widerThan(this.width)
    const old = [...this.buckets]
    this.buckets.clear()
    for (const [start, bucket] of old) {
      const into = Math.floor(start / this.width) * this.width
      const existing = this.buckets.get(into)
      if (existing === undefined) this.buckets.set(into, bucket)
      else existing.add(bucket)
    }
  }
}
