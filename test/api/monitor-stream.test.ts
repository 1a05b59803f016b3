/**
 * monitorStream: the CLI's records and summary from a stream, record by record as lines arrive,
 * with backpressure, an early stop, and errors; and the record-level API agreeing with it for
 * every legal spelling of a record.
 */
import {createReadStream} from 'node:fs'
import {PassThrough, Readable} from 'node:stream'
import {gzipSync} from 'node:zlib'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {createDetector, LlmopsError, monitorStream, type MonitorRecord} from '../../src/index.js'
import {llmops} from '../helpers.js'
import {record, rng, write, type Value} from '../support/json-encodings.js'

/** The time of a record that has none is when it was read: it differs between two runs. */
const comparable = ({timestamp_utc: _, ...rest}: MonitorRecord): object => rest

async function collect(run: AsyncIterable<MonitorRecord>): Promise<MonitorRecord[]> {
  const records: MonitorRecord[] = []
  for await (const r of run) records.push(r)
  return records
}

describe('monitorStream', () => {
  it.each(['sample_chatbot_logs.jsonl', 'test/fixtures/mixed.jsonl', 'test/fixtures/pii-realworld.jsonl'])(
    'yields the records and the summary llmops monitor prints for %s',
    async (file) => {
      const cli = await llmops(['monitor', file, '--json'])
      const printed = JSON.parse(String(cli.stdout)) as {records: MonitorRecord[]; summary: Record<string, unknown>}
      const run = monitorStream(createReadStream(file), {file})
      const records = await collect(run)
      expect(records.map(comparable)).toEqual(printed.records.map(comparable))
      const {summary, gate, stopped} = await run.result()
      expect({...summary, duration_ms: 0}).toEqual({...printed.summary, duration_ms: 0})
      expect(gate.passed).toBe(true)
      expect(stopped).toBe(false)
    },
  )

  it('yields each record as soon as its line is complete', async () => {
    const input = new PassThrough()
    const iterator = monitorStream(input)[Symbol.asyncIterator]()
    input.write('{"id": "a", "user_query": "q", "bot_response": "write to jane.doe@example.com"}\n{"id": "b", ')
    const first = await iterator.next()
    expect(first.value).toMatchObject({interaction_id: 'a', file: '-', line: 1, pii_detected: true})
    input.end('"user_query": "q", "bot_response": "fine"}\n')
    expect((await iterator.next()).value).toMatchObject({interaction_id: 'b', line: 2, pii_detected: false})
    expect((await iterator.next()).done).toBe(true)
  })

  it('waits for a slow reader: the input is not read far ahead', async () => {
    const line = `${JSON.stringify({id: 'x', user_query: 'q', bot_response: 'a'.repeat(1000)})}\n`
    let pulled = 0
    async function* lines(): AsyncGenerator<string> {
      for (let i = 0; i < 5000; i++) {
        pulled++
        yield line
      }
    }

    const run = monitorStream(lines())
    let seen = 0
    for await (const _ of run) {
      if (++seen === 10) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        // 5 MB of input; a frame is 64 KiB: only about one frame is ahead of the reader.
        expect(pulled).toBeLessThan(500)
        break
      }
    }

    const {stopped, summary} = await run.result()
    expect(stopped).toBe(true)
    expect(summary.records).toBeLessThan(5000)
  })

  it('result() alone runs to the end and gives the summary; gzip is read as the CLI reads it', async () => {
    const lines = '{"id": "1", "user_query": "q", "bot_response": "card 4111 1111 1111 1111"}\n{"id": "2", "user_query": "q", "bot_response": null}\n'
    const {summary, gate} = await monitorStream(Readable.from([gzipSync(lines)]), {config: {monitor: {failOn: ['pii']}}}).result()
    expect(summary).toMatchObject({records: 2, findings: {by_type: {CREDIT_CARD: 1}}, errors: {by_kind: {null_response: 1}}})
    expect(gate.passed).toBe(false)
  })

  it('throws a bad config at the call, and rejects the loop on an unreadable input', async () => {
    expect(() => monitorStream(Readable.from([]), {config: {monitor: {slowMs: -1}}})).toThrow(LlmopsError)
    const broken = new Readable({
      read() {
        this.destroy(Object.assign(new Error('disk gone'), {code: 'EIO'}))
      },
    })
    await expect(collect(monitorStream(broken))).rejects.toThrow(/input - cannot be read: input\/output error/)
  })
})

/** Values under duplicate keys and numbers past 2^53 are where a parsed object and its line differ. */
function parsesLossless(v: Value): boolean {
  if ('num' in v) return Number.isSafeInteger(Number(v.num)) && String(Number(v.num)) === v.num
  if ('arr' in v) return v.arr.every(parsesLossless)
  if ('obj' in v) return new Set(v.obj.map(([k]) => k)).size === v.obj.length && v.obj.every(([, x]) => parsesLossless(x))
  return true
}

const byPlace = <T extends {field: string; start: number}>(findings: T[]): T[] =>
  findings.toSorted((a, b) => a.field.localeCompare(b.field) || a.start - b.start)

describe('the record API and the stream API agree', () => {
  it('scanRecord(JSON.parse(line)) gives the findings and redaction monitorStream gives for that line, however it is spelled', async () => {
    const detector = createDetector({salt: 'property-test-salt-0123'})
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(record.filter(parsesLossless), fc.integer()), {minLength: 1, maxLength: 20}), async (cases) => {
        // A stream carries bytes: a lone surrogate a spelling writes raw is U+FFFD once encoded, in both.
        const lines = cases.map(([rec, seed]) => Buffer.from(write(rec, rng(seed))).toString())
        const records = await collect(monitorStream(Readable.from([`${lines.join('\n')}\n`]), {salt: 'property-test-salt-0123'}))
        expect(records).toHaveLength(lines.length)
        for (const [i, line] of lines.entries()) {
          const scan = detector.scanRecord(JSON.parse(line))
          // (in key order: an object lists integer-like keys first, whatever the line's order)
          expect(byPlace(scan.findings)).toEqual(byPlace(records[i]?.findings.map(({fingerprint: _, ...f}) => f) ?? []))
          expect(scan.redacted).toEqual(records[i]?.original_interaction)
        }
      }),
      {numRuns: 60},
    )
  })
})
