import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileRules, detect, RuleCompileError, type Rule} from '../../src/engine/index.js'
import {compileLinear} from '../../src/engine/linear.js'

const rule = (over: Partial<Rule>): Rule => ({
  id: 'acme.r',
  type: 'ACME',
  category: 'pii',
  severity: 'low',
  description: '',
  pattern: 'x',
  examples: {match: [], noMatch: []},
  ...over,
})
const user = (r: Rule, extra: Parameters<typeof compileRules>[1] = {}) => compileRules([r], {...extra, userRules: new Set([r.id])})

describe('patterns from a config run on RE2', () => {
  it('finds matches, groups and flags as the JavaScript engine would', () => {
    const set = user(rule({pattern: String.raw`emp[-_]id[:=]\s*(E\d{6})`, group: 1, flags: 'i'}))
    const text = 'EMP_ID= E123456 and emp-id:E654321'
    expect(detect(text, set).map((m) => text.slice(m.start, m.end))).toEqual(['E123456', 'E654321'])
  })

  it('accepts JavaScript \\u escapes and keeps an escaped backslash', () => {
    expect(compileLinear(String.raw`caf\u00e9`).test('café')).toBe(true)
    expect(compileLinear(String.raw`a\\u0041`).test(String.raw`a\u0041`)).toBe(true)
  })

  it('gives the same spans as JavaScript for patterns both accept (property)', () => {
    const sources = fc.constantFrom(String.raw`\d{3}-\d{4}`, '[a-z]+@[a-z]+\\.com', 'ab|a', String.raw`(\w+)=(\d+)`, 'x+y?', String.raw`\bEMP\d+`)
    const texts = fc.stringMatching(/^[a-z0-9@.=\- xyEMP]{0,40}$/)
    fc.assert(
      fc.property(sources, texts, (source, text) => {
        const js = [...text.matchAll(new RegExp(source, 'g'))].map((m) => [m.index, m.index + m[0].length])
        const re2 = [...compileLinear(source).matches(text, 0)].map(([s, e]) => [s, e])
        expect(re2).toEqual(js)
      }),
      {numRuns: 500},
    )
  })

  it.each([
    ['a lookahead', 'a(?![a-z]*!)'],
    ['a lookbehind', '(?<=x)a'],
    ['a backreference', '(a)\\1'],
  ])('refuses %s with a message that says why', (_what, pattern) => {
    expect(() => user(rule({pattern}))).toThrow(RuleCompileError)
    expect(() => user(rule({pattern}))).toThrow(/rule acme\.r: the pattern is not supported .*linear-time engine/)
  })

  it('vets allowlist patterns the same way, and matches them against the whole value', () => {
    expect(() => compileRules([], {allowlist: {patterns: ['(?=a)b']}})).toThrow(/^allowlist\.patterns\[0\]: the pattern is not supported/)
    const set = compileRules([rule({pattern: String.raw`[a-z]+@[a-z.]+`})], {
      userRules: new Set(['acme.r']),
      allowlist: {patterns: [String.raw`help@acme\.com`]},
    })
    expect(detect('help@acme.com', set)).toEqual([])
    expect(detect('xhelp@acme.com', set)).toHaveLength(1)
  })

  it('stays linear where a backtracking engine would not finish', () => {
    const set = user(rule({pattern: '(x+x+)+y'}))
    expect(detect('x'.repeat(100_000), set)).toEqual([])
    const allow = compileRules([], {allowlist: {patterns: [String.raw`([a-z0-9]+\.?)+@saas-startup\.com`]}})
    expect(allow.allowlist?.patterns[0]?.whole(`${'a'.repeat(5000)}!@saas-startup.com`)).toBe(false)
  })
})
