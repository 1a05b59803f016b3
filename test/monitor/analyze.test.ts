import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {OversizedLine} from '../../src/io/lines.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {type AnalyzeContext} from '../../src/monitor/types.js'

const context = (monitor: Record<string, unknown> = {}, redact = true): AnalyzeContext => testContext(monitor, {redact})
const analyze = (record: unknown, ctx = context()) => analyzeLine(JSON.stringify(record), 'logs.jsonl', 7, ctx)

describe('analyzeLine', () => {
  it('reports findings with field, offsets and masked value, and redacts the record', () => {
    const input = {id: 'int_9', user_query: 'mail me: jane@example.com', bot_response: 'Call 555-010-0199.'}
    const {record} = analyze(input)
    expect(record).toMatchObject({interaction_id: 'int_9', file: 'logs.jsonl', line: 7, pii_detected: true, error: null, errors: []})
    // in document order
    expect(record.findings).toEqual([
      {
        type: 'EMAIL',
        category: 'pii',
        rule: 'pii.email',
        field: 'user_query',
        start: 9,
        end: 25,
        severity: 'high',
        confidence: 0.8,
        masked: 'j***@e***.com',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      {
        type: 'PHONE',
        category: 'pii',
        rule: 'pii.phone.formatted',
        field: 'bot_response',
        start: 5,
        end: 17,
        severity: 'medium',
        confidence: 0.8,
        masked: '***-***-**99',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ])
    expect(record.original_interaction).toEqual({id: 'int_9', user_query: 'mail me: j***@e***.com', bot_response: 'Call ***-***-**99.'})
    expect(JSON.stringify(record)).not.toMatch(/jane|0199/)
  })

  it('keeps raw values only when redaction is off', () => {
    const {record} = analyze({user_query: 'jane@example.com', bot_response: 'ok'}, context({}, false))
    expect(record.findings[0]?.value).toBe('jane@example.com')
    expect(record.original_interaction).toEqual({user_query: 'jane@example.com', bot_response: 'ok'})
  })

  it.each([
    [{user_query: 'q', bot_response: null}, ['null_response']],
    [{user_query: 'q'}, ['missing_response']],
    [{user_query: 'q', bot_response: '   '}, ['empty_response']],
    [{bot_response: 'a'}, ['missing_query']],
    [{user_query: 'q', bot_response: 'a', error: 'timeout'}, ['error_field']],
    [{user_query: 'q', bot_response: null, error_type: 'upstream_5xx'}, ['null_response', 'error_field']],
    [{user_query: 'q', bot_response: 'a', error: null, error_type: ''}, []],
    [{user_query: 'q', bot_response: 'a', error: 0, error_type: false}, []],
  ])('functional errors of %j', (input, errors) => {
    const {record} = analyze(input)
    expect(record.errors).toEqual(errors)
    expect(record.error).toBe(errors[0] ?? null)
  })

  it('reads latency from the first alias present and flags slow records', () => {
    expect(analyze({latency_ms: 842, user_query: 'q', bot_response: 'a'}).record).toMatchObject({latency_ms: 842, slow: false})
    expect(analyze({duration_ms: '2000', user_query: 'q', bot_response: 'a'}).record).toMatchObject({latency_ms: 2000, slow: true})
    expect(analyze({latency: 1600}, context({slowMs: 2000})).record).toMatchObject({latency_ms: 1600, slow: false})
    expect(analyze({latency_ms: 'fast', user_query: 'q', bot_response: 'a'}).record).toMatchObject({latency_ms: null, slow: false})
  })

  it("uses the record's timestamp in UTC, else null (the time of the scan is not data)", () => {
    expect(analyze({timestamp: '2024-03-01T10:00:00+02:00'}).record.timestamp_utc).toBe('2024-03-01T08:00:00.000Z')
    expect(analyze({ts: 1_700_000_000}).record.timestamp_utc).toBe('2023-11-14T22:13:20.000Z')
    expect(analyze({timestamp: 'yesterday'}).record.timestamp_utc).toBeNull()
    expect(analyze({user_query: 'q', bot_response: 'a'}).record.timestamp_utc).toBeNull()
    // no zone designator: UTC, whatever the machine's time zone
    expect(analyze({timestamp: '2024-05-01 10:00:00'}).record.timestamp_utc).toBe('2024-05-01T10:00:00.000Z')
    expect(analyze({created_at: '2024-05-01T10:00'}).record.timestamp_utc).toBe('2024-05-01T10:00:00.000Z')
  })

  it('scans nested paths and masks them in place', () => {
    const ctx = context({fields: ['messages[].content', 'choices[].message.content']})
    const {record} = analyze({messages: [{role: 'user', content: 'I am jane@example.com'}], choices: [{message: {content: 'Noted'}}]}, ctx)
    expect(record.findings.map((f) => [f.field, f.start])).toEqual([['messages[0].content', 5]])
    expect(record.original_interaction).toEqual({messages: [{role: 'user', content: 'I am j***@e***.com'}], choices: [{message: {content: 'Noted'}}]})
  })

  it('turns malformed and non-object lines into results, scanning their raw text', () => {
    const bad = analyzeLine('{"bot_response": "write to jane@example.com', 'x.jsonl', 3, context())
    expect(bad.record).toMatchObject({error: 'malformed_json', line: 3, file: 'x.jsonl', timestamp_utc: null, pii_detected: true, original_interaction: null})
    expect(bad.record.findings[0]).toMatchObject({field: '$line', type: 'EMAIL', masked: 'j***@e***.com'})
    expect(bad.record.parse_error).not.toContain('jane')
    expect(analyzeLine('[1,2]', 'x', 1, context()).record).toMatchObject({error: 'not_object', parse_error: 'expected a JSON object, got an array'})
    expect(analyzeLine('42', 'x', 1, context()).record.parse_error).toBe('expected a JSON object, got a number')
    expect(analyzeLine(new OversizedLine(99), 'x', 1, context()).record.error).toBe('line_too_long')
  })

  it('also scans and masks every other string of the record unless scanAllFields is off', () => {
    const input = {user_query: 'q', bot_response: 'a', meta: {customer_email: 'meta.person@example.com', tags: ['x', 'call 555-010-0111']}}
    const {record} = analyze(input)
    expect(record.findings.map((f) => f.field)).toEqual(['meta.customer_email', 'meta.tags[1]'])
    expect(record.original_interaction).toEqual({user_query: 'q', bot_response: 'a', meta: {customer_email: 'm***@e***.com', tags: ['x', 'call ***-***-**11']}})
    const off = analyze(input, context({scanAllFields: false})).record
    expect(off.findings).toEqual([])
    expect(off.original_interaction).toEqual(input)
  })

  it('reports a configured field once even when the sweep passes it again', () => {
    const {record} = analyze({user_query: 'jane@example.com', bot_response: 'ok'})
    expect(record.findings).toHaveLength(1)
  })

  it('masks an id, a group value and an object key that hold PII', () => {
    const result = analyze({id: 'jane@example.com', user_query: 'q', bot_response: 'a', model_version: '555-010-0199', by: {'joe@example.org': 1}})
    expect(result.record.interaction_id).toBe('j***@e***.com')
    expect(result.group).toBe('***-***-**99')
    expect(result.record.original_interaction).toMatchObject({by: {'j***@e***.org': 1}})
    expect(result.record.findings.map((f) => f.field)).toEqual(['id', 'model_version', 'by.{key}'])
    expect(result.raw).toBe('{"id":"j***@e***.com","user_query":"q","bot_response":"a","model_version":"***-***-**99","by":{"j***@e***.org":1}}')
  })

  it('masks PII in the key names of a field path', () => {
    const {record} = analyze({user_query: 'q', bot_response: 'a', 'jane.doe@example.com': {x: '4111 1111 1111 1111'}})
    expect(record.findings.map((f) => f.field)).toEqual(['{key}', 'j***@e***.com.x'])
    expect(JSON.stringify(record)).not.toContain('jane.doe')
  })

  it('scans and masks a record of any depth without overflowing the stack', () => {
    const line = `{"a":${'['.repeat(100_000)}"mail jane@example.com"${']'.repeat(100_000)}}`
    const {record, raw} = analyzeLine(line, 'f', 1, context())
    expect(record).toMatchObject({errors: ['missing_response', 'missing_query'], pii_detected: true})
    expect(record.findings[0]?.field).toMatch(/^a\[0\]\[0\].*…\(99969 levels\)….*\[0\]$/)
    expect(raw).toContain('mail j***@e***.com')
    expect(raw).not.toContain('jane')
  })

  it('masks the whole span where two values overlap', () => {
    const {record} = analyze({user_query: 'q', bot_response: 'x +44 20 7946 0958@example.com y'})
    expect(record.findings).toHaveLength(1)
    expect(JSON.stringify(record.original_interaction)).not.toMatch(/7946|0958/)
  })

  it('ignores ambiguous, machine-dependent date formats', () => {
    expect(analyze({timestamp: '01/02/2024 10:00'}).record.timestamp_utc).toBeNull()
    expect(analyze({timestamp: '2024-01-02T10:00:00+0100'}).record.timestamp_utc).toBe('2024-01-02T09:00:00.000Z')
  })

  it('returns the group-by value', () => {
    expect(analyze({model_version: 'gpt-x-1'}).group).toBe('gpt-x-1')
    expect(analyze({}).group).toBeUndefined()
  })
})
