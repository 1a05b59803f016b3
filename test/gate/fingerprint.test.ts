import {describe, expect, it} from 'vitest'

import {analyzeLine} from '../../src/monitor/analyze.js'
import {testContext} from '../support/context.js'

const ctx = testContext()
const fingerprints = (line: string, file = 'logs/chat.jsonl', lineNumber = 1): string[] =>
  analyzeLine(line, file, lineNumber, ctx).record.findings.map((f) => f.fingerprint)

const record = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({id: 'int_7', user_query: 'q', bot_response: 'mail me at jane@example.com please', latency_ms: 10, ...extra})

describe('finding fingerprints', () => {
  it('do not depend on the line number (lines move)', () => {
    expect(fingerprints(record(), 'logs/chat.jsonl', 3)).toEqual(fingerprints(record(), 'logs/chat.jsonl', 300))
  })

  it('do not change when other fields of the record change', () => {
    expect(fingerprints(record({latency_ms: 9999, model_version: 'v2'}))).toEqual(fingerprints(record()))
  })

  it('change with the file, the record, the field and the text around the value', () => {
    const base = fingerprints(record())[0]
    expect(fingerprints(record(), 'logs/other.jsonl')[0]).not.toBe(base)
    expect(fingerprints(record({id: 'int_8'}))[0]).not.toBe(base)
    expect(fingerprints(JSON.stringify({id: 'int_7', user_query: 'mail me at jane@example.com please', bot_response: 'ok'}))[0]).not.toBe(base)
    expect(fingerprints(record({bot_response: 'write to jane@example.com please'}))[0]).not.toBe(base)
  })

  it('never hash the raw value: another address with the same mask and context gives the same fingerprint', () => {
    // j***@e***.com either way: the fingerprint is built from masked text only
    expect(fingerprints(record({bot_response: 'mail me at joe@example.com please'}))).toEqual(fingerprints(record()))
  })

  it('are stable for records without an id, and for malformed lines', () => {
    const noId = JSON.stringify({user_query: 'q', bot_response: 'call 555-010-0199'})
    expect(fingerprints(noId, 'f', 1)).toEqual(fingerprints(noId, 'f', 9))
    const broken = '{"bot_response": "call 555-010-0199'
    expect(fingerprints(broken, 'f', 1)).toEqual(fingerprints(broken, 'f', 9))
    expect(fingerprints(broken)[0]).toMatch(/^[0-9a-f]{32}$/)
  })
})
