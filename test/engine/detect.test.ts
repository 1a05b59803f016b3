import {describe, expect, it} from 'vitest'

import {compileRules, detect, RuleCompileError, scan, type Rule} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)
const slices = (text: string): string[] => detect(text, ruleSet).map((m) => text.slice(m.start, m.end))

const rule = (over: Partial<Rule>): Rule => ({
  id: 'test.rule',
  type: 'TEST',
  category: 'pii',
  severity: 'low',
  description: 'test',
  pattern: 'x+',
  examples: {match: [], noMatch: []},
  ...over,
})

describe('detect', () => {
  it('finds the sample findings with exact UTF-16 offsets', () => {
    const text = 'No problem, please send an email to our support team at help@saas-startup.com for assistance.'
    expect(detect(text, ruleSet)).toEqual([
      {rule: 'pii.email', type: 'EMAIL', category: 'pii', severity: 'high', confidence: 0.8, start: 56, end: 77, value: 'help@saas-startup.com'},
    ])
  })

  it('keeps offsets exact after emoji and CJK text', () => {
    const text = '👋🏽 你好！電話は 555-010-0199、メールは jane@example.com です'
    const matches = detect(text, ruleSet)
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['555-010-0199', 'jane@example.com'])
  })

  it('finds several values in order and nothing in clean text', () => {
    expect(slices('a@example.com or b@example.org, or call 555-010-0123')).toEqual(['a@example.com', 'b@example.org', '555-010-0123'])
    expect(slices('Your order #A-12345 ships on 2024-05-01 for $1,299.00')).toEqual([])
    expect(detect('', ruleSet)).toEqual([])
  })

  it('is better than the seed phone regex on ids and worse on nothing it should match', () => {
    // the seed regex \b\d{3}[-.]?\d{3}[-.]?\d{4}\b fires on every 10-digit id
    expect(slices('user id 1234567890 and ts 1700000000')).toEqual([])
    expect(slices('support: 555-123-4567, 555.123.4567, (555) 123-4567')).toEqual(['555-123-4567', '555.123.4567', '(555) 123-4567'])
  })

  it('reports a value wherever it occurs in the text once one occurrence is found', () => {
    // "order" before the first number lowers its confidence; the second reads as a phone: both are the same value.
    const text = 'your order | 電話: 03-1234-5678 | 電話: 03-1234-5678 | hello'
    const found = detect(text, ruleSet).map((m) => [m.type, text.slice(m.start, m.end)])
    expect(found).toEqual([
      ['PHONE', '03-1234-5678'],
      ['PHONE', '03-1234-5678'],
    ])
    // An allowlisted value is not spread: it is not a finding anywhere.
    const allowed = compileRules(builtinRules, {allowlist: {values: ['03-1234-5678']}})
    expect(detect(text, allowed)).toEqual([])
  })

  it('resolves overlaps: the more severe match wins', () => {
    const set = compileRules([rule({id: 'low', pattern: 'abc', severity: 'low'}), rule({id: 'high', pattern: 'bcd', severity: 'high'})])
    expect(detect('abcd', set).map((m) => m.rule)).toEqual(['high'])
  })

  it('runs a rule only when one of its keywords is present (case-insensitive with the i flag)', () => {
    const exact = compileRules([rule({pattern: '[Tt]oken_[a-z]+', keywords: ['token_']})])
    expect(detect('my token_abc', exact)).toHaveLength(1)
    expect(detect('my Token_abc', exact)).toHaveLength(0)
    const anyCase = compileRules([rule({pattern: 'token_[a-z]+', flags: 'i', keywords: ['TOKEN_']})])
    expect(detect('my Token_abc', anyCase)).toHaveLength(1)
  })

  it('runs rules sharing a prefilter only when it matches, evaluating it once', () => {
    const set = compileRules([rule({id: 'a', pattern: 'x+', prefilter: String.raw`\d{3}`}), rule({id: 'b', pattern: 'y+', prefilter: String.raw`\d{3}`})])
    expect(set.prefilters).toHaveLength(1)
    expect(detect('xx yy 123', set).map((m) => m.rule)).toEqual(['a', 'b'])
    expect(detect('xx yy 12', set)).toEqual([])
  })

  it('applies context words as whole words only', () => {
    const set = compileRules([rule({pattern: String.raw`\d{4}`, confidence: 0.4, context: {words: ['tel'], window: 10}})])
    expect(detect('tel: 1234', set)).toMatchObject([{confidence: 0.7}])
    expect(detect('hotel 1234', set)).toHaveLength(0)
  })

  it('looks for context after the match when asked, and lowers confidence on negative words', () => {
    const set = compileRules([
      rule({pattern: String.raw`\d{4}`, confidence: 0.4, context: {words: ['pin'], window: 5, after: 10}, negativeContext: {words: ['year'], window: 6}}),
    ])
    expect(detect('1234 is my pin', set)).toHaveLength(1)
    expect(detect('pin 1234', set)).toHaveLength(1)
    expect(detect('year 1234 pin', set)).toHaveLength(0)
  })

  it('reports a capture group as the value when the rule names one', () => {
    const set = compileRules([rule({pattern: String.raw`key=(\w+)`, group: 1})])
    expect(detect('the key=abcdef!', set)).toMatchObject([{start: 8, end: 14}])
  })

  it('suppresses allowlisted values instead of dropping them silently', () => {
    const set = compileRules(builtinRules, {
      allowlist: {values: ['HELP@saas-startup.com'], emailDomains: ['example.org'], patterns: [String.raw`555-010-01\d\d`]},
    })
    const result = scan('help@saas-startup.com, a@mail.example.org, b@example.com, 555-010-0142', set)
    expect(result.matches.map((m) => m.type)).toEqual(['EMAIL'])
    expect(result.suppressed.map((m) => m.type).sort()).toEqual(['EMAIL', 'EMAIL', 'PHONE'])
  })

  it('rejects bad rules with a message naming the rule', () => {
    expect(() => compileRules([rule({id: 'bad.regex', pattern: '('})])).toThrow(/rule bad.regex: invalid pattern/)
    expect(() => compileRules([rule({id: 'empty', pattern: 'x*'})])).toThrow(RuleCompileError)
    expect(() => compileRules([rule({validator: 'nope'})])).toThrow(/unknown validator "nope"/)
    expect(() => compileRules([rule({}), rule({})])).toThrow(/duplicate rule id/)
    expect(() => compileRules([rule({confidence: 2})])).toThrow(/confidence must be between 0 and 1/)
    expect(() => compileRules([], {allowlist: {patterns: ['(']}})).toThrow(/allowlist.patterns\[0\]: the pattern is not supported/)
  })

  it('stays fast on adversarial input (linear scans)', () => {
    // Not a timing assertion: the test would hang for minutes if a regex backtracked catastrophically.
    const evil = ['a'.repeat(50_000) + '@', '1-'.repeat(50_000), '+1 '.repeat(30_000), 'a.'.repeat(50_000) + '@x'].join(' ')
    expect(detect(evil, ruleSet)).toEqual([])
  })
})
