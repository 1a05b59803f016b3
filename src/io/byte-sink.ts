/** Texts longer than this (in UTF-16 units) are measured before they are written. */
const MEASURE_FROM = 16_384

/**
 * A growing run of bytes, written as UTF-8 text or copied from other bytes: a frame's output,
 * which is handed on (or moved to another thread) as one Uint8Array. Its memory is its own (not
 * Node's shared pool of small buffers), so that moving it moves nothing else, and zero-filled, so
 * that the unused end of what is moved holds nothing from memory used before.
 */
export class ByteSink {
  private buffer: Buffer
  private length = 0

  constructor(capacity: number) {
    this.buffer = Buffer.alloc(Math.max(256, capacity))
  }

  /** Append `text` as UTF-8. */
  text(text: string): void {
    // A UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, 4 for two units); a long
    // text is measured, so that one huge record does not make room for three times its size.
    this.reserve(text.length > MEASURE_FROM ? Buffer.byteLength(text, 'utf8') : 3 * text.length)
    this.length += this.buffer.write(text, this.length, 'utf8')
  }

  /** Append `from[start, end)` as it is. */
  copy(from: Uint8Array, start: number, end: number): void {
    this.reserve(end - start)
    this.buffer.set(from.subarray(start, end), this.length)
    this.length += end - start
  }

  /** The bytes written so far (a view of the sink's own memory). */
  done(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }

  private reserve(more: number): void {
    const needed = this.length + more
    if (needed <= this.buffer.length) return
    let size = 2 * this.buffer.length
    while (size < needed) size *= 2
    const grown = Buffer.alloc(size)
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }
}
