import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {factsOf} from '../../src/results/record.js'
import {evaluateGate} from '../../src/gate/evaluate.js'
import {SummaryBuilder} from '../../src/results/summary.js'
import {formatSummary} from '../../src/report/summary-text.js'
import {FIXTURES} from '../helpers.js'

/** Golden files are updated deliberately: UPDATE_GOLDEN=1 npx vitest run test/report */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(FIXTURES, 'golden', name)
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

async function summaryOf(fixture: string) {
  const ctx = testContext()
  const builder = new SummaryBuilder(1500, 'model_version')
  const lines = (await readFile(path.join(FIXTURES, fixture), 'utf8')).split('\n')
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') builder.blankLines++
    else builder.add(factsOf(analyzeLine(line, fixture, i + 1, ctx)))
  }

  return builder.finish([fixture], 7)
}

describe('formatSummary', () => {
  it('matches the golden summary of mixed.jsonl, with a failed gate', async () => {
    const summary = await summaryOf('mixed.jsonl')
    await expectGolden('summary-mixed.txt', formatSummary(summary, evaluateGate(summary, ['error', 'pii'])))
  })

  it('matches the golden summary of the nested fixture, interrupted, without a gate', async () => {
    const summary = await summaryOf('nested.jsonl')
    await expectGolden('summary-nested-interrupted.txt', formatSummary(summary, evaluateGate(summary, []), {interrupted: true}))
  })

  it('writes every count with thousands separators and long runs in seconds', async () => {
    const small = await summaryOf('mixed.jsonl')
    const summary = {
      ...small,
      records: 986_286,
      malformed_lines: 4928,
      duration_ms: 63_483,
      errors: {total: 24_816, by_kind: {malformed_json: 4928, error_field: 19_888}},
      latency: {...small.latency, count: 986_286, slow: 174_384},
      tokens: {records: 12_345, total: 5_000_000, per_record: 405.2},
      window: {since: '2026-03-01T00:00:00.000Z', until: null, before: 1200, after: 0, untimed: 1},
    }
    const text = formatSummary(summary, {fail_on: ['pii'], passed: false, failures: [{category: 'pii', count: 98_576}]})
    expect(text).toContain('986,286 records from mixed.jsonl in 63.5 s')
    expect(text).toContain('Errors: 24,816 lines with a functional error (4,928 of them malformed)')
    expect(text).toMatch(/error_field\s+19,888/)
    expect(text).toContain('174,384 of 986,286')
    expect(text).toContain('FAILED: 98,576 pii')
    expect(text).toContain('Tokens: 405.2 per record (over 12,345 records with a count)')
    expect(text).toContain('window 2026-03-01T00:00:00.000Z to the end; left out: 1,200 before, 1 line without a time of their own')
    expect(formatSummary(small, {fail_on: [], passed: true, failures: []})).not.toMatch(/Tokens|window/)
  })

  it('names at most four inputs in its first line and counts the rest', async () => {
    const summary = await summaryOf('mixed.jsonl')
    const pass = {fail_on: [], passed: true, failures: []}
    const head = (inputs: string[]) => formatSummary({...summary, inputs}, pass).split('\n')[0]
    const files = Array.from({length: 1200}, (_, i) => `logs/part_${i}.jsonl`)
    expect(head(files.slice(0, 4))).toContain(' from logs/part_0.jsonl, logs/part_1.jsonl, logs/part_2.jsonl, logs/part_3.jsonl in ')
    expect(head(files.slice(0, 5))).toContain(' from logs/part_0.jsonl, logs/part_1.jsonl, logs/part_2.jsonl and 2 more in ')
    expect(head(files)).toContain(' from logs/part_0.jsonl, logs/part_1.jsonl, logs/part_2.jsonl and 1,197 more in ')
    expect(head([])).toContain(' from no input (nothing to scan) in ')
  })
})
