/**
 * Where the units of a derived text (decoded, normalised) came from in its source: a list of the
 * pieces that changed, identity in between. Small (one entry per change), so mapping a few
 * finding offsets back costs nothing for texts that barely change.
 */
export class OffsetMap {
  private readonly outStart: number[] = []
  private readonly outEnd: number[] = []
  private readonly srcStart: number[] = []
  private readonly srcEnd: number[] = []

  get empty(): boolean {
    return this.outStart.length === 0
  }

  /** Record that source units [srcStart, srcEnd) became output units [outStart, outEnd); in order. */
  add(outStart: number, outEnd: number, srcStart: number, srcEnd: number): void {
    this.outStart.push(outStart)
    this.outEnd.push(outEnd)
    this.srcStart.push(srcStart)
    this.srcEnd.push(srcEnd)
  }

  /** Index of the last piece starting at or before output unit `o`, or -1. */
  private pieceAt(o: number): number {
    let lo = 0
    let hi = this.outStart.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((this.outStart[mid] as number) <= o) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }

    // Several pieces can start at one output index (removed units): take the last that holds `o`.
    return found
  }

  /** Source index of the unit that produced output unit `o`. */
  from(o: number): number {
    const k = this.pieceAt(o)
    if (k === -1) return o
    if (o < (this.outEnd[k] as number)) return this.srcStart[k] as number
    return (this.srcEnd[k] as number) + o - (this.outEnd[k] as number)
  }

  /** Source index just after the unit that produced output unit `o`. */
  to(o: number): number {
    const k = this.pieceAt(o)
    if (k !== -1 && o < (this.outEnd[k] as number)) return this.srcEnd[k] as number
    return this.from(o) + 1
  }

  /** The source span of the output span [start, end) (end > start). */
  span(start: number, end: number): [number, number] {
    return [this.from(start), this.to(end - 1)]
  }
}
