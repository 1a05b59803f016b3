/**
 * Rules whose context words only the field's name can hold (`keyWordsOnly`): a value whose field
 * name has none of the words is not scanned for them. That must change no finding.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileRules, rulesForKey, scan, type RuleSet} from '../../src/engine/index.js'
import type {Rule} from '../../src/engine/types.js'
import {builtinRules} from '../../src/rules/index.js'

/** A rule that reports a random-looking whole value, only under a name with one of `words`. */
function valueRule(id: string, pattern: string, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    type: 'SECRET',
    category: 'secret',
    severity: 'high',
    description: '',
    pattern,
    group: pattern.includes('(') ? 1 : 0,
    confidence: 0.3,
    context: {words: ['pin', 'member id', 'clientSecret'], window: 40, boost: 0.5},
    examples: {match: [], noMatch: []},
    ...extra,
  }
}

const shapes: Rule[] = [
  valueRule('c.whole', String.raw`^[A-Z0-9]{4,12}`),
  valueRule('c.spaces', String.raw`^\s*([A-Z0-9]{4,12})\s*$`),
  // Not for the shortcut: the span can start anywhere, or a word can stand in the value.
  valueRule('c.alternation', String.raw`^\s*([A-Z0-9]{4,12})|pin ([A-Z0-9]{4,12})`),
  valueRule('c.multiline', String.raw`^([A-Z0-9]{4,12})`, {flags: 'm'}),
  valueRule('c.prefix', String.raw`^pin: ([A-Z0-9]{4,12})`),
  valueRule('c.lazy', String.raw`^\s{0,3}?([A-Z0-9]{4,12})`),
  valueRule('c.after', String.raw`^([A-Z0-9]{4,12})`, {context: {words: ['pin'], window: 40, after: 20, boost: 0.5}}),
  valueRule('c.joins', String.raw`^([A-Z0-9]{4,12})`, {context: {words: ['pin:', ' id'], window: 40, boost: 0.5}}),
  valueRule('c.repeated', String.raw`^\s*([A-Za-z0-9]+ ?)+`),
  valueRule('c.counted', String.raw`^\s*([A-Za-z0-9]+ ?){2}`),
  // Config rules run on RE2, where a repeated anchor is legal: never for the shortcut.
  valueRule('c.re2', String.raw`[A-Z0-9]{4,12}`.replace(/^/, '^*'), {group: 0}),
  valueRule('c.re2anchored', String.raw`^[A-Z0-9]{4,12}`, {group: 0}),
  valueRule('c.quoted', String.raw`^\Q(\E[A-Z0-9]{4,12}|pin [A-Z0-9]{4,12}`, {group: 0}),
  valueRule('c.posix', String.raw`^[[:upper:](]{4,12}|pin [A-Z0-9]{4,12}`, {group: 0}),
  valueRule('c.windowed', String.raw`^([A-Z0-9]{4,12})`, {prefilter: String.raw`[A-Z0-9]{4}`, prefilterWindow: 8}),
]

const builtin = compileRules(builtinRules)
// Two shapes in RE2's syntax only (config rules run on RE2): quoted literals and POSIX classes.
const withShapes = compileRules([...builtinRules, ...shapes], {userRules: new Set(['c.re2', 'c.re2anchored', 'c.quoted', 'c.posix'])})

/** The same rules without the shortcut: what every value must give. */
function withoutShortcut(ruleSet: RuleSet): RuleSet {
  return {...ruleSet, rules: ruleSet.rules.map((rule) => ({...rule, keyWordsOnly: false}))}
}

describe('rules whose words only a field name holds', () => {
  it('are the whole-value rules that need their words, and no other shape', () => {
    expect(builtin.rules.filter((r) => r.keyWordsOnly).map((r) => r.id)).toEqual(['secret.field_value'])
    expect(withShapes.rules.filter((r) => r.id.startsWith('c.') && r.keyWordsOnly).map((r) => r.id)).toEqual(['c.whole', 'c.spaces'])
  })

  it('are left out for a field name without their words, and kept for one with them', () => {
    const fieldValue = builtin.rules.find((r) => r.id === 'secret.field_value')
    expect(rulesForKey(builtin.rules, 'request_id')).not.toContain(fieldValue)
    expect(rulesForKey(builtin.rules, 'dbApiKey')).not.toContain(fieldValue) // "api key" is not "api_key"
    for (const key of ['password', 'DB_PASSWORD', 'clientSecret', 'user.auth', 'access_key']) expect(rulesForKey(builtin.rules, key), key).toContain(fieldValue)
    // Nothing dropped: the same array.
    expect(rulesForKey(builtin.rules, 'password')).toBe(builtin.rules)
  })

  const pieces = [
    'password',
    'Password',
    'PWD',
    'pin',
    'PIN',
    'Pin',
    'member id',
    'memberId',
    'clientSecret',
    'client_secret',
    'api_key',
    'pinned',
    'spin',
    ':',
    ' ',
    '_',
    '.',
    'x',
    'id',
  ]
  const key = fc.array(fc.constantFrom(...pieces), {maxLength: 4}).map((parts) => parts.join(''))
  const value = fc
    .tuple(
      fc.constantFrom('', ' ', '   ', '\t', 'pin ', 'pin: ', 'id ', 'member '),
      fc.constantFrom('Kp9vR2mXq7LwZ4tB', 'A1B2C3D4', 'a8Fq2Lz9Xw1Rt5Yb7Nc3', 'PIN 1234', 'ZZ99', 'pin A1B2C3D4'),
      fc.constantFrom('', ' ', ' pin'),
    )
    .map((parts) => parts.join(''))

  for (const [name, ruleSet] of [
    ['the built-in rules', builtin],
    ['rules of every shape', withShapes],
  ] as const) {
    it(`find in any value under any name exactly what the rules without the shortcut find, with ${name} (property)`, () => {
      const reference = withoutShortcut(ruleSet)
      fc.assert(
        fc.property(key, value, (k, v) => {
          expect(scan(v, ruleSet, {key: k})).toEqual(scan(v, reference, {key: k}))
        }),
        {numRuns: 1500},
      )
    })
  }
})
