import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {hitsOf} from '../../src/engine/detect.js'
import {addHit, HIT_GAP, MAX_RULE_HITS, type TriggerHit} from '../../src/engine/trigger-hits.js'
import {compileRules, triggersByPasses, triggersIn, type CompiledRule} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)
const [ruleA, ruleB] = ruleSet.rules as [CompiledRule, CompiledRule]

describe('addHit', () => {
  it('keeps every hit inside one of its rule, and joins only hits at most HIT_GAP apart (property)', () => {
    const hit = fc.record({start: fc.nat(400), length: fc.integer({min: 1, max: 12}), b: fc.boolean()})
    fc.assert(
      fc.property(fc.array(hit, {maxLength: 60}), (raw) => {
        // As the callers give them: in order of end, or of start.
        const given = raw.map(({start, length, b}) => ({start, end: start + length, rule: b ? ruleB : ruleA})).sort((x, y) => x.end - y.end)
        const out: TriggerHit[] = []
        for (const h of given) addHit(out, h.start, h.end, h.rule)
        expect(out.length).toBeLessThanOrEqual(given.length)
        for (const h of given) expect(out.some((o) => o.rule === h.rule && o.start <= h.start && o.end >= h.end)).toBe(true)
        // Every unit a joined hit covers is a given hit's, or in a gap of at most HIT_GAP between two of them.
        for (const o of out) {
          const own = given.filter((h) => h.rule === o.rule && h.start >= o.start && h.end <= o.end).sort((x, y) => x.start - y.start)
          expect(own[0]?.start).toBe(o.start)
          let reach = o.start
          for (const h of own) {
            expect(h.start - reach).toBeLessThanOrEqual(HIT_GAP)
            reach = Math.max(reach, h.end)
          }

          expect(reach).toBe(o.end)
        }
      }),
      {numRuns: 500},
    )
  })
})

describe("hitsOf, joined (the triggers' own searches)", () => {
  it('keeps every match inside a joined hit, each joined hit made of matches at most HIT_GAP apart (property)', () => {
    const prefilters = ruleSet.prefilters.filter((p): p is RegExp => p instanceof RegExp)
    const piece = fc.constantFrom('1', '23', '4.5', ' ', '-', '10.0.0.1', 'x', 'sk-', 'password', ' '.repeat(HIT_GAP), ' '.repeat(HIT_GAP + 1))
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 80}), fc.nat(), (pieces, pick) => {
        const text = pieces.join('')
        const prefilter = prefilters[pick % prefilters.length] as RegExp
        const raw = hitsOf(prefilter, text)
        const joined = hitsOf(prefilter, text, true)
        expect(joined.length).toBeLessThanOrEqual(raw.length)
        for (const [start, end] of raw) expect(joined.some(([s, e]) => s <= start && e >= end)).toBe(true)
        for (const [s, e] of joined) {
          const inside = raw.filter(([start, end]) => start >= s && end <= e)
          let reach = s
          for (const [start, end] of inside) {
            expect(start - reach).toBeLessThanOrEqual(HIT_GAP)
            reach = Math.max(reach, end)
          }

          expect(reach).toBe(e)
        }
      }),
      {numRuns: 500},
    )
  })

  it('stops once the list is longer than MAX_RULE_HITS', () => {
    const text = Array.from({length: MAX_RULE_HITS + 50}, () => `10.0.0.1${' '.repeat(HIT_GAP + 1)}`).join('')
    const prefilter = ruleSet.prefilters.find((p) => p instanceof RegExp && p.test('10.0.0.1')) as RegExp
    expect(hitsOf(prefilter, text)).toHaveLength(MAX_RULE_HITS + 50)
    expect(hitsOf(prefilter, text, true)).toHaveLength(MAX_RULE_HITS + 1)
  })
})

describe('the hits of a dense line', () => {
  // Each digit, address and keyword used to be a hit of its own: 5.9 million objects (740 MiB) for 4 MB of addresses.
  for (const [name, unit, rule] of [
    ['IP addresses', (i: number) => `10.0.${i % 256}.${(i >> 8) % 256} `, 'pii.ip.v4'],
    ['card numbers', () => '4111 1111 1111 1111 ', 'pii.credit_card'],
    ['passwords', () => "password 'abcdefgh' ", 'secret.sql_password'],
    ['bearer tokens', () => 'Bearer abcdefghijklmnopqrstuvwxyz012345 ', 'secret.bearer_token'],
  ] as const) {
    it(`stay few in 200 KB of ${name}, and still trigger the rule, with the automaton and with one search per pattern`, () => {
      const parts: string[] = []
      for (let i = 0, size = 0; size < 200_000; i++) size += (parts[parts.length] = unit(i)).length
      const text = parts.join('')
      for (const triggers of [triggersIn(text, ruleSet), triggersByPasses(text, ruleSet)]) {
        const triggered = triggers.everywhere.some((r) => r.id === rule) || triggers.hits.some((h) => h.rule.id === rule)
        expect(triggered).toBe(true)
        // At most MAX_RULE_HITS per rule; a rule with more is scanned everywhere.
        const perRule = new Map<string, number>()
        for (const h of triggers.hits) perRule.set(h.rule.id, (perRule.get(h.rule.id) ?? 0) + 1)
        for (const n of perRule.values()) expect(n).toBeLessThanOrEqual(MAX_RULE_HITS)
      }
    })
  }

  it('scans a rule everywhere once it has more hits than MAX_RULE_HITS, and keeps the positions of one with fewer', () => {
    const spaced = (n: number): string => Array.from({length: n}, () => `Bearer abcdefghijklmnopqrstuvwxyz012345${' '.repeat(HIT_GAP + 1)}`).join('')
    const bearer = (t: ReturnType<typeof triggersIn>) => ({
      everywhere: t.everywhere.some((r) => r.id === 'secret.bearer_token'),
      hits: t.hits.filter((h) => h.rule.id === 'secret.bearer_token').length,
    })
    expect(bearer(triggersIn(spaced(MAX_RULE_HITS), ruleSet))).toEqual({everywhere: false, hits: MAX_RULE_HITS})
    expect(bearer(triggersIn(spaced(MAX_RULE_HITS + 1), ruleSet))).toEqual({everywhere: true, hits: 0})
    expect(bearer(triggersByPasses(spaced(MAX_RULE_HITS + 1), ruleSet))).toEqual({everywhere: true, hits: 0})
  })
})
