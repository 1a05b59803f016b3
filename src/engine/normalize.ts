/**
 * The text the rules see: what a reader sees, not how the bytes spell it. Invisible characters
 * are removed (zero-width space and joiner, soft hyphen, bidi marks, tags, variation selectors,
 * control characters), other spaces and tabs become a plain space and dashes a hyphen,
 * compatibility forms become their plain letters and digits (NFKC, one character at a time:
 * full-width `４` and `＠`, superscripts, ligatures, mathematical letters), decimal digits of
 * every script become ASCII digits, and HTML character references (`&#64;`, `&#x40;`,
 * `&commat;`), the percent-escapes of `@ + . - _` and the `\u0040` escapes of text that was
 * JSON-encoded twice (a message list inside a string attribute) are decoded.
 *
 * Each step looks at one character (or one reference) and never beyond it, so the normal form
 * of a substring is a substring of the normal form of the whole text: the monitor's line-level
 * prefilter relies on that to stay a superset of its per-value scan. Every character outside
 * plain ASCII is looked at; one that maps to itself is remembered (per process) and skipped
 * from then on, which changes nothing but speed. Offsets map back to the source, so masking
 * replaces the original span.
 */

import {OffsetMap} from './offsets.js'

const PERCENT: Readonly<Record<string, string>> = {'40': '@', '2b': '+', '2B': '+', '2e': '.', '2E': '.', '2d': '-', '2D': '-', '5f': '_', '5F': '_'}

/**
 * BMP code units that may start a change: everything outside printable ASCII (and tab), plus
 * `&` and `%`. Starts full; a character found to map to itself is cleared (never a surrogate,
 * whose mapping depends on its partner).
 */
const MAY_CHANGE = new Uint8Array(0x1_00_00).fill(1)
MAY_CHANGE.fill(0, 0x20, 0x7f)
MAY_CHANGE[0x0a] = 0
MAY_CHANGE[0x0d] = 0
MAY_CHANGE[0x26] = 1
MAY_CHANGE[0x25] = 1
MAY_CHANGE[0x5c] = 1
/** Units outside plain ASCII text, and `&`, `%` and `\`: the only places a change can start. */
const UNUSUAL = /[^\n\r\u0020-\u0024\u0027-\u005B\u005D-\u007E]/g

const isHigh = (c: number): boolean => c >= 0xd8_00 && c <= 0xdb_ff
const isLow = (c: number): boolean => c >= 0xdc_00 && c <= 0xdf_ff

/** Source units of the character at `i`: 2 for a surrogate pair, else 1 (a lone surrogate is one). */
function charLength(text: string, i: number): number {
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1
}

/** Index of the next unit at or after `from` where the mapping changes something, or -1. */
function nextChange(text: string, from: number): number {
  // The regex engine skips plain text; only unusual units are looked at here.
  UNUSUAL.lastIndex = from
  // `test` moves lastIndex past the (one-unit) match without making a match object.
  while (UNUSUAL.test(text)) {
    const i = UNUSUAL.lastIndex - 1
    const c = text.charCodeAt(i)
    if (MAY_CHANGE[c] !== 1) continue
    if (c === 0x26) {
      if (reference(text, i) !== undefined) return i
    } else if (c === 0x25) {
      if (PERCENT[text.slice(i + 1, i + 3)] !== undefined) return i
    } else if (c === 0x5c) {
      if (unicodeEscape(text, i) !== undefined) return i
    } else {
      const ch = text.slice(i, i + charLength(text, i))
      if (normalChar(ch) !== ch) return i
      // A pair that maps to itself: skip its low surrogate too.
      UNUSUAL.lastIndex = i + ch.length
    }
  }

  return -1
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  commat: '@',
  period: '.',
  plus: '+',
  minus: '-',
  hyphen: '-',
  dash: '-',
  lowbar: '_',
  colon: ':',
  sol: '/',
  bsol: '\\',
  num: '#',
  lpar: '(',
  rpar: ')',
  comma: ',',
  equals: '=',
  excl: '!',
  quest: '?',
  dollar: '$',
  percnt: '%',
  ast: '*',
  semi: ';',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  verbar: '|',
  ndash: '-',
  mdash: '-',
  shy: '',
  zwsp: '',
  zwj: '',
  zwnj: '',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
}

const REMOVED = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}]$/u
/** Spaces, tabs and blank-looking characters (Braille blank, Hangul fillers are ignorable). */
const SPACE = /^[\p{Zs}\p{Zl}\p{Zp}\t\u0085\v\f\u2800]$/u
const DASH = /^[\p{Pd}\u2212\u2043\uFE63\uFF0D]$/u
const DIGIT = /^\p{Nd}$/u

/**
 * The ASCII digit of a decimal digit of any script. Decimal digits come in runs of ten from
 * zero, and adjacent runs start ten apart: count from the start of the block of digits.
 */
function digitValue(cp: number): string {
  let start = cp
  while (cp - start < 100 && DIGIT.test(String.fromCodePoint(start - 1))) start--
  return String.fromCharCode(0x30 + ((cp - start) % 10))
}

function mapOne(ch: string): string {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80 && ch !== '\t' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f) return ch
  if (SPACE.test(ch)) return ' '
  // Lone surrogates, private use and unassigned code points are removed too (not text).
  if (REMOVED.test(ch)) return ''
  if (DASH.test(ch)) return '-'
  const cp = ch.codePointAt(0) as number
  return cp > 0x7f && DIGIT.test(ch) ? digitValue(cp) : ch
}

/** Normal form of one character (cached: a log uses few distinct characters). */
const cache = new Map<number, string>()
const CACHE_LIMIT = 65_536

function normalChar(ch: string): string {
  const cp = ch.codePointAt(0) as number
  let out = cache.get(cp)
  if (out !== undefined) return out
  const nfkc = ch.length === 1 && (isHigh(cp) || isLow(cp)) ? ch : ch.normalize('NFKC')
  out = nfkc === ch ? mapOne(ch) : [...nfkc].map((c) => mapOne(c)).join('')
  // A BMP character that maps to itself is no candidate from now on. A surrogate never is: a
  // lone one (kept out of this cache) says nothing about the pairs it starts.
  if (out === ch && cp <= 0xff_ff && !isHigh(cp) && !isLow(cp)) MAY_CHANGE[cp] = 0
  else if (cache.size < CACHE_LIMIT && !(ch.length === 1 && (isHigh(cp) || isLow(cp)))) cache.set(cp, out)
  return out
}

/** The text a reference or candidate at `i` stands for, and how many source units it takes. */
function decodeAt(text: string, i: number): [string, number] {
  const c = text.charCodeAt(i)
  if (c === 0x26) return reference(text, i) ?? ['&', 1]
  if (c === 0x25) return [PERCENT[text.slice(i + 1, i + 3)] as string, 3]
  if (c === 0x5c) return unicodeEscape(text, i) ?? ['\\', 1]
  const length = charLength(text, i)
  return [normalChar(text.slice(i, i + length)), length]
}

const HEX4 = /^[0-9a-fA-F]{4}$/

/**
 * A `\uXXXX` escape at `i`, as JSON and JavaScript write one (left in the text when JSON was
 * encoded twice), decoded and normalised; a high and a low surrogate escape in a row are one
 * character. Its own six (or twelve) units only, like a character reference.
 */
function unicodeEscape(text: string, i: number): [string, number] | undefined {
  if (text.charCodeAt(i + 1) !== 0x75) return undefined
  const hex = text.slice(i + 2, i + 6)
  if (!HEX4.test(hex)) return undefined
  const unit = Number.parseInt(hex, 16)
  if (isHigh(unit) && text.charCodeAt(i + 6) === 0x5c && text.charCodeAt(i + 7) === 0x75) {
    const low = text.slice(i + 8, i + 12)
    if (HEX4.test(low) && isLow(Number.parseInt(low, 16))) return [normalChar(String.fromCharCode(unit, Number.parseInt(low, 16))), 12]
  }

  return [normalChar(String.fromCharCode(unit)), 6]
}

/** A character reference at `i` (`&#64;`, `&#x40;`, `&commat;`), decoded and normalised. */
function reference(text: string, i: number): [string, number] | undefined {
  if (text.charCodeAt(i + 1) === 0x23) {
    // The semicolon is optional after a numeric reference, as browsers accept it.
    // Leading zeros are allowed, as browsers allow them (bounded, so a reference stays short).
    const hex = text[i + 2] === 'x' || text[i + 2] === 'X'
    const digits = hex ? /^0{0,32}[0-9a-fA-F]{1,6}/.exec(text.slice(i + 3, i + 41)) : /^0{0,32}\d{1,7}/.exec(text.slice(i + 2, i + 41))
    if (digits === null) return undefined
    const cp = Number.parseInt(digits[0], hex ? 16 : 10)
    if (cp === 0 || cp > 0x10_ff_ff || (cp >= 0xd8_00 && cp <= 0xdf_ff)) return undefined
    let length = (hex ? 3 : 2) + digits[0].length
    if (text.charCodeAt(i + length) === 0x3b) length++
    return [normalChar(String.fromCodePoint(cp)), length]
  }

  const named = /^[a-zA-Z]{2,8};/.exec(text.slice(i + 1, i + 11))
  const value = named === null ? undefined : NAMED[named[0].slice(0, -1).toLowerCase()]
  return value === undefined || named === null ? undefined : [value, named[0].length + 1]
}

/** The normal form of a text, and where its units came from. */
export interface Normalized {
  text: string
  map: OffsetMap
}

/** True when `normalize` could change the text. */
export function mayNormalize(text: string): boolean {
  return nextChange(text, 0) !== -1
}

/** The normal form of `text` (with `map`, where its units came from); the text itself when unchanged. */
function run(text: string, map: OffsetMap | undefined): string {
  let out = ''
  let cursor = 0
  for (let at = nextChange(text, 0); at !== -1;) {
    const [piece, length] = decodeAt(text, at)
    if (piece.length === length && piece === text.slice(at, at + length)) {
      // `&` that starts no reference: nothing to change here.
      at = nextChange(text, at + length)
      continue
    }

    out += text.slice(cursor, at)
    map?.add(out.length, out.length + piece.length, at, at + length)
    out += piece
    cursor = at + length
    at = nextChange(text, cursor)
  }

  return cursor === 0 ? text : out + text.slice(cursor)
}

/** The normal form of `text`, or undefined when it is its own normal form. */
export function normalize(text: string): Normalized | undefined {
  const map = new OffsetMap()
  const out = run(text, map)
  return map.empty ? undefined : {text: out, map}
}

/** Only the normal form's text (no offsets): for the line-level prefilter. */
export function normalizedText(text: string): string {
  return run(text, undefined)
}
