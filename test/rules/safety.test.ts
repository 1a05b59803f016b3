import fc from 'fast-check'
import {checkSync} from 'recheck'
import {describe, expect, it} from 'vitest'

import {compileRules, detect, getValidator, scan} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)

describe('every built-in pattern runs in linear time (recheck)', () => {
  const sources = builtinRules.flatMap((rule) => [
    {id: rule.id, what: 'pattern', source: rule.pattern, flags: rule.flags ?? ''},
    ...(rule.prefilter === undefined ? [] : [{id: rule.id, what: 'prefilter', source: rule.prefilter, flags: ''}]),
  ])
  it.each(sources.map((s) => [`${s.id} ${s.what}`, s] as const))(
    '%s',
    (_name, {source, flags}) => {
      // Step limits only, no wall-clock ones: on a busy machine a slow run must not read as an attack.
      const result = checkSync(source, flags, {timeout: 20_000, attackTimeout: null, incubationTimeout: null, seedingTimeout: null})
      expect(result.status, result.status === 'vulnerable' ? `attack: ${result.attack.string.slice(0, 60)}` : '').not.toBe('vulnerable')
    },
    60_000,
  )
})

describe('unicode before a finding', () => {
  const prefixes = ['😀👍🏽 ', '你好，', 'こんにちは ', 'Ünïcödé: ', '🇩🇪🇫🇷 ', 'नमस्ते ']
  for (const rule of builtinRules) {
    // Whole-value rules (read with their field's name) are about a value alone, not text around it.
    for (const example of rule.examples.match.filter((e) => typeof e === 'string' || e.key === undefined)) {
      const text = typeof example === 'string' ? example : example.text
      const value = typeof example === 'string' ? example : example.value
      it(`${rule.id}: offsets slice ${JSON.stringify(value).slice(0, 40)} after emoji and CJK`, () => {
        for (const prefix of prefixes) {
          const shifted = prefix + text
          const found = detect(shifted, ruleSet).filter((m) => m.type === rule.type)
          expect(found.map((m) => shifted.slice(m.start, m.end))).toContain(value)
        }
      })
    }
  }
})

describe('properties over random text (fast-check)', () => {
  const pieces = fc.oneof(
    fc.string({unit: 'binary', maxLength: 40}),
    fc.constantFrom(
      'jane@example.com',
      '+44 20 7946 0958',
      '4242 4242 4242 4242',
      '123-45-6789',
      'GB82 WEST 1234 5698 7654 32',
      '192.0.2.1',
      '::1',
      'AKIAQKIK5I72IFRJ3LW4',
      'api_key=',
      ' ',
      '@',
      '-',
      '.',
      '\n',
    ),
    fc.stringMatching(/^[\d .()+-]{1,25}$/),
  )
  const texts = fc.array(pieces, {maxLength: 12}).map((parts) => parts.join(''))

  it('never throws, and every finding lies inside the text, sorted and without overlap', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const {matches, suppressed} = scan(text, ruleSet)
        let end = 0
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(end)
          expect(m.end).toBeGreaterThan(m.start)
          expect(m.end).toBeLessThanOrEqual(text.length)
          expect(m.confidence).toBeGreaterThanOrEqual(ruleSet.minConfidence)
          end = m.end
        }

        expect(suppressed).toEqual([])
      }),
      {numRuns: 2000},
    )
  })

  it("every finding's value is accepted by its rule's validator", () => {
    const byId = new Map(builtinRules.map((r) => [r.id, r]))
    fc.assert(
      fc.property(texts, (text) => {
        for (const m of detect(text, ruleSet)) {
          const rule = byId.get(m.rule)
          const validator = rule?.validator === undefined ? undefined : getValidator(rule.validator)
          // Overlapping matches are merged, so check the validator on a match found alone.
          const alone = detect(text, compileRules([rule as never])).find((x) => x.start >= m.start && x.end <= m.end)
          if (validator !== undefined && alone !== undefined) expect(validator(alone.value)).toBe(true)
        }
      }),
      {numRuns: 1000},
    )
  })
})
