import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {MAX_CLASSES, MultiMatcher, READ_AT, TooLarge} from '../../src/engine/automaton/multi-matcher.js'
import {parseRegex, Unsupported} from '../../src/engine/automaton/regex-syntax.js'
import {builtinRules} from '../../src/rules/index.js'

/** Every end offset of a match of the pattern (any start), by JavaScript's own engine. */
function ends(source: string, flags: string, text: string): number[] {
  const whole = new RegExp(`^(?:${source})$`, flags)
  const found: number[] = []
  for (let e = 1; e <= text.length; e++) {
    for (let s = 0; s < e; s++) {
      if (whole.test(text.slice(s, e))) {
        found.push(e)
        break
      }
    }
  }

  return found
}

/** The end offsets the matcher reports for each pattern. */
function reported(matcher: MultiMatcher, count: number, text: string): number[][] {
  const out: number[][] = Array.from({length: count}, () => [])
  const n = matcher.run(text)
  for (let k = 0; k < n; k++) for (const id of matcher.endPatterns[k] as Int32Array) (out[id] as number[]).push(matcher.ends[k] as number)
  return out
}

// Units whose case folding differs between JavaScript's regex `i` flag and plain upper/lower casing.
const units = [
  'a',
  'A',
  'b',
  'B',
  'k',
  'K',
  '\u212A',
  's',
  'S',
  '\u017F',
  'i',
  'I',
  '\u0131',
  '\u0130',
  'µ',
  'μ',
  'Μ',
  'σ',
  'ς',
  'Σ',
  'é',
  'É',
  '1',
  '_',
  '-',
  '.',
  ' ',
  '\n',
  '\u00A0',
]
const piece = fc.constantFrom(
  'a',
  'A',
  'b',
  'ab',
  'k',
  's',
  'i',
  'µ',
  'σ',
  'é',
  '_',
  '-',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '[ab]',
  '[^a]',
  '[a-c]',
  '[\\w-]',
  '[^\\s]',
  '[K-k]',
  '\\x41',
  '\\u00e9',
  '\\.',
  '.',
  '1',
  'a?',
  'b+',
  'a*',
  '(?:a|b)',
  '(a|k)',
  'x{2}',
  'a{1,3}',
  '\\d{2,}',
)
const alternative = fc.array(piece, {minLength: 1, maxLength: 4}).map((parts) => parts.join(''))
const pattern = fc.array(alternative, {minLength: 1, maxLength: 3}).map((alts) => alts.join('|'))
const text = fc.array(fc.constantFrom(...units), {maxLength: 20}).map((parts) => parts.join(''))

describe('MultiMatcher', () => {
  it('reports exactly the ends of the matches JavaScript finds, for several patterns at once, with and without `i` (property)', () => {
    fc.assert(
      fc.property(fc.array(pattern, {minLength: 1, maxLength: 4}), text, fc.boolean(), fc.boolean(), (sources, t, ignoreCase, dotAll) => {
        const flags = (ignoreCase ? 'i' : '') + (dotAll ? 's' : '')
        const matcher = new MultiMatcher(sources.map((s) => parseRegex(s, flags)))
        // Twice: the second search runs on the states the first one built.
        for (let round = 0; round < 2; round++) {
          expect(reported(matcher, sources.length, t)).toEqual(sources.map((s) => ends(s, flags, t)))
        }
      }),
      {numRuns: 1500},
    )
  })

  it('finds the same when its table is too small and is dropped again and again (property)', () => {
    fc.assert(
      fc.property(fc.array(pattern, {minLength: 1, maxLength: 4}), text, (sources, t) => {
        const small = new MultiMatcher(
          sources.map((s) => parseRegex(s, 'i')),
          2,
        )
        expect(reported(small, sources.length, t)).toEqual(sources.map((s) => ends(s, 'i', t)))
      }),
      {numRuns: 500},
    )
  })

  it('reads counts above its limit as "at least": more ends, never fewer', () => {
    const matcher = new MultiMatcher([parseRegex(String.raw`\d{20}`, ''), parseRegex(String.raw`\d(?:-?\d){6,1000}`, '')])
    const t = '1234567890123456789012 and 123-456-7'
    const [twenty, run] = reported(matcher, 2, t)
    for (const e of ends(String.raw`\d{20}`, '', t)) expect(twenty).toContain(e)
    for (const e of ends(String.raw`\d(?:-?\d){6,1000}`, '', t)) expect(run).toContain(e)
    expect(twenty).toContain(17) // 16 digits: "at least 16"
  })

  it('refuses what has no context-free language, so that JavaScript keeps those patterns', () => {
    for (const source of ['^a', 'a$', String.raw`\bword`, '(?=a)b', '(?<!a)b', String.raw`(a)\1`, String.raw`\k<x>`, 'a{2', 'a**', '[a']) {
      expect(() => parseRegex(source, ''), source).toThrow(Unsupported)
    }

    expect(() => parseRegex('a', 'u')).toThrow(Unsupported)
  })

  it('refuses patterns that would need more than MAX_CLASSES classes (a table of gigabytes)', () => {
    const many = Array.from({length: MAX_CLASSES + 10}, (_, i) => parseRegex(String.fromCharCode(0x4e00 + i), ''))
    expect(() => new MultiMatcher(many)).toThrow(TooLarge)
    expect(() => new MultiMatcher(many.slice(0, 100))).not.toThrow()
  })

  it('gives up on a text that keeps making new states, and says so on every later search', () => {
    const matcher = new MultiMatcher([parseRegex(String.raw`[a-f0-9]{12}:[a-f0-9]{4}`, ''), parseRegex(String.raw`\d(?:[ .-]?\d){8}`, '')], 4, {
      states: 32,
      unitsPerState: 8,
    })
    // Ordinary text first: results, no giving up.
    expect(matcher.run('a plain line of words')).toBe(0)
    let text = ''
    for (let i = 0; i < 4000; i++) text += (i * 7919).toString(16).slice(-3) + (i % 3 === 0 ? ':' : i % 3 === 1 ? '-' : ' ')
    expect(matcher.run(text)).toBe(-1)
    expect(matcher.gaveUp).toBe(true)
    expect(matcher.run('0123456789')).toBe(-1)
  })

  it("hands a long text's ends to its reader in buffers of at most READ_AT, the same ends as one buffer", () => {
    const patterns = [parseRegex(String.raw`\d(?:[ .-]?\d){8}`, ''), parseRegex('ab', 'i')]
    // Three kinds of pieces: most units end a match, some end two, some none.
    const text = Array.from({length: 30_000}, (_, i) => (i % 97 === 0 ? 'xAB ' : i % 5 === 0 ? '12.' : '4')).join('')
    const whole = reported(new MultiMatcher(patterns), 2, text)
    expect(whole[0]?.length).toBeGreaterThan(2 * READ_AT)
    const matcher = new MultiMatcher(patterns)
    const read: number[][] = [[], []]
    const sizes: number[] = []
    const take = (n: number): void => {
      sizes.push(n)
      for (let k = 0; k < n; k++) for (const id of matcher.endPatterns[k] as Int32Array) (read[id] as number[]).push(matcher.ends[k] as number)
    }

    take(matcher.run(text, take))
    expect(read).toEqual(whole)
    expect(sizes.length).toBeGreaterThan(2)
    for (const n of sizes) expect(n).toBeLessThanOrEqual(READ_AT)
    expect(matcher.ends.length).toBeLessThanOrEqual(READ_AT)
  })

  it('reads named groups as groups', () => {
    const matcher = new MultiMatcher([parseRegex('(?<first>a)(?<second>b)', '')])
    expect(reported(matcher, 1, 'xab ab')).toEqual([[3, 6]])
  })

  it('reads every built-in prefilter', () => {
    const prefilters = builtinRules.filter((r) => r.prefilter !== undefined)
    expect(prefilters.length).toBeGreaterThan(20)
    for (const rule of prefilters) expect(() => parseRegex(rule.prefilter as string, rule.flags ?? ''), rule.id).not.toThrow()
  })
})
