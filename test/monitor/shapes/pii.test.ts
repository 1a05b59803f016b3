/**
 * PII soundness of every shape: a fake e-mail, phone or card number planted in any string of a
 * record of any shape (message text, attributes, events, metadata, ids, model names) is found
 * at that place and never leaves the monitor unmasked, in the output line or in the facts the
 * shape adds (id, model, group).
 */
import {describe, expect, it} from 'vitest'

import {analyzeLine} from '../../../src/monitor/analyze.js'
import {formatRecord} from '../../../src/report/jsonl.js'
import {testContext} from '../../support/context.js'
import {FAKE, label, SHAPES, shapeRecords, stringLeaves, withValue} from '../../support/shapes.js'

const ctx = testContext()

describe.each(SHAPES)('PII in every string of a %s record', (shape) => {
  const records = shapeRecords(shape)
  it.each(Object.entries(FAKE))('%s is found where it is planted and masked on every output', (type, fake) => {
    let planted = 0
    for (const [n, template] of records.entries()) {
      for (const at of stringLeaves(template)) {
        const line = JSON.stringify(withValue(template, at, `contact ${fake} today`))
        const analyzed = analyzeLine(line, 'logs.jsonl', n + 1, ctx)
        const where = `${shape} line ${n + 1} at ${label(at)}`
        // The one string a detector reads by value: an ingestion event's type (see detect.ts).
        if (label(at) !== 'type') expect(analyzed.record.schema, where).toBe(shape)
        expect(
          analyzed.record.findings.some((f) => f.type === type && f.field === label(at)),
          where,
        ).toBe(true)
        const shown = `${formatRecord(analyzed)}\n${analyzed.sanitized}\n${String(analyzed.group)}`
        expect(shown, where).not.toContain(fake)
        expect(shown.replaceAll(' ', ''), where).not.toContain(fake.replaceAll(' ', ''))
        planted++
      }
    }

    expect(planted).toBeGreaterThan(10)
  })
})

describe('numbers where a shape reads counts', () => {
  it('a card number written as a token count is masked, and is not a token count', () => {
    const [template] = shapeRecords('openai-chat')
    const line = JSON.stringify(withValue(template, ['response', 'usage', 'prompt_tokens'], 4111111111111111))
    const analyzed = analyzeLine(line, 'logs.jsonl', 1, ctx)
    expect(analyzed.record.findings.map((f) => [f.type, f.field])).toContainEqual(['CREDIT_CARD', 'response.usage.prompt_tokens'])
    expect(analyzed.record.tokens_in).toBeNull()
    expect(formatRecord(analyzed)).not.toContain('4111111111111111')
  })

  it('a count too large to be tokens is skipped for the next alias', () => {
    const [template] = shapeRecords('langsmith')
    const analyzed = analyzeLine(JSON.stringify(withValue(template, ['prompt_tokens'], 123_456_789_012)), 'logs.jsonl', 1, ctx)
    expect(analyzed.record.tokens_in).toBe(42)
  })
})
