/**
 * Found by differential testing against a scan of every value with every rule: the line-level
 * prefilter (lineTriggers) must never leave out a part whose own scan has a finding. Both cases
 * fail on the build before the automaton too (they are not regressions of it).
 */
import {describe, expect, it} from 'vitest'

import {settingsOf} from '../../src/api/options.js'
import {compileRules, scan, type RuleSet} from '../../src/engine/index.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {prepareContext} from '../../src/monitor/context.js'
import {numberReading} from '../../src/monitor/json-tokens.js'
import {lineTriggers, TriggerCursor} from '../../src/monitor/line-triggers.js'
import {builtinRules} from '../../src/rules/index.js'
import {testContext} from '../support/context.js'

/** The rules the monitor scans the raw span [start, end) of `line` for. */
function rulesAt(line: string, ruleSet: RuleSet, start: number, end: number): string[] {
  const triggers = lineTriggers(line, ruleSet)
  return triggers === undefined ? [] : new TriggerCursor(triggers, ruleSet).rulesFor(start, end).map((r) => r.id)
}

describe('line triggers: a superset of each part own scan', () => {
  const builtin = compileRules(builtinRules)

  it('scans a JSON number whose digits come from its exponent (4.2e15 is the test card 4200000000000000)', async () => {
    const raw = '4.2e15'
    // The number's own scan finds a card (numberReading expands it to 16 digits)...
    expect(scan(numberReading(raw), builtin, {key: 'card'}).matches.map((m) => m.rule)).toContain('pii.credit_card')
    // ...the line holds only two digits, so no digit prefilter hits it: the monitor reads such a
    // number with every rule, and finds the card and the SSN written the same way.
    const ctx = prepareContext(await settingsOf({}))
    for (const [line, rule] of [
      [`{"card":${raw}}`, 'pii.credit_card'],
      ['{"ssn":21909999e1}', 'pii.us_ssn.plain'],
      ['{"n":[1,-4.2E+15]}', 'pii.credit_card'],
    ] as const) {
      const {record} = analyzeLine(line, 'logs.jsonl', 1, ctx)
      expect(
        record.findings.map((f) => f.rule),
        line,
      ).toContain(rule)
      expect(JSON.stringify(record)).not.toContain('4200000000000000')
    }
  })

  it('scans a value whose context word ends with the ": " that joins a key to its value', () => {
    const custom = compileRules(
      [
        {
          id: 'c.emp',
          type: 'EMPLOYEE_ID',
          category: 'pii',
          severity: 'medium',
          description: '',
          pattern: String.raw`E\d{6}`,
          prefilter: String.raw`E\d{3}`,
          confidence: 0.3,
          context: {words: ['emp:'], window: 20},
          examples: {match: [], noMatch: []},
        },
      ],
      {userRules: new Set(['c.emp'])},
    )
    const line = '{"emp":"E123456"}'
    // The value's scan reads its key as "emp: ", which holds the word...
    expect(scan('E123456', custom, {key: 'emp'}).matches.map((m) => m.rule)).toEqual(['c.emp'])
    // ...the raw line has `"emp":"` instead.
    const start = line.indexOf('"E1')
    expect(rulesAt(line, custom, start, start + 9)).toContain('c.emp')
  })

  it('scans a value for a config rule that only looks anchored (found by an attack on the key-words shortcut)', () => {
    // Each pattern can match after a context word inside the value itself, so the field's name
    // ("note") holding no word must not rule the value out.
    for (const [pattern, group] of [
      [String.raw`^*[A-Z0-9]{8}`, 0], // RE2 repeats the anchor: it may match anywhere
      [String.raw`^\Q(\E|[A-Z0-9]{8}`, 0], // a quoted "(" hid a top-level alternative
      [String.raw`^\s*([A-Za-z0-9]+ ?)+`, 1], // a repeated group's span is its last round
    ] as const) {
      const rule = {
        id: 'acme.member_code',
        type: 'MEMBER_CODE',
        category: 'pii',
        severity: 'critical',
        pattern,
        ...(group === 0 ? {} : {group}),
        confidence: 0.3,
        context: {words: ['member'], window: 40, boost: 0.5},
      }
      const ctx = testContext({}, {config: {rules: {custom: [rule]}}})
      const {record} = analyzeLine('{"note":"member ABCD1234"}', 'logs.jsonl', 1, ctx)
      expect(
        record.findings.map((f) => [f.rule, f.field, f.start, f.end]),
        pattern,
      ).toEqual([['acme.member_code', 'note', 7, 15]])
    }
  })
})
