import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileRules, type CompiledRule} from '../../src/engine/index.js'
import {TriggerCursor} from '../../src/monitor/line-triggers.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)
const rule = fc.constantFrom(...ruleSet.rules)

describe('TriggerCursor', () => {
  it('gives each part the rules whose hits overlap it, and the rules scanned everywhere, once each and in rule-set order', () => {
    const hit = fc.tuple(fc.nat(200), fc.integer({min: 1, max: 40}), rule).map(([start, length, r]) => ({start, end: start + length, rule: r}))
    // Parts in document order: increasing and apart, as a line's keys and values are.
    const parts = fc.array(fc.tuple(fc.nat(20), fc.integer({min: 1, max: 30})), {maxLength: 12}).map((steps) => {
      let at = 0
      return steps.map(([gap, length]) => {
        const start = at + gap
        at = start + length
        return [start, at] as const
      })
    })
    const everywhere = fc.uniqueArray(rule, {maxLength: 3}).map((rules) => ruleSet.rules.filter((r) => rules.includes(r)))
    fc.assert(
      fc.property(fc.array(hit, {maxLength: 30}), everywhere, parts, (hits, always, spans) => {
        const sorted = [...hits].sort((a, b) => a.start - b.start)
        const cursor = new TriggerCursor({everywhere: always, hits: sorted.map((h) => ({...h})), normal: true}, ruleSet)
        for (const [start, end] of spans) {
          const expected = new Set<CompiledRule>(always)
          for (const h of hits) if (h.start < end && h.end > start) expected.add(h.rule)
          expect(cursor.rulesFor(start, end).map((r) => r.id)).toEqual(ruleSet.rules.filter((r) => expected.has(r)).map((r) => r.id))
        }
      }),
      {numRuns: 500},
    )
  })
})
