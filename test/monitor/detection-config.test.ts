import {describe, expect, it} from 'vitest'

import {checkCustomRules} from '../../src/config/check-rules.js'
import {loadConfig} from '../../src/config/load.js'
import {LlmopsError} from '../../src/errors.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {testContext} from '../support/context.js'
import {tempDir} from '../helpers.js'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

const line = JSON.stringify({id: 'x', user_query: 'q', bot_response: 'Write to help@saas-startup.com or jane@example.com, or call 555-010-0199.'})

const employeeRule = {
  id: 'acme.employee_id',
  type: 'EMPLOYEE_ID',
  category: 'pii',
  severity: 'medium',
  pattern: String.raw`\bEMP-\d{6}\b`,
  examples: {match: ['EMP-123456'], noMatch: [{text: 'EMP-12', reason: 'too short'}]},
}

describe('allowlist', () => {
  it("suppresses the organisation's own contacts and counts them", () => {
    const ctx = testContext({}, {config: {allowlist: {emailDomains: ['saas-startup.com']}}})
    const result = analyzeLine(line, 'f', 1, ctx)
    expect(result.record.findings.map((f) => f.type)).toEqual(['EMAIL', 'PHONE'])
    expect(result.record.suppressed).toBe(1)
    expect(result.suppressed).toEqual(['EMAIL'])
    // the allowlisted address is public: it stays as it is
    expect(JSON.stringify(result.record.original_interaction)).toContain('help@saas-startup.com')
  })
})

describe('redaction operators', () => {
  const redactedResponse = (operator: string, salt?: string): string => {
    const ctx = testContext({}, {config: {redaction: {operator}}, ...(salt === undefined ? {} : {salt})})
    return (analyzeLine(line, 'f', 1, ctx).record.original_interaction as {bot_response: string}).bot_response
  }

  it('masks by default', () => {
    expect(redactedResponse('mask')).toBe('Write to h***@s***.com or j***@e***.com, or call ***-***-**99.')
  })

  it('replaces with the type, or removes', () => {
    expect(redactedResponse('replace')).toBe('Write to <EMAIL> or <EMAIL>, or call <PHONE>.')
    expect(redactedResponse('remove')).toBe('Write to  or , or call .')
  })

  it('hashes with a salt: stable within a run, different across salts, never the value', () => {
    const a = redactedResponse('hash')
    expect(a).toMatch(/^Write to <EMAIL:[0-9a-f]{12}> or <EMAIL:[0-9a-f]{12}>, or call <PHONE:[0-9a-f]{12}>\.$/)
    expect(redactedResponse('hash')).toBe(a)
    expect(redactedResponse('hash', 'another-salt-0123456789')).not.toBe(a)
    expect(a).not.toMatch(/help|jane|0199/)
  })
})

describe('custom rules', () => {
  it('adds the organisation rules and disables built-ins', () => {
    const ctx = testContext({}, {config: {rules: {custom: [employeeRule], disable: ['pii.phone.formatted', 'pii.phone.labeled']}}})
    const result = analyzeLine(JSON.stringify({user_query: 'I am EMP-123456, call 555-010-0199', bot_response: 'ok'}), 'f', 1, ctx)
    expect(result.record.findings.map((f) => f.type)).toEqual(['EMPLOYEE_ID'])
  })

  it('refuses a rule whose examples fail, naming it', () => {
    const bad = {...employeeRule, examples: {match: ['EMP-12'], noMatch: []}}
    expect(() => checkCustomRules([bad as never])).toThrow(LlmopsError)
    expect(() => checkCustomRules([bad as never])).toThrow(/rule acme.employee_id: example "EMP-12" should match/)
  })

  it('runs a pattern with catastrophic backtracking in linear time (RE2) instead of refusing it', () => {
    const redos = {...employeeRule, id: 'acme.redos', pattern: '^(a+)+$', examples: {match: ['aaa'], noMatch: []}}
    expect(() => checkCustomRules([redos as never])).not.toThrow()
    const ctx = testContext({}, {config: {rules: {custom: [redos]}}})
    const result = analyzeLine(JSON.stringify({user_query: `${'a'.repeat(50_000)}!`, bot_response: 'ok'}), 'f', 1, ctx)
    expect(result.record.findings).toEqual([])
  })

  it('names an unknown built-in id in rules.disable', async () => {
    const cwd = await tempDir()
    await writeFile(path.join(cwd, '.llmops.json'), JSON.stringify({rules: {disable: ['pii.nope']}}))
    await expect(loadConfig({cwd})).rejects.toThrow(/rules.disable\[0\]: not a built-in rule id/)
  })
})
