import {Buffer, isUtf8} from 'node:buffer'
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

/** Windows-1252 for 0x80-0x9F (the rest of the byte range is Latin-1); undefined bytes stay as they are. */
const CP1252 = [
  0x20_ac, 0x81, 0x20_1a, 0x1_92, 0x20_1e, 0x20_26, 0x20_20, 0x20_21, 0x2_c6, 0x20_30, 0x1_60, 0x20_39, 0x1_52, 0x8d, 0x1_7d, 0x8f, 0x90, 0x20_18, 0x20_19,
  0x20_1c, 0x20_1d, 0x20_22, 0x20_13, 0x20_14, 0x2_dc, 0x21_22, 0x1_61, 0x20_3a, 0x1_53, 0x9d, 0x1_7e, 0x1_78,
]

/** Length of the valid UTF-8 sequence at `i`, or 0. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number
  if (b < 0x80) return 1
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
  if (length === 0 || i + length > bytes.length) return 0
  for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return 0
  const second = bytes[i + 1] as number
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return 0
  return length
}

/**
 * Bytes that are not valid UTF-8 (a Latin-1 or Windows-1252 log): valid UTF-8 sequences are
 * decoded as UTF-8 and every other byte as Windows-1252, so `jos\xe9@example.com` reads as the
 * address it is instead of a replacement character that would hide it from the rules.
 */
export function decodeLenient(bytes: Uint8Array): string {
  let out = ''
  let run = 0
  const flush = (end: number): void => {
    if (end > run) out += Buffer.from(bytes.buffer, bytes.byteOffset + run, end - run).toString('utf8')
  }

  for (let i = 0; i < bytes.length;) {
    const length = utf8Length(bytes, i)
    if (length > 0) {
      i += length
      continue
    }

    flush(i)
    const b = bytes[i] as number
    out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? (CP1252[b - 0x80] as number) : b)
    i++
    run = i
  }

  flush(bytes.length)
  return out
}

/**
 * The lines of a frame of whole lines (raw bytes), each decoded on its own: UTF-8, or as
 * `decodeLenient` says where it is not valid UTF-8. A line longer than `maxLineBytes` bytes (its
 * length in bytes, wherever it falls in the input) becomes an OversizedLine. A UTF-8 byte order
 * mark at the start of the input (`atStart`) is dropped. With `spans`, each line also gets its
 * byte range in the frame (two numbers: start, end without the line break), or -1, -1 where its
 * text is not those bytes read as UTF-8 (decoded leniently, or too long).
 */
export function frameLines(frame: Uint8Array, maxLineBytes: number, atStart: boolean, spans?: number[]): Array<string | OversizedLine> {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.length)
  const lines: Array<string | OversizedLine> = []
  let start = atStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start)
    const next = nl === -1 ? bytes.length : nl + 1
    let end = nl === -1 ? bytes.length : nl
    if (end > start && bytes[end - 1] === 0x0d) end--
    if (end - start > maxLineBytes) {
      lines.push(new OversizedLine(end - start))
      spans?.push(-1, -1)
    } else {
      const text = bytes.toString('utf8', start, end)
      const lenient = text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, end))
      lines.push(lenient ? decodeLenient(bytes.subarray(start, end)) : text)
      if (lenient) spans?.push(-1, -1)
      else spans?.push(start, end)
    }

    start = next
  }

  return lines
}
