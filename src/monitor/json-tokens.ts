/**
 * The values of a JSON line as the raw text spells them: every key, string and number with its
 * span in the line, so that each can be scanned on its own (its decoded content) and masked in
 * place. A parser would hide what the monitor must see: values under duplicate keys, the exact
 * digits of numbers beyond 2^53, and where a value's bytes are. Iterative, so no nesting depth
 * can overflow the stack.
 */

import {OffsetMap} from '../engine/index.js'

export type Key = string | number

/** An open object or array, innermost last. */
export interface Frame {
  array: boolean
  /** Objects: the decoded key of the current member; arrays: ''. */
  key: string
  /** Objects: the key as shown in reports (masked when it holds PII); set by the visitor. */
  shown: string
  /** Arrays: index of the current element. */
  index: number
  /** Arrays: the key of the nearest enclosing object's current member (an element's own field). */
  outerKey: string
  /** Objects: the keys written so far in the sanitized line (to keep masked keys distinct). */
  written?: Set<string>
  /** Objects: keys kept as they are, until a key is masked and `written` is needed. */
  kept?: string[]
}

export interface JsonToken {
  kind: 'key' | 'string' | 'number'
  /** Raw span of the content: inside the quotes for keys and strings. */
  start: number
  end: number
  /** The content holds a backslash escape. */
  escaped: boolean
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])

/** Index of the closing quote of the string whose content starts at `from` (or the line's end). */
export function closingQuote(line: string, from: number): number {
  let i = line.indexOf('"', from)
  while (i !== -1) {
    let backslashes = 0
    for (let k = i - 1; k >= from && line.charCodeAt(k) === 0x5c; k--) backslashes++
    if (backslashes % 2 === 0) return i
    i = line.indexOf('"', i + 1)
  }

  return line.length
}

function numberEnd(line: string, from: number): number {
  let i = from
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45)) break
  }

  return i
}

/**
 * Visit every token of a line that JSON.parse accepted, in document order. `frames` is the stack
 * of open containers at the token (for a key: including the object that holds it). The visitor
 * may set `shown` on the innermost frame when it visits a key.
 */
export function walkJson(line: string, visit: (token: JsonToken, frames: Frame[]) => void): void {
  const frames: Frame[] = []
  let expectKey = false
  let i = 0
  // The next backslash at or after the current string: found once, so the walk stays linear.
  let slash = line.indexOf('\\')
  while (i < line.length) {
    const c = line.charCodeAt(i)
    if (WHITESPACE.has(c) || c === 0x3a) {
      i++
    } else if (c === 0x7b || c === 0x5b) {
      frames.push({array: c === 0x5b, key: '', shown: '', index: 0, outerKey: ownKey(frames)})
      expectKey = c === 0x7b
      i++
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop()
      expectKey = false
      i++
    } else if (c === 0x2c) {
      const top = frames.at(-1)
      if (top?.array) top.index++
      expectKey = top !== undefined && !top.array
      i++
    } else if (c === 0x22) {
      const end = closingQuote(line, i + 1)
      if (slash !== -1 && slash <= i) slash = line.indexOf('\\', i + 1)
      const escaped = slash !== -1 && slash < end
      const token: JsonToken = {kind: expectKey ? 'key' : 'string', start: i + 1, end, escaped}
      if (expectKey) {
        const top = frames.at(-1) as Frame
        top.key = escaped ? (JSON.parse(line.slice(i, end + 1)) as string) : line.slice(i + 1, end)
        top.shown = top.key
        expectKey = false
      }

      visit(token, frames)
      i = end + 1
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const end = numberEnd(line, i)
      visit({kind: 'number', start: i, end, escaped: false}, frames)
      i = end
    } else {
      // true, false, null
      i++
    }
  }
}

/** Path steps shown at each end of a label deeper than this; the middle is elided. */
const LABEL_EDGE = 16

function step(frame: Frame, first: boolean): string {
  return frame.array ? `[${frame.index}]` : first ? frame.shown : `.${frame.shown}`
}

/**
 * The display path of a token: `messages[2].content`; a key is shown as `parent.{key}`. Keys
 * come from `shown`, so a key that holds PII appears masked. Very deep paths keep their ends.
 */
export function fieldLabel(frames: readonly Frame[], isKey: boolean): string {
  let out = ''
  const last = isKey ? frames.length - 1 : frames.length
  for (let k = 0; k < last; k++) {
    if (last > 2 * LABEL_EDGE && k === LABEL_EDGE) {
      out += `…(${last - 2 * LABEL_EDGE} levels)…`
      k = last - LABEL_EDGE - 1
      continue
    }

    out += step(frames[k] as Frame, out === '')
  }

  return isKey ? (out === '' ? '{key}' : `${out}.{key}`) : out
}

/** The concrete path of a value (decoded keys and indices), to compare with configured field paths. */
export function pathOf(frames: readonly Frame[]): Key[] {
  return frames.map((f) => (f.array ? f.index : f.key))
}

/** The key of the object that holds the innermost container (context for a key: `{"phone": {"5551234567": …}}`). */
export function parentKey(frames: readonly Frame[]): string {
  return frames.length < 2 ? '' : ownKey(frames.slice(0, -1))
}

/** The name of the value's own field: the innermost key (an array element takes its array's key). */
export function ownKey(frames: readonly Frame[]): string {
  const top = frames.at(-1)
  if (top === undefined) return ''
  return top.array ? top.outerKey : top.key
}

/**
 * The text of a number token that the rules see: its exact decimal digits, and also the value
 * JSON.parse reads when that differs (`4111111111111111.000000000000000001` is read as the card
 * `4111111111111111`), after a space.
 */
export function numberReading(raw: string): string {
  const exact = numberText(raw)
  const parsed = Math.abs(Number(raw))
  if (!Number.isFinite(parsed) || parsed >= 1e21) return exact
  const read = String(parsed)
  return read === exact ? exact : `${exact} ${read}`
}

/** Longest digit string a number token is expanded to (`1e400` has 401 digits). */
const MAX_NUMBER_DIGITS = 400

/**
 * The decimal digits a number token stands for, without sign, exponent or trailing fraction
 * zeros: `4.111111111111111e15`, `4111111111111111.0` and `0.00…04111111111111111e56` are the
 * card `4111111111111111`, as JSON.parse reads them. A number whose expansion would be longer
 * than MAX_NUMBER_DIGITS is kept as written (JSON.parse gives Infinity or 0 for those).
 */
export function numberText(raw: string): string {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(raw)
  if (m === null) return raw.replace(/^-/, '')
  const [, int, frac = '', exp] = m as unknown as [string, string, string | undefined, string | undefined]
  if (exp === undefined && !/0$/.test(frac)) return raw.replace(/^-/, '').replace(/\.$/, '')
  // The significant digits, and where the decimal point falls among them.
  const all = int + frac
  const lead = /^0*/.exec(all)?.[0].length ?? 0
  const digits = all.slice(lead).replace(/0+$/, '')
  if (digits === '') return '0'
  const shift = exp === undefined ? 0 : Number(exp)
  const point = int.length - lead + shift
  if (!Number.isSafeInteger(shift) || point > MAX_NUMBER_DIGITS || point < -MAX_NUMBER_DIGITS) return raw.replace(/^-/, '')
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

/** A JSON string's content decoded, and where each decoded unit came from in the raw text. */
export interface Decoded {
  text: string
  map: OffsetMap
}

const SIMPLE: Readonly<Record<string, string>> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}

/**
 * Decode JSON escapes in `raw` (the content of a string, or a whole malformed line), leniently:
 * a `\u` without four hex digits or an unknown escape keeps its characters.
 */
export function decodeEscapes(raw: string): Decoded {
  const map = new OffsetMap()
  let text = ''
  let i = 0
  for (let slash = raw.indexOf('\\'); slash !== -1; slash = raw.indexOf('\\', i)) {
    text += raw.slice(i, slash)
    const next = raw[slash + 1] ?? ''
    let piece: string
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(slash + 2, slash + 6))) {
      piece = String.fromCharCode(Number.parseInt(raw.slice(slash + 2, slash + 6), 16))
      i = slash + 6
    } else {
      // Not an escape: the backslash is dropped from the scanned text, the character kept.
      piece = SIMPLE[next] ?? next
      i = slash + (next === '' ? 1 : 2)
    }

    map.add(text.length, text.length + piece.length, slash, i)
    text += piece
  }

  return {text: text + raw.slice(i), map}
}

/**
 * The parts of a line that is not valid JSON between any two unescaped quotes (and before the
 * first and after the last), each as a raw span. Every such part is scanned on its own, whatever
 * the quotes pair up with: a stray quote cannot make a value share a scan with its neighbours.
 */
export function looseParts(line: string): Array<[number, number]> {
  const parts: Array<[number, number]> = []
  let start = 0
  for (let quote = closingQuote(line, 0); quote < line.length; quote = closingQuote(line, start)) {
    if (quote > start) parts.push([start, quote])
    start = quote + 1
  }

  if (start < line.length) parts.push([start, line.length])
  return parts
}
