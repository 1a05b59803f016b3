import {describe, expect, it} from 'vitest'

import {compileRules, detect} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

/** Every example of every built-in rule, run through the whole engine (gitleaks' habit). */
describe.each(builtinRules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const single = compileRules([rule])
  const all = compileRules(builtinRules)

  it('has examples of both kinds', () => {
    expect(rule.examples.match.length).toBeGreaterThan(0)
    expect(rule.examples.noMatch.length).toBeGreaterThan(0)
  })

  it.each(rule.examples.match.map((e) => [typeof e === 'string' ? e : e.text, e] as const))('matches %j', (_text, example) => {
    const text = typeof example === 'string' ? example : example.text
    const value = typeof example === 'string' ? example : example.value
    const key = typeof example === 'string' ? undefined : example.key
    const matches = detect(text, single, {key})
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual([value])
    // and the full rule set reports it under this rule's type
    const viaAll = detect(text, all, {key}).filter((m) => m.start === matches[0]?.start)
    expect(viaAll.map((m) => m.type)).toEqual([rule.type])
  })

  it.each(rule.examples.noMatch.map((e) => [e.reason, e] as const))('does not match %s', (_reason, {text, key}) => {
    expect(detect(text, single, {key})).toEqual([])
  })
})
