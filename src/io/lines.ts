import {StringDecoder} from 'node:string_decoder'

/** A line longer than the limit: its text is dropped, only its length is kept. */
export class OversizedLine {
  constructor(readonly length: number) {}
}

export interface LineBatch {
  /** 1-based number of the first line in `lines`. */
  firstLine: number
  /** Lines without their `\n` / `\r\n`; blank lines included so that numbering stays exact. */
  lines: Array<string | OversizedLine>
}

const SLICE = 16 * 1024

/** Default cap on one line, in UTF-16 code units (64 Mi): a runaway line cannot exhaust memory. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024

/**
 * Splits a byte stream into lines, chunk by chunk, decoding UTF-8 across chunk borders.
 * Partial lines are kept as a list of parts and joined once, so a huge line costs O(n).
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private parts: string[] = []
  private partLength = 0
  private oversized = false
  private nextLine = 1
  private atStart = true

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  /**
   * Decoded in slices of SLICE bytes: a decoded slice stays below V8's large-object size, so it
   * dies young in the scavenger instead of piling up in old space until a full GC.
   */
  push(chunk: Uint8Array): LineBatch {
    if (chunk.length <= SLICE) return this.split(this.decoder.write(chunk as Buffer), false)
    const batch: LineBatch = {firstLine: this.nextLine, lines: []}
    for (let i = 0; i < chunk.length; i += SLICE) batch.lines.push(...this.split(this.decoder.write(chunk.subarray(i, i + SLICE) as Buffer), false).lines)
    return batch
  }

  /** Flush the last line (a file need not end with a newline). */
  end(): LineBatch {
    return this.split(this.decoder.end(), true)
  }

  private split(decoded: string, final: boolean): LineBatch {
    let text = decoded
    if (this.atStart && text.length > 0) {
      this.atStart = false
      if (text.codePointAt(0) === 0xfe_ff) text = text.slice(1)
    }

    const batch: LineBatch = {firstLine: this.nextLine, lines: []}
    let cursor = 0
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', cursor)) {
      this.take(text.slice(cursor, nl))
      batch.lines.push(this.finishLine())
      cursor = nl + 1
    }

    if (cursor < text.length) this.take(cursor === 0 ? text : text.slice(cursor))
    if (final && (this.partLength > 0 || this.oversized)) batch.lines.push(this.finishLine())
    this.nextLine += batch.lines.length
    return batch
  }

  private take(piece: string): void {
    if (this.oversized) {
      this.partLength += piece.length
      return
    }

    this.parts.push(piece)
    this.partLength += piece.length
    if (this.partLength > this.maxLineLength) {
      this.oversized = true
      this.parts = []
    }
  }

  private finishLine(): string | OversizedLine {
    let line: string | OversizedLine
    if (this.oversized) {
      line = new OversizedLine(this.partLength)
    } else {
      const joined = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('')
      line = joined.endsWith('\r') ? joined.slice(0, -1) : joined
    }

    this.parts = []
    this.partLength = 0
    this.oversized = false
    return line
  }
}
