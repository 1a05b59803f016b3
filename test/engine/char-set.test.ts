import {describe, expect, it} from 'vitest'

import {canonicalize, caseTable, regexFolding} from '../../src/engine/automaton/char-set.js'

describe('case tables', () => {
  for (const [name, map] of [
    ['upper', (text: string) => text.toUpperCase()],
    ['lower', (text: string) => text.toLowerCase()],
  ] as const) {
    it(`cases every code unit as it is cased alone (${name}, built a block at a time)`, () => {
      const table = caseTable(map)
      const wrong: string[] = []
      for (let unit = 0; unit <= 0xffff; unit++) {
        const alone = map(String.fromCharCode(unit))
        const expected = alone.length === 1 ? alone.charCodeAt(0) : -1
        if (table[unit] !== expected) wrong.push(unit.toString(16))
      }

      expect(wrong).toEqual([])
    })
  }

  it('folds for the `i` flag exactly as JavaScript compares units', () => {
    // Every unit that the regex engine treats as equal to a unit is in its fold, and no other.
    for (const unit of [0x41, 0x6b, 0x212a, 0x17f, 0x131, 0x130, 0xb5, 0x3bc, 0x39c, 0x3c3, 0x3c2, 0x3a3, 0xdf, 0x1e9e, 0xe9]) {
      const fold = regexFolding.of(unit)
      const re = new RegExp(`^\\u${unit.toString(16).padStart(4, '0')}$`, 'i')
      for (let other = 0; other <= 0xffff; other++) {
        const inFold = fold.some((_, i) => i % 2 === 0 && other >= (fold[i] as number) && other <= (fold[i + 1] as number))
        if (inFold !== re.test(String.fromCharCode(other))) throw new Error(`U+${unit.toString(16)} and U+${other.toString(16)}`)
      }

      expect(canonicalize(unit)).toBeGreaterThanOrEqual(0)
    }
  })
})
