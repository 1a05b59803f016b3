import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {formatRecord} from '../../src/report/jsonl.js'

const ctx = testContext()
const analyze = (line: string) => analyzeLine(line, 'f.jsonl', 1, ctx)

describe('formatRecord', () => {
  it.each([
    [
      '{"id": "a", "user_query": "q", "bot_response": "clean text", "latency_ms": 12.5}',
      {
        interaction_id: 'a',
        latency_ms: 12.5,
        pii_detected: false,
        error: null,
        original_interaction: {id: 'a', user_query: 'q', bot_response: 'clean text', latency_ms: 12.5},
      },
    ],
    [
      '  {"id":"b","user_query":"q","bot_response":"mail jane@example.com"}  ',
      {interaction_id: 'b', pii_detected: true, error: null, original_interaction: {id: 'b', user_query: 'q', bot_response: 'mail j***@e***.com'}},
    ],
    [
      '{"id":"c","user_query":"q","bot_response":null,"nested":{"x":[1,"\\u00e9"]}}',
      {interaction_id: 'c', error: 'null_response', original_interaction: {id: 'c', user_query: 'q', bot_response: null, nested: {x: [1, 'é']}}},
    ],
    ['{"broken": ', {interaction_id: null, error: 'malformed_json', original_interaction: null}],
    ['[1]', {interaction_id: null, error: 'not_object', original_interaction: null}],
  ])('writes one line that parses to the record: %s', (line, expected) => {
    const text = formatRecord(analyze(line))
    expect(text).not.toContain('\n')
    const parsed = JSON.parse(text) as Record<string, unknown>
    expect(parsed).toMatchObject({file: 'f.jsonl', line: 1, ...expected})
    expect(Object.keys(parsed).at(-1)).toBe('original_interaction')
    expect(text).not.toContain('jane@example.com')
  })

  it('embeds the input line as written, with every finding masked in place', () => {
    const clean = '{"id":"a", "user_query":"q","bot_response":"ok \\u00e9"}'
    expect(analyze(clean).raw).toBe(clean)
    expect(analyze('{"id":"a","user_query":"q","bot_response":"mail\\u0020jane@example.com"}').raw).toBe(
      '{"id":"a","user_query":"q","bot_response":"mail\\u0020j***@e***.com"}',
    )
    // a value under a duplicate key is masked, and kept: the parsed record would drop it
    const text = formatRecord(analyze('{"id":"d","user_query":"q","x":"jane@example.com","x":"ok"}'))
    expect(text).toContain('"original_interaction":{"id":"d","user_query":"q","x":"j***@e***.com","x":"ok"}}')
  })
})
