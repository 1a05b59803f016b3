import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {MAX_SPREAD_OCCURRENCES} from '../../src/engine/detect.js'
import {NextWord} from '../../src/engine/next-word.js'
import {compileRules, detect, type Rule} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

/** The context regex the engine builds for `words` (whole words, any case). */
function contextRegex(words: string[]): RegExp {
  const rule: Rule = {
    id: 'test.context',
    type: 'TEST',
    category: 'pii',
    severity: 'low',
    description: 'test',
    pattern: 'x+',
    context: {words, window: 10},
    examples: {match: [], noMatch: []},
  }
  const global = compileRules([rule]).rules[0]?.context?.global
  if (global === undefined) throw new Error('no context regex')
  return global
}

/** Counts the searches made with it. */
class CountingRegExp extends RegExp {
  searches = 0
  override exec(text: string): RegExpExecArray | null {
    this.searches++
    return super.exec(text)
  }
}

describe('NextWord', () => {
  it('answers every position exactly as a search from that position does, in any order of questions', () => {
    // Short words over a small alphabet: words overlap, touch, and stand inside other words.
    const word = fc.stringMatching(/^[ab]{1,3}( [ab]{1,2})?$/)
    const text = fc.stringMatching(/^[abAB .x-]{0,60}$/)
    fc.assert(
      fc.property(fc.uniqueArray(word, {minLength: 1, maxLength: 4}), text, fc.array(fc.nat(70), {maxLength: 30}), (words, text, positions) => {
        const regex = contextRegex(words)
        const reference = new RegExp(regex.source, regex.flags)
        const next = new NextWord(regex, text)
        // Each position and the two after it: a remembered answer must end where its word starts.
        for (const position of positions.flatMap((p) => [p, p + 1, p + 2])) {
          reference.lastIndex = position
          const m = reference.exec(text)
          expect(next.at(position)).toBe(m === null ? -1 : m.index)
          if (m !== null) expect(next.end).toBe(m.index + m[0].length)
        }
      }),
      {numRuns: 300},
    )
  })

  it('searches a long text without its words once for a rule whose matches move forward, not once per match', () => {
    const source = contextRegex(['order', 'invoice'])
    const regex = new CountingRegExp(source.source, source.flags)
    const text = 'call 555-0100 '.repeat(20_000)
    const next = new NextWord(regex, text)
    for (let position = 0; position < text.length; position += 14) expect(next.at(position)).toBe(-1)
    expect(regex.searches).toBe(1)
  })

  it('searches again only past the word it found', () => {
    const source = contextRegex(['order'])
    const regex = new CountingRegExp(source.source, source.flags)
    const text = `${'x '.repeat(50)}order ${'y '.repeat(50)}order`
    const next = new NextWord(regex, text)
    const first = text.indexOf('order')
    for (let position = 0; position <= first; position++) expect(next.at(position)).toBe(first)
    expect(regex.searches).toBe(1)
    expect(next.at(first + 1)).toBe(text.lastIndexOf('order'))
    expect(regex.searches).toBe(2)
  })
})

describe('every occurrence of a value found once', () => {
  const ruleSet = compileRules(builtinRules)

  it('calls its tick at every match and every further occurrence, so that a caller can stop a long scan', () => {
    const text = `call 555-0100 and ${'x555-0100'.repeat(500)}`
    let ticks = 0
    expect(detect(text, ruleSet, {tick: () => ticks++})).toHaveLength(501)
    expect(ticks).toBeGreaterThanOrEqual(501)
    class Stop extends Error {}
    let left = 100
    expect(() =>
      detect(text, ruleSet, {
        tick() {
          if (--left === 0) throw new Stop()
        },
      }),
    ).toThrow(Stop)
  })

  it('refuses a text with more than MAX_SPREAD_OCCURRENCES of them to mask, naming no value', () => {
    // Found once after "call"; the repeats are glued to a letter, where no rule reads them in place.
    const text = (n: number): string => `call 555-0100 and ${'x555-0100'.repeat(n)}`
    expect(detect(text(MAX_SPREAD_OCCURRENCES), ruleSet)).toHaveLength(MAX_SPREAD_OCCURRENCES + 1)
    expect(() => detect(text(MAX_SPREAD_OCCURRENCES + 1), ruleSet)).toThrow(RangeError)
    expect(() => detect(text(MAX_SPREAD_OCCURRENCES + 1), ruleSet)).not.toThrow(/555/)
  })

  it('is a finding wherever it stands, however many matches the text holds', () => {
    // "order" holds back some phone numbers; the same numbers elsewhere read as phones.
    const piece = fc.constantFrom(
      'call 555-0100 ',
      'order 555-0100 ',
      'call 555-0199 ',
      'order 555-0199 ',
      'tel 03-1234-5678 ',
      'hello ',
      'order 03-1234-5678 ',
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 200}), (pieces) => {
        const text = pieces.join('')
        const matches = detect(text, ruleSet)
        for (const value of new Set(matches.map((m) => text.slice(m.start, m.end)))) {
          for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) {
            expect(matches.some((m) => m.start < i + value.length && i < m.end)).toBe(true)
          }
        }
      }),
      {numRuns: 100},
    )
  })
})
