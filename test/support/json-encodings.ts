/** Generators of JSON records and of the many legal ways to write each one (for property tests). */
import fc from 'fast-check'

import {builtinRules} from '../../src/rules/index.js'

/** Example texts of every rule, used as values (each holds a finding). */
export const PLANTED = builtinRules.flatMap((rule) =>
  rule.examples.match.filter((e) => typeof e === 'string' || e.key === undefined).map((e) => (typeof e === 'string' ? e : e.text)),
)
/** Keys with no context words: a planted value under one of them is always a finding. */
export const NEUTRAL_KEYS = ['bot_response', 'user_query', 'note', 'text', 'body', 'x']
/** Keys and words that change confidence elsewhere (negative and positive context). */
export const CONTEXT_WORDS = ['order', 'tracking', 'version', 'build', 'invoice', 'serial', 'phone', 'ssn', 'call', 'password', 'token', 'iban', 'card']

export type Value = {str: string} | {num: string} | {lit: 'true' | 'false' | 'null'} | {arr: Value[]} | {obj: Array<[string, Value]>}

const text = fc.oneof(
  {weight: 3, arbitrary: fc.constantFrom(...PLANTED)},
  {weight: 2, arbitrary: fc.string({maxLength: 12})},
  {weight: 1, arbitrary: fc.constantFrom(...CONTEXT_WORDS).map((w) => `${w} 12`)},
  {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 8})},
)
const numberDigits = fc.oneof(
  fc.constantFrom('4111111111111111', '4242424242424242', '123456789', '4155550123', '0'),
  fc.bigInt({min: 0n, max: 10n ** 20n}).map(String),
)
const key = fc.oneof(fc.constantFrom(...NEUTRAL_KEYS, ...CONTEXT_WORDS, 'id', 'model_version'), text)

export const value: fc.Arbitrary<Value> = fc.letrec<{value: Value}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    {weight: 4, arbitrary: text.map((s) => ({str: s}))},
    {weight: 1, arbitrary: numberDigits.map((n) => ({num: n}))},
    {weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null').map((l) => ({lit: l as 'true'}))},
    {weight: 1, arbitrary: fc.array(tie('value'), {maxLength: 3}).map((a) => ({arr: a}))},
    {weight: 1, arbitrary: fc.array(fc.tuple(key, tie('value')), {maxLength: 3}).map((o) => ({obj: o}))},
  ),
})).value

/** A record: an object, with an id so that fingerprints do not depend on the rest. */
export const record = fc
  .tuple(fc.array(fc.tuple(key, value), {maxLength: 5}), fc.string({maxLength: 6}))
  .map(([members, id]): Value => ({obj: [['id', {str: `rec-${id}`}], ...members]}))

/** A tiny deterministic PRNG (mulberry32): one seed is one way of writing the record. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d_2b_79_f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const SHORT: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}
const hex4 = (code: number, upper: boolean): string => {
  const h = code.toString(16).padStart(4, '0')
  return `\\u${upper ? h.toUpperCase() : h}`
}

/** One legal JSON spelling of a string: each unit plain, \uXXXX, or a short escape. */
function writeString(s: string, r: () => number, plain: boolean): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string
    const code = s.charCodeAt(i)
    const choice = plain ? 0 : r()
    const mustEscape = ch === '"' || ch === '\\' || code < 0x20
    if (SHORT[ch] !== undefined && (plain || choice < 0.6)) out += SHORT[ch]
    else if (mustEscape || choice > 0.75) out += hex4(code, r() < 0.5)
    else if (ch === '/' && choice > 0.5) out += '\\/'
    else out += ch
  }

  return out + '"'
}

/** One legal JSON spelling of an integer: as is, with a fraction of zeros, or with an exponent. */
function writeNumber(digits: string, r: () => number, plain: boolean): string {
  const choice = plain ? 0 : r()
  if (choice < 0.5 || digits === '0') return digits
  if (choice < 0.65) return `${digits}.0`
  if (choice < 0.8) return `${digits[0]}.${digits.slice(1) || '0'}e${digits.length - 1}`
  if (choice < 0.9) return `${digits}0E-1`
  return `0.${digits}e+${digits.length}`
}

export function write(v: Value, r: () => number, plain = false): string {
  const ws = (): string => (plain ? '' : (['', '', ' ', '\t', '  '][Math.floor(r() * 5)] as string))
  if ('str' in v) return writeString(v.str, r, plain)
  if ('num' in v) return writeNumber(v.num, r, plain)
  if ('lit' in v) return v.lit
  if ('arr' in v) return `[${ws()}${v.arr.map((x) => write(x, r, plain)).join(`${ws()},${ws()}`)}${ws()}]`
  return `{${ws()}${v.obj.map(([k, x]) => `${writeString(k, r, plain)}${ws()}:${ws()}${write(x, r, plain)}`).join(`${ws()},${ws()}`)}${ws()}}`
}
