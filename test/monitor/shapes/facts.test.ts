/** Each shape measured from its fixture: what the output line says about the interaction. */
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {analyzeLine} from '../../../src/monitor/analyze.js'
import {testContext} from '../../support/context.js'
import {shapeFixture, type ShapeName} from '../../support/shapes.js'

const analyzeFixture = (shape: ShapeName, monitor: Record<string, unknown> = {}) =>
  readFileSync(shapeFixture(shape), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => analyzeLine(line, `${shape}.jsonl`, i + 1, testContext(monitor)))

const none = {tokens_in: null, tokens_out: null, ttft_ms: null}

describe('facts of each shape', () => {
  it('openai-chat: request/response pairs, a response alone, an empty answer, a tool call, an error', () => {
    const [pair, empty, tool, failed] = analyzeFixture('openai-chat')
    expect(pair?.record).toMatchObject({
      schema: 'openai-chat',
      interaction_id: 'chatcmpl-fake0001',
      timestamp_utc: '2026-01-01T00:00:00.000Z',
      latency_ms: 812,
      model: 'gpt-4o',
      model_version: 'gpt-4o-2024-08-06',
      tokens_in: 42,
      tokens_out: 12,
      ttft_ms: null,
      errors: [],
    })
    expect(pair?.group).toBe('gpt-4o-2024-08-06')
    expect(empty?.record).toMatchObject({
      interaction_id: 'chatcmpl-fake0002',
      timestamp_utc: '2026-01-01T00:01:00.000Z',
      latency_ms: null,
      model: 'gpt-4o-mini-2024-07-18',
      tokens_in: 17,
      tokens_out: 0,
      errors: ['empty_response'],
    })
    expect(tool?.record).toMatchObject({interaction_id: 'chatcmpl-fake0003', errors: [], tokens_in: 60, tokens_out: 20})
    expect(failed?.record).toMatchObject({interaction_id: null, timestamp_utc: null, model: 'gpt-4o', model_version: null, ...none, errors: ['error_field']})
  })

  it("openai-chat Batch API lines: the caller's custom_id is the interaction, a status of 400 or more fails it", () => {
    const [input, output, failed] = analyzeFixture('openai-chat').slice(4)
    expect(input?.record).toMatchObject({schema: 'openai-chat', interaction_id: 'ticket-fake-0042', model: 'gpt-4o-mini', model_version: null, errors: []})
    expect(output?.record).toMatchObject({
      interaction_id: 'ticket-fake-0042',
      timestamp_utc: '2026-01-01T00:05:00.000Z',
      model_version: 'gpt-4o-mini-2024-07-18',
      tokens_in: 25,
      tokens_out: 11,
      errors: [],
    })
    expect(failed?.record).toMatchObject({schema: 'openai-chat', interaction_id: 'ticket-fake-0043', model: null, errors: ['error_field']})
  })

  it('openai-responses: a pair with its API latency, a failed response, a Batch API output line', () => {
    const [pair, failed, batch] = analyzeFixture('openai-responses')
    expect(batch?.record).toMatchObject({
      schema: 'openai-responses',
      interaction_id: 'ticket-fake-0044',
      model: 'gpt-4.1-mini-2025-04-14',
      tokens_in: 12,
      tokens_out: 4,
      errors: [],
    })
    expect(pair?.record).toMatchObject({
      schema: 'openai-responses',
      interaction_id: 'resp_fake0001',
      timestamp_utc: '2026-01-01T00:00:00.000Z',
      latency_ms: 2000,
      slow: true,
      model: 'gpt-4.1',
      model_version: 'gpt-4.1-2025-04-14',
      tokens_in: 30,
      tokens_out: 9,
      errors: [],
    })
    expect(failed?.record).toMatchObject({
      interaction_id: 'resp_fake0002',
      timestamp_utc: '2026-01-01T00:01:40.000Z',
      latency_ms: null,
      ...none,
      errors: ['empty_response', 'error_field'],
    })
  })

  it('otel-genai: current, older and OpenInference names; the first GenAI span of a line, any failed one fails it', () => {
    const [current, older, openinference] = analyzeFixture('otel-genai')
    expect(current?.record).toMatchObject({
      schema: 'otel-genai',
      interaction_id: 'chatcmpl-fake0101',
      timestamp_utc: '2026-01-01T00:00:00.000Z',
      latency_ms: 1250,
      model: 'gpt-4o',
      model_version: 'gpt-4o-2024-08-06',
      tokens_in: 42,
      tokens_out: 12,
      spans: 1,
      errors: [],
    })
    expect(older?.record).toMatchObject({
      interaction_id: '0af7651916cd43dd8448eb211c80319c',
      latency_ms: 3500,
      model: 'gpt-3.5-turbo',
      tokens_in: 20,
      tokens_out: 0,
      spans: 1,
      errors: ['error_field'],
    })
    // The HTTP span is not a GenAI span: its error and its 2 s are not the model call's.
    expect(openinference?.record).toMatchObject({
      interaction_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      timestamp_utc: '2026-01-01T00:03:20.200Z',
      latency_ms: 1500,
      model: 'gpt-4o-mini',
      tokens_in: 15,
      tokens_out: 7,
      spans: 2,
      errors: ['error_field'],
    })
  })

  it('langfuse: an observation, a trace with its observations, an ingestion event', () => {
    const [observation, trace, event] = analyzeFixture('langfuse')
    expect(observation?.record).toMatchObject({
      schema: 'langfuse',
      interaction_id: 'trace-fake-0001',
      timestamp_utc: '2026-01-01T00:00:00.000Z',
      latency_ms: 1500,
      ttft_ms: 400,
      model: 'gpt-4o',
      model_version: 'v1.4.0',
      tokens_in: 42,
      tokens_out: 12,
      errors: [],
    })
    // latency is in seconds in Langfuse traces
    expect(trace?.record).toMatchObject({
      interaction_id: 'trace-fake-0002',
      timestamp_utc: '2026-01-01T00:01:00.000Z',
      latency_ms: 2310,
      ttft_ms: 600,
      model: 'gpt-4o-mini',
      model_version: 'v1.4.1',
      tokens_in: 80,
      tokens_out: 0,
      errors: ['error_field'],
    })
    expect(event?.record).toMatchObject({
      interaction_id: 'trace-fake-0003',
      timestamp_utc: '2026-01-01T00:02:00.000Z',
      latency_ms: 750,
      ttft_ms: null,
      model_version: 'v1.5.0',
      tokens_in: 5,
      tokens_out: 7,
      errors: [],
    })
  })

  it('langsmith: an LLM run with its first token, a failed chain run', () => {
    const [llm, chain] = analyzeFixture('langsmith')
    expect(llm?.record).toMatchObject({
      schema: 'langsmith',
      interaction_id: '1e0d3a4c-0000-4000-8000-0000000000aa',
      timestamp_utc: '2026-01-01T00:00:00.000Z',
      latency_ms: 2000,
      ttft_ms: 350,
      model: 'gpt-4o',
      model_version: 'v1.4.0',
      tokens_in: 42,
      tokens_out: 12,
      errors: [],
    })
    expect(chain?.record).toMatchObject({
      interaction_id: '1e0d3a4c-0000-4000-8000-000000000002',
      latency_ms: 4200,
      ttft_ms: 800,
      model: null,
      model_version: 'v1.4.1',
      tokens_in: null,
      errors: ['error_field'],
    })
  })

  it('groups by the model when the record has no model_version, and by a field of the record first', () => {
    expect(analyzeFixture('otel-genai', {groupBy: 'model'}).map((a) => a.group)).toEqual(['gpt-4o', 'gpt-3.5-turbo', 'gpt-4o-mini'])
    expect(analyzeFixture('otel-genai').map((a) => a.group)).toEqual(['gpt-4o-2024-08-06', 'gpt-3.5-turbo', 'gpt-4o-mini'])
    expect(analyzeFixture('openai-chat', {groupBy: 'latency_ms'}).map((a) => a.group)).toEqual(['812', ...Array.from({length: 6}, () => undefined)])
  })

  it('reads a forced shape, and nothing but the config fields with --schema flat', () => {
    const flat = analyzeFixture('langsmith', {schema: 'flat'})
    expect(flat[0]?.record).toMatchObject({
      interaction_id: '1e0d3a4c-0000-4000-8000-000000000001',
      latency_ms: null,
      errors: ['missing_response', 'missing_query'],
    })
    expect(flat[0]?.record).not.toHaveProperty('schema')
    // A record of another shape read as Langfuse: no fact, no exception.
    expect(analyzeFixture('otel-genai', {schema: 'langfuse'})[0]?.record).toMatchObject({
      schema: 'langfuse',
      interaction_id: null,
      model: null,
      latency_ms: null,
    })
  })

  it('a time or a duration out of range is not read, and never stops the line', () => {
    const span = (start: unknown, end: unknown) => ({
      resourceSpans: [
        {
          scopeSpans: [
            {spans: [{traceId: 't1', startTimeUnixNano: start, endTimeUnixNano: end, attributes: [{key: 'gen_ai.request.model', value: {stringValue: 'm'}}]}]},
          ],
        },
      ],
    })
    for (const [start, end] of [
      [1e300, 2e300],
      ['99999999999999999999', '1'],
      [-5, 10],
      ['1767225600000000000', '1767398400000000001'],
    ]) {
      const {record} = analyzeLine(JSON.stringify(span(start, end)), 'x.jsonl', 1, testContext())
      expect(record, JSON.stringify([start, end])).toMatchObject({schema: 'otel-genai', error: null, latency_ms: null, model: 'm'})
    }
  })
})
