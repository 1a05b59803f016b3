import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {detectShape} from '../../../src/monitor/shapes/index.js'
import {FIXTURES} from '../../helpers.js'
import {SHAPES, shapeRecords} from '../../support/shapes.js'

const FLAT_KEYS = {responseField: 'bot_response', queryField: 'user_query'}
const shapeOf = (record: Record<string, unknown>) => detectShape(record, FLAT_KEYS).schema

describe('detectShape', () => {
  it.each(SHAPES)('recognises every line of the %s fixture', (shape) => {
    for (const record of shapeRecords(shape)) expect(shapeOf(record)).toBe(shape)
  })

  it('keeps the flat record flat: the sample, the nested fixture, and anything unrecognised', () => {
    const lines = (file: string) =>
      readFileSync(path.join(FIXTURES, '..', '..', file), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    for (const line of [
      ...lines('sample_chatbot_logs.jsonl'),
      ...lines('test/fixtures/mixed.jsonl').filter((l) => l.startsWith('{') && l.endsWith('}')),
      ...lines('test/fixtures/nested.jsonl'),
    ]) {
      let record: unknown
      try {
        record = JSON.parse(line)
      } catch {
        continue
      }

      expect(shapeOf(record as Record<string, unknown>), line.slice(0, 40)).toBe('flat')
    }

    expect(shapeOf({})).toBe('flat')
    // messages or choices without a model are not the API's
    expect(shapeOf({messages: [{content: 'hi'}], choices: []})).toBe('flat')
    // the configured response field wins over any other marker
    expect(shapeOf({bot_response: 'ok', resourceSpans: [], run_type: 'llm'})).toBe('flat')
    expect(shapeOf({run_type: 42})).toBe('flat')
  })

  it('tells the two OpenAI APIs apart, alone or as {request, response}', () => {
    expect(shapeOf({model: 'm', messages: []})).toBe('openai-chat')
    expect(shapeOf({request: {model: 'm', messages: []}})).toBe('openai-chat')
    expect(shapeOf({object: 'chat.completion'})).toBe('openai-chat')
    expect(shapeOf({model: 'm', input: 'hi'})).toBe('openai-responses')
    expect(shapeOf({response: {object: 'response'}})).toBe('openai-responses')
    expect(shapeOf({model: 'm', output: []})).toBe('openai-responses')
    expect(shapeOf({custom_id: 'c1', method: 'POST', url: '/v1/chat/completions', body: {model: 'm', messages: []}})).toBe('openai-chat')
    expect(shapeOf({custom_id: 'c1', response: {status_code: 200, body: {object: 'response'}}})).toBe('openai-responses')
    expect(shapeOf({custom_id: 'c1', response: {status_code: 500, body: {error: {}}}})).toBe('openai-chat')
    expect(shapeOf({custom_id: 'c1'})).toBe('flat')
  })
})
