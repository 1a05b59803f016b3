import {readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {LlmopsError} from '../../src/errors.js'
import type {FeedbackRecord} from '../../src/feedback/record.js'
import {appendRecords, readRecords} from '../../src/feedback/store.js'
import {tempDir} from '../helpers.js'

const record = (id: string, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  id,
  timestamp_utc: '2030-01-01T00:00:00.000Z',
  user_id: 'u1',
  feedback_type: 'other',
  description: `record ${id}`,
  schema_version: 1,
  ...extra,
})

describe('feedback store', () => {
  it('creates the file readable by the owner only and appends records as JSON lines', async () => {
    const file = path.join(await tempDir(), 'fb.jsonl')
    await appendRecords(file, [record('a')])
    await appendRecords(file, [record('b')])
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600')
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(3)
    expect((await readRecords(file)).records.map((r) => r.id)).toEqual(['a', 'b'])
  })

  it('lets the latest record with an id replace the earlier one', async () => {
    const file = path.join(await tempDir(), 'fb.jsonl')
    await appendRecords(file, [record('a'), record('b'), record('a', {description: 'edited'})])
    const {records} = await readRecords(file)
    expect(records.map((r) => [r.id, r.description])).toEqual([
      ['b', 'record b'],
      ['a', 'edited'],
    ])
  })

  it('survives a torn last line: readers skip it by line number, the next append starts a fresh line', async () => {
    const file = path.join(await tempDir(), 'fb.jsonl')
    await appendRecords(file, [record('a')])
    await writeFile(file, '{"id":"torn","feedback_ty', {flag: 'a'})
    await appendRecords(file, [record('b')])
    const text = await readFile(file, 'utf8')
    expect(text.split('\n')).toEqual([JSON.stringify(record('a')), '{"id":"torn","feedback_ty', JSON.stringify(record('b')), ''])
    const {records, warnings} = await readRecords(file, 'fb.jsonl')
    expect(records.map((r) => r.id)).toEqual(['a', 'b'])
    expect(warnings).toEqual(['fb.jsonl:2: skipped a line that is not a feedback record (torn or corrupted write)'])
  })

  it('reads a missing file as an empty store', async () => {
    expect(await readRecords(path.join(await tempDir(), 'none.jsonl'))).toEqual({records: [], warnings: []})
  })

  it('fails with a clear message and writes nothing when the file cannot be written', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'not-a-dir'), 'x')
    const error = await appendRecords(path.join(dir, 'not-a-dir', 'fb.jsonl'), [record('a')], 'not-a-dir/fb.jsonl').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmopsError)
    expect((error as LlmopsError).message).toBe('cannot write not-a-dir/fb.jsonl: a part of its path is a file, not a directory')
    expect((error as LlmopsError).exitCode).toBe(2)
    const asDir = await appendRecords(dir, [record('a')], 'dir').catch((e: unknown) => e)
    expect((asDir as LlmopsError).message).toBe('cannot write dir: it is a directory')
  })
})
