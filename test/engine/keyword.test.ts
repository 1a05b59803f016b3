import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {Keyword} from '../../src/engine/keyword.js'

/** Every occurrence of `needle` in `text`, overlapping ones too, found one by one. */
function occurrences(find: (from: number) => number): number[] {
  const found: number[] = []
  for (let i = find(0); i !== -1; i = find(i + 1)) found.push(i)
  return found
}

// Small alphabets, so that keywords and their parts occur often and overlap.
const text = fc.string({unit: fc.constantFrom(' ', '\t', '-', 'p', 'a', '"'), maxLength: 40})
const keyword = fc.string({unit: fc.constantFrom(' ', '\t', '-', 'p', 'a', '"'), minLength: 1, maxLength: 5})

describe('Keyword', () => {
  it('finds exactly the occurrences indexOf finds, whatever blanks it starts with', () => {
    fc.assert(
      fc.property(text, keyword, (haystack, needle) => {
        const k = new Keyword(needle)
        expect(occurrences((from) => k.indexIn(haystack, from))).toEqual(occurrences((from) => haystack.indexOf(needle, from)))
      }),
      {numRuns: 2000},
    )
  })

  it('looks a keyword up from its first character that is not blank', () => {
    expect(new Keyword(' \t-p ').core).toBe('-p ')
    expect(new Keyword('  ').core).toBe('  ')
    expect(new Keyword(' -p').indexIn('x-p -p', 0)).toBe(3)
  })
})
