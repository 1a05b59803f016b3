/**
 * Cuts a byte stream into frames of whole lines without decoding it, so the main thread can hand
 * raw bytes to worker threads and keep exact line numbers.
 */

export type Frame =
  /** Complete lines (the last one may lack its newline at the end of the input). */
  | {bytes: Uint8Array; lines: number}
  /** One line longer than the limit: its bytes were dropped, only its size is kept. */
  | {oversized: number; lines: 1}

const NEWLINE = 0x0a

/** A copy with an ArrayBuffer of its own (Buffer#slice would share, and pooled Buffers must not be transferred). */
const copy = (bytes: Uint8Array): Uint8Array => Uint8Array.prototype.slice.call(bytes)

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}

function countLines(bytes: Uint8Array): number {
  let count = 0
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) count++
  return count
}

export class LineFramer {
  private carry: Uint8Array = new Uint8Array(0)
  /** Bytes of the over-long line being skipped, or -1. */
  private skipped = -1

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = []
    let data = chunk
    if (this.skipped >= 0) {
      const nl = data.indexOf(NEWLINE)
      if (nl === -1) {
        this.skipped += data.length
        return frames
      }

      frames.push({oversized: this.skipped + nl, lines: 1})
      this.skipped = -1
      data = data.subarray(nl + 1)
    }

    const last = data.lastIndexOf(NEWLINE)
    if (last === -1) {
      this.carry = this.carry.length === 0 ? copy(data) : join(this.carry, data)
      if (this.carry.length > this.maxLineBytes) {
        this.skipped = this.carry.length
        this.carry = new Uint8Array(0)
      }

      return frames
    }

    // A fresh buffer of its own: it may be transferred to a worker thread (a pooled Buffer must not be).
    const whole = new Uint8Array(this.carry.length + last + 1)
    whole.set(this.carry)
    whole.set(data.subarray(0, last + 1), this.carry.length)
    this.carry = copy(data.subarray(last + 1))
    const lines = countLines(whole)
    // The first line of `whole` may itself be too long (carry + its end).
    const firstEnd = whole.indexOf(NEWLINE)
    if (firstEnd > this.maxLineBytes) {
      frames.push({oversized: firstEnd, lines: 1})
      if (lines > 1) frames.push({bytes: whole.subarray(firstEnd + 1), lines: lines - 1})
    } else {
      frames.push({bytes: whole, lines})
    }

    if (this.carry.length > this.maxLineBytes) {
      this.skipped = this.carry.length
      this.carry = new Uint8Array(0)
    }

    return frames
  }

  /** The last line when the input does not end with a newline. */
  end(): Frame[] {
    if (this.skipped >= 0) {
      const size = this.skipped
      this.skipped = -1
      return [{oversized: size, lines: 1}]
    }

    if (this.carry.length === 0) return []
    const bytes = this.carry
    this.carry = new Uint8Array(0)
    return [{bytes, lines: 1}]
  }
}
