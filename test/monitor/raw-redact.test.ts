import {describe, expect, it} from 'vitest'

import {compileRules, mask, replaceWithType} from '../../src/engine/index.js'
import {redactJsonLine, redactTextLine} from '../../src/monitor/raw-redact.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)

describe('redactJsonLine', () => {
  it('replaces only the values and keeps every other byte', () => {
    const line = '{ "id" :  7, "user_query":"mail jane@example.com",  "n": 1.50e3, "bot_response": "call 555-010-0199\\nthanks"}'
    expect(redactJsonLine(line, ruleSet, mask)).toBe('{ "id" :  7, "user_query":"mail j***@e***.com",  "n": 1.50e3, "bot_response": "call ***-***-**99\\nthanks"}')
  })

  it('keeps escapes around a value and finds values written with escapes', () => {
    const line = String.raw`{"a":"caf\u00e9 \"quoted\" jane\u0040example.com \/ end"}`
    expect(redactJsonLine(line, ruleSet, replaceWithType)).toBe(String.raw`{"a":"caf\u00e9 \"quoted\" <EMAIL> \/ end"}`)
  })

  it('redacts keys and duplicate keys too (a parser would only see the last)', () => {
    const line = '{"jane@example.com": 1, "r": "a@example.com", "r": "ok"}'
    expect(redactJsonLine(line, ruleSet, replaceWithType)).toBe('{"<EMAIL>": 1, "r": "<EMAIL>", "r": "ok"}')
  })

  it('writes the replacement as valid JSON string content', () => {
    const line = '{"a": "jane@example.com"}'
    const quoting = (): string => 'say "hi" \\ now'
    const out = redactJsonLine(line, ruleSet, quoting)
    expect(JSON.parse(out)).toEqual({a: 'say "hi" \\ now'})
  })
})

describe('redactTextLine', () => {
  it('scans a line that is not JSON as text', () => {
    expect(redactTextLine('{"a": "truncated jane@example.com', ruleSet, mask)).toBe('{"a": "truncated j***@e***.com')
  })
})
