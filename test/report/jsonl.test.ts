import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {formatRecord} from '../../src/report/jsonl.js'

const ctx = testContext()
const analyze = (line: string) => analyzeLine(line, 'f.jsonl', 1, '2030-01-01T00:00:00.000Z', ctx)

describe('formatRecord', () => {
  it.each([
    '{"id": "a", "user_query": "q", "bot_response": "clean text", "latency_ms": 12.5}',
    '  {"id":"b","user_query":"q","bot_response":"mail jane@example.com"}  ',
    '{"id":"c","user_query":"q","bot_response":null,"nested":{"x":[1,"\\u00e9"]}}',
    '{"broken": ',
    '[1]',
  ])('writes one line that parses to exactly the record: %s', (line) => {
    const analyzed = analyze(line)
    const text = formatRecord(analyzed)
    expect(text).not.toContain('\n')
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(analyzed.record)))
    expect(Object.keys(JSON.parse(text) as object).at(-1)).toBe('original_interaction')
  })

  it('embeds the input line as written, with every finding masked in place', () => {
    const clean = '{"id":"a", "user_query":"q","bot_response":"ok \\u00e9"}'
    expect(analyze(clean).raw).toBe(clean)
    expect(analyze('{"id":"a","user_query":"q","bot_response":"mail\\u0020jane@example.com"}').raw).toBe('{"id":"a","user_query":"q","bot_response":"mail\\u0020j***@e***.com"}')
    // a value under a duplicate key is masked, and kept: the parsed record would drop it
    const text = formatRecord(analyze('{"id":"d","user_query":"q","x":"jane@example.com","x":"ok"}'))
    expect(text).toContain('"original_interaction":{"id":"d","user_query":"q","x":"j***@e***.com","x":"ok"}}')
  })

})
