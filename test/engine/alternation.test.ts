import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {alternativesOf, groupByFirstChar} from '../../src/engine/alternation.js'
import {builtinRules} from '../../src/rules/index.js'

/** Where a match of the pattern starts in `text`: the language decides this, not the order of alternatives. */
function starts(source: string, flags: string, text: string): number[] {
  const sticky = new RegExp(source, `${flags}y`)
  const found: number[] = []
  for (let i = 0; i <= text.length; i++) {
    sticky.lastIndex = i
    if (sticky.test(text)) found.push(i)
  }

  return found
}

const piece = fc.constantFrom('a', 'A', 'b', 'ab', 'aB', '_', '-', '\\d', '[ab]', 'a?', 'b+', '(?:a|b)', '\\.', '.', '1', 'x{2}', '')
const alternative = fc.array(piece, {maxLength: 4}).map((parts) => parts.join(''))
const source = fc.array(alternative, {minLength: 1, maxLength: 6}).map((alts) => alts.join('|'))
const text = fc.string({unit: fc.constantFrom('a', 'A', 'b', 'B', '_', '-', '1', '.', 'x', ' '), maxLength: 24})

describe('groupByFirstChar', () => {
  it('matches at exactly the positions the pattern matches at, with or without case folding (property)', () => {
    fc.assert(
      fc.property(source, text, fc.boolean(), (src, t, ignoreCase) => {
        const flags = ignoreCase ? 'i' : ''
        expect(starts(groupByFirstChar(src, ignoreCase), flags, t)).toEqual(starts(src, flags, t))
      }),
      {numRuns: 3000},
    )
  })

  it('keeps the language of every built-in prefilter (property)', () => {
    const prefilters = builtinRules
      .filter((r) => r.prefilter !== undefined)
      .map((r) => ({source: r.prefilter as string, ignoreCase: r.flags?.includes('i') === true}))
    const grouped = prefilters.filter((p) => groupByFirstChar(p.source, p.ignoreCase) !== p.source)
    expect(grouped.length).toBeGreaterThan(0)
    // Texts built from pieces of the patterns themselves, so that alternatives start and end in them.
    const words = fc.constantFrom(
      'AKIA',
      'ghp_',
      'sk-',
      'xoxb-',
      'hf_',
      'glpat-',
      'api_org_',
      'SK',
      'AC',
      'key-',
      'abcdefgh',
      '0123456789abcdef',
      '.',
      '-',
      '_',
      ' ',
      'Bearer',
      'eyJ',
      '0123456789abcdef0123456789abcdef',
    )
    fc.assert(
      fc.property(fc.array(words, {maxLength: 12}), (parts) => {
        const t = parts.join('')
        for (const p of grouped)
          expect(starts(groupByFirstChar(p.source, p.ignoreCase), p.ignoreCase ? 'i' : '', t)).toEqual(starts(p.source, p.ignoreCase ? 'i' : '', t))
      }),
      {numRuns: 500},
    )
  })

  it('leaves patterns with capturing groups or backreferences as they are', () => {
    expect(groupByFirstChar('(a)b|ac', false)).toBe('(a)b|ac')
    expect(groupByFirstChar(String.raw`a\1|ab`, false)).toBe(String.raw`a\1|ab`)
    expect(groupByFirstChar('ab|ac|[x]d|ae', false)).toBe('a(?:b|c|e)|[x]d')
  })

  it('splits only at the top level', () => {
    expect(alternativesOf(String.raw`a(?:b|c)|[|]|\||d`)).toEqual(['a(?:b|c)', '[|]', String.raw`\|`, 'd'])
  })
})
