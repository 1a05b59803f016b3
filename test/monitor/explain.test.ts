import {describe, expect, it} from 'vitest'

import {OversizedLine} from '../../src/io/lines.js'
import {explainLine} from '../../src/monitor/explain.js'
import {formatExplanations} from '../../src/report/explain.js'
import {testContext} from '../support/context.js'
import {FAKE, SHAPES, shapeRecords, stringLeaves, withValue} from '../support/shapes.js'

const ctx = testContext()
const explain = (record: unknown, c = ctx) => explainLine(JSON.stringify(record), 'logs.jsonl', 3, c)
const fromOf = (e: ReturnType<typeof explain>) => Object.fromEntries(e.facts.map((f) => [f.fact, f.by === 'none' ? null : `${f.from} (${f.by})`]))

describe('explainLine', () => {
  it('names the shape, why it was chosen, and the path of each fact, the config fields filling in', () => {
    const [pair] = shapeRecords('openai-chat')
    const e = explain(pair)
    expect(e).toMatchObject({schema: 'openai-chat', how: expect.stringMatching(/^auto: /), errors: []})
    expect(fromOf(e)).toEqual({
      interaction_id: 'response.id (shape)',
      timestamp_utc: 'response.created (shape)',
      latency_ms: 'latency_ms (config)',
      ttft_ms: null,
      tokens_in: 'response.usage.prompt_tokens (shape)',
      tokens_out: 'response.usage.completion_tokens (shape)',
      model: 'request.model (shape)',
      model_version: 'response.model (shape)',
      error: null,
      group: 'response.model (shape)',
    })
  })

  it('explains the flat record with the config fields, a forced shape as forced, unusable lines without facts', () => {
    const flat = explain({id: 'int_1', user_query: 'q', bot_response: null, model_version: 'v2'})
    expect(flat).toMatchObject({schema: 'flat', errors: ['null_response']})
    expect(fromOf(flat)).toEqual({
      interaction_id: 'id (config)',
      timestamp_utc: null,
      latency_ms: null,
      error: 'bot_response (config)',
      group: 'model_version (config)',
    })
    expect(explain(shapeRecords('langsmith')[0], testContext({schema: 'langfuse'}))).toMatchObject({schema: 'langfuse', how: 'forced (--schema)'})
    expect(explainLine('{"id": "x', 'logs.jsonl', 1, ctx)).toMatchObject({schema: null, how: 'malformed_json: not read', facts: []})
    expect(explainLine(new OversizedLine(10), 'logs.jsonl', 1, ctx)).toMatchObject({schema: null, errors: ['line_too_long']})
  })

  it.each(SHAPES)('never prints a value of a %s line, planted PII included', (shape) => {
    for (const template of shapeRecords(shape)) {
      const values = stringLeaves(template).map((at) => {
        let v: unknown = template
        for (const step of at) v = (v as Record<string | number, unknown>)[step]
        return v as string
      })
      // Values that name something (ids, models, times, attribute names are keys in OTLP) and are not constants of a shape.
      const secret = values.filter((v) => v.length >= 4 && /[\d@]/.test(v) && !/^(gen_ai|llm)\./.test(v))
      for (const at of stringLeaves(template)) {
        const planted = withValue(template, at, `call ${FAKE.PHONE} or ${FAKE.EMAIL}`)
        const text = `${formatExplanations([explain(planted)])}${JSON.stringify(explain(planted))}`
        for (const v of [...secret, FAKE.PHONE, FAKE.EMAIL]) expect(text, `${shape}: ${v}`).not.toContain(v)
      }
    }
  })
})
