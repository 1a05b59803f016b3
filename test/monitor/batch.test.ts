import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {frameLines, OversizedLine} from '../../src/io/lines.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {processBatch, tooLongPlaceholder, unscannablePlaceholder, type BatchJob} from '../../src/monitor/batch.js'
import {formatRecord} from '../../src/report/jsonl.js'

const ctx = testContext()

/**
 * What a frame's output must be: every line that is not blank, formatted on its own as a string;
 * and its sanitized copy: every line, masked, or a placeholder where it was not scanned.
 */
function reference(job: BatchJob & {bytes: Uint8Array}, mode: 'jsonl' | 'json'): {output: Buffer; sanitized: Buffer} {
  const records: string[] = []
  const sanitized: string[] = []
  for (const [i, line] of frameLines(job.bytes, ctx.config.maxLineBytes, job.firstLine === 1).entries()) {
    if (line instanceof OversizedLine) sanitized.push(tooLongPlaceholder(line.length))
    if (typeof line === 'string' && line.trim() === '') {
      sanitized.push(line)
      continue
    }

    const analyzed = analyzeLine(line, job.file, job.firstLine + i, ctx)
    if (typeof line === 'string') sanitized.push(analyzed.sanitized ?? unscannablePlaceholder(line.length))
    records.push(formatRecord(analyzed))
  }

  return {
    output: Buffer.from(mode === 'json' ? records.join(',\n') : records.map((r) => r + '\n').join(''), 'utf8'),
    sanitized: Buffer.from(sanitized.map((l) => l + '\n').join(''), 'utf8'),
  }
}

// Records that are clean, that hold values to mask (fake ones), carriage returns between tokens,
// text in other scripts, escapes, bytes that are not UTF-8, and lines that are not JSON objects.
const text = fc.oneof(
  fc.string({unit: 'grapheme', maxLength: 30}),
  fc.constantFrom('jane.doe@example.com', 'call +1 202-555-0143', 'card 4111 1111 1111 1111', 'ok → “done” – thanks', 'naïve café 🙂'),
)
const record = fc
  .record({id: fc.string({maxLength: 8}), user_query: text, bot_response: text, latency_ms: fc.option(fc.integer({max: 99_999}))})
  .map((r) => Buffer.from(JSON.stringify(r), 'utf8'))
const line = fc.oneof(
  {arbitrary: record, weight: 6},
  record.map((b) => Buffer.from(b.toString('utf8').replace(',', ',\r'), 'utf8')),
  // A Latin-1 byte inside the id's string: the line is read leniently (é), not as its bytes.
  record.map((b) => Buffer.concat([b.subarray(0, 7), Buffer.from([0xe9]), b.subarray(7)])),
  fc.constantFrom(Buffer.from('not json'), Buffer.from('[1,2]'), Buffer.from(''), Buffer.from('  '), Buffer.from([0xf1, 0x80, 0x80, 0x7b])),
)
const frame = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), {maxLength: 10}))
  .map(([bom, lines]) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...lines.flatMap(([l, end]) => [l, Buffer.from(end)])]))

describe('processBatch output', () => {
  it('and the sanitized copy are, byte for byte, every line formatted as a string, though clean lines are copied from the input', () => {
    fc.assert(
      fc.property(frame, fc.constantFrom(1, 41), fc.constantFrom('jsonl' as const, 'json' as const), (bytes, firstLine, mode) => {
        const job = {file: 'logs/chat.jsonl', firstLine, bytes}
        const expected = reference(job, mode)
        const {output, sanitized} = processBatch({...job, bytes: new Uint8Array(bytes)}, ctx, {mode, sanitized: true})
        expect(Buffer.from(output).toString('utf8')).toBe(expected.output.toString('utf8'))
        expect(Buffer.from(output).equals(expected.output)).toBe(true)
        expect(Buffer.from(sanitized).equals(expected.sanitized), Buffer.from(sanitized).toString('utf8')).toBe(true)
      }),
      {numRuns: 150},
    )
  })

  it('writes nothing in mode none', () => {
    const {output, facts, sanitized} = processBatch({file: 'f', firstLine: 1, bytes: Buffer.from('{"id":"a"}\n')}, ctx, {mode: 'none', sanitized: false})
    expect(output.length).toBe(0)
    expect(sanitized.length).toBe(0)
    expect(facts).toHaveLength(1)
  })
})
