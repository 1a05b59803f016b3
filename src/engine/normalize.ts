/**
 * The text the rules see: what a reader sees, not how the bytes spell it. Invisible characters
 * are removed (zero-width space and joiner, soft hyphen, bidi marks, control characters), other
 * spaces become a plain space and dashes a hyphen, compatibility forms become their plain letters
 * and digits (NFKC, one character at a time: full-width `４` and `＠`, superscripts, ligatures,
 * mathematical letters), digits of other scripts become ASCII digits, and HTML character
 * references (`&#64;`, `&#x40;`, `&commat;`) and the percent-escapes of `@ + . - _` are decoded.
 *
 * Each step looks at one character (or one reference) and never beyond it, so the normal form
 * of a substring is a substring of the normal form of the whole text: the monitor's line-level
 * prefilter relies on that to stay a superset of its per-value scan. Only characters that
 * CANDIDATE matches can change, and `normalChar` leaves every other character as it is, so the
 * quick test and the mapping cannot disagree. Offsets map back to the source, so masking
 * replaces the original span.
 */

import {OffsetMap} from './offsets.js'

/**
 * Characters the mapping may change (a superset): C0/C1 controls, Latin-1 punctuation and
 * superscripts, spacing modifiers, ignorable and format characters, spaces and dashes, the
 * compatibility blocks, digits of other scripts, and the high surrogates of the astral blocks
 * with compatibility forms (mathematical letters, enclosed alphanumerics, tags).
 */
const WIDE =
  String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u00BF\u0132\u0133\u013F\u0140\u0149\u017F\u01C4-\u01CC\u01F1-\u01F3` +
  String.raw`\u02B0-\u02B8\u02D8-\u02DD\u02E0-\u02E4\u034F\u037A\u037E\u0384\u0385\u0387\u03D0-\u03D6\u03F0-\u03F2\u03F4\u03F5\u03F9\u0587` +
  String.raw`\u0600-\u0605\u061C\u0660-\u0669\u0675-\u0678\u06DD\u06F0-\u06F9\u070F\u07C0-\u07C9\u08E2\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F` +
  String.raw`\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F\u0DE6-\u0DEF\u0E33\u0E50-\u0E59\u0EB3\u0ED0-\u0ED9` +
  String.raw`\u0EDC\u0EDD\u0F0C\u0F20-\u0F29\u0F77\u0F79\u1040-\u1049\u1090-\u1099\u10FC\u115F\u1160\u1680\u17B4\u17B5\u17E0-\u17E9` +
  String.raw`\u180B-\u180F\u1810-\u1819\u1946-\u194F\u19D0-\u19D9\u1A80-\u1A89\u1A90-\u1A99\u1B50-\u1B59\u1BB0-\u1BB9\u1C40-\u1C49\u1C50-\u1C59` +
  String.raw`\u1D2C-\u1DBF\u1E9A\u1E9B\u1FBD-\u1FFE\u2000-\u2015\u2024-\u2026\u2028-\u202F\u2033-\u2037\u203C\u203E\u2047-\u2049\u2057` +
  String.raw`\u205F-\u209F\u20A8\u2100-\u218F\u2212\u2460-\u24FF\u2A0C\u2A74-\u2A76\u2ADC\u2C7C\u2C7D\u2D6F\u2E9F\u2EF3\u2F00-\u2FD5\u3000` +
  String.raw`\u3036\u3038-\u303A\u309B\u309C\u309F\u30FF\u3131-\u318E\u3192-\u319F\u3200-\u33FF\uA620-\uA629\uA69C\uA69D\uA770\uA7F2-\uA7F4` +
  String.raw`\uA7F8\uA7F9\uA8D0-\uA8D9\uA900-\uA909\uA9D0-\uA9D9\uA9F0-\uA9F9\uAA50-\uAA59\uAB5C-\uAB5F\uAB69\uABF0-\uABF9\uF900-\uFAFF` +
  String.raw`\uFB00-\uFDFF\uFE00-\uFE19\uFE30-\uFE6F\uFE70-\uFEFF\uFF00-\uFFEF\uFFF0-\uFFF8\uD82F\uD834\uD835\uD83B\uD83C\uD83E\uD87E\uDB40`


const PERCENT: Readonly<Record<string, string>> = {'40': '@', '2b': '+', '2B': '+', '2e': '.', '2E': '.', '2d': '-', '2D': '-', '5f': '_', '5F': '_'}

/** Code units (BMP) where the mapping may start a change: WIDE, `&` and `%`. One byte each. */
const IN_WIDE = new Uint8Array(0x1_00_00)
for (const [, a, b] of WIDE.matchAll(/\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g)) IN_WIDE.fill(1, Number.parseInt(a as string, 16), Number.parseInt(b ?? (a as string), 16) + 1)
/** Starts as IN_WIDE plus `&` and `%`; learns the characters that map to themselves. */
const MAY_CHANGE = IN_WIDE.slice()
MAY_CHANGE[0x26] = 1
MAY_CHANGE[0x25] = 1
/** Units outside plain ASCII text, and `&` and `%`: the only places a change can start. */
const UNUSUAL = /[^\t\n\r\u0020-\u0024\u0027-\u007E]/g

/** Index of the next unit at or after `from` where the mapping changes something, or -1. */
function nextChange(text: string, from: number): number {
  // The regex engine skips plain text; only unusual units are looked at here.
  UNUSUAL.lastIndex = from
  for (let m = UNUSUAL.exec(text); m !== null; m = UNUSUAL.exec(text)) {
    const i = m.index
    const c = text.charCodeAt(i)
    if (MAY_CHANGE[c] !== 1) continue
    if (c === 0x26) {
      const next = text.charCodeAt(i + 1)
      if (next === 0x23 || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a)) return i
    } else if (c === 0x25) {
      if (PERCENT[text.slice(i + 1, i + 3)] !== undefined) return i
    } else {
      // Decoding a unit that maps to itself drops it from the table: the next test skips it.
      const length = c >= 0xd8_00 && c <= 0xdb_ff ? 2 : 1
      const ch = text.slice(i, i + length)
      if (normalChar(ch) !== ch) return i
    }
  }

  return -1
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', commat: '@', period: '.', plus: '+', minus: '-', hyphen: '-',
  dash: '-', lowbar: '_', colon: ':', sol: '/', bsol: '\\', num: '#', lpar: '(', rpar: ')', comma: ',', equals: '=', excl: '!',
  quest: '?', dollar: '$', percnt: '%', ast: '*', semi: ';', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', verbar: '|',
  ndash: '-', mdash: '-', shy: '', zwsp: '', zwj: '', zwnj: '', ensp: ' ', emsp: ' ', thinsp: ' ',
}

const REMOVED = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]$/u
const SPACE = /^[\p{Zs}\p{Zl}\p{Zp}\u0085\v\f]$/u
const DASH = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]$/

/** First code point of each run of ten decimal digits outside ASCII that NFKC leaves alone. */
const DIGIT_ZEROS = [
  0x6_60, 0x6_f0, 0x7_c0, 0x9_66, 0x9_e6, 0xa_66, 0xa_e6, 0xb_66, 0xb_e6, 0xc_66, 0xc_e6, 0xd_66, 0xd_e6, 0xe_50, 0xe_d0, 0xf_20, 0x10_40,
  0x10_90, 0x17_e0, 0x18_10, 0x19_46, 0x19_d0, 0x1a_80, 0x1a_90, 0x1b_50, 0x1b_b0, 0x1c_40, 0x1c_50, 0xa6_20, 0xa8_d0, 0xa9_00, 0xa9_d0,
  0xa9_f0, 0xaa_50, 0xab_f0,
]

function mapOne(ch: string): string {
  if (SPACE.test(ch)) return ' '
  if (REMOVED.test(ch)) return ''
  if (DASH.test(ch)) return '-'
  const cp = ch.codePointAt(0) as number
  const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9)
  if (zero !== undefined) return String.fromCharCode(0x30 + cp - zero)
  return ch
}

/** Normal form of one character (cached: a log uses few distinct characters). */
const cache = new Map<number, string>()
const CACHE_LIMIT = 65_536

function normalChar(ch: string): string {
  if (IN_WIDE[ch.charCodeAt(0)] !== 1) return ch
  const cp = ch.codePointAt(0) as number
  let out = cache.get(cp)
  if (out !== undefined) return out
  const nfkc = ch.normalize('NFKC')
  out = nfkc === ch ? mapOne(ch) : [...nfkc].map((c) => mapOne(c)).join('')
  // A character that maps to itself is no candidate from now on (the table only gets sharper).
  if (out === ch && cp <= 0xff_ff) MAY_CHANGE[cp] = 0
  else if (cache.size < CACHE_LIMIT) cache.set(cp, out)
  return out
}

/** The text a reference or candidate at `i` stands for, and how many source units it takes. */
function decodeAt(text: string, i: number): [string, number] {
  const c = text.charCodeAt(i)
  if (c === 0x26) return reference(text, i) ?? ['&', 1]
  if (c === 0x25) return [PERCENT[text.slice(i + 1, i + 3)] as string, 3]
  const next = text.charCodeAt(i + 1)
  const length = c >= 0xd8_00 && c <= 0xdb_ff && next >= 0xdc_00 && next <= 0xdf_ff ? 2 : 1
  return [normalChar(text.slice(i, i + length)), length]
}

/** A character reference at `i` (`&#64;`, `&#x40;`, `&commat;`), decoded and normalised. */
function reference(text: string, i: number): [string, number] | undefined {
  if (text.charCodeAt(i + 1) === 0x23) {
    // The semicolon is optional after a numeric reference, as browsers accept it.
    const hex = text[i + 2] === 'x' || text[i + 2] === 'X'
    const digits = hex ? /^[0-9a-fA-F]{1,6}/.exec(text.slice(i + 3, i + 9)) : /^\d{1,7}/.exec(text.slice(i + 2, i + 9))
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
  for (let at = nextChange(text, 0); at !== -1; ) {
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
