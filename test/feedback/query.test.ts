import {describe, expect, it} from 'vitest'

import {csvCell, toCsv, toLangfuse} from '../../src/feedback/export.js'
import {filterRecords, parseWhen, statsOf} from '../../src/feedback/query.js'
import type {FeedbackRecord} from '../../src/feedback/record.js'

const r = (id: string, time: string, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  id,
  timestamp_utc: time,
  user_id: 'u1',
  feedback_type: 'bug_report',
  description: 'd',
  schema_version: 1,
  ...extra,
})

const records = [
  r('a', '2030-01-01T10:00:00.000Z', {rating: 2, model_version: 'v1', interaction_id: 'int_1'}),
  r('b', '2030-01-02T10:00:00.000Z', {feedback_type: 'suggestion', user_id: 'u2', rating: 'up'}),
  r('c', '2030-01-08T10:00:00.000Z', {rating: 4, model_version: 'v2', interaction_id: 'int_2'}),
  r('d', '2030-01-09T10:00:00.000Z', {feedback_type: 'suggestion', rating: 'down', interaction_id: 'int_3'}),
]

describe('filters', () => {
  it('filters by type, user, interaction and time, newest first, limited', () => {
    expect(filterRecords(records, {}).map((x) => x.id)).toEqual(['d', 'c', 'b', 'a'])
    expect(filterRecords(records, {type: ['suggestion']}).map((x) => x.id)).toEqual(['d', 'b'])
    expect(filterRecords(records, {userId: 'u2'}).map((x) => x.id)).toEqual(['b'])
    expect(filterRecords(records, {interactionId: 'int_2'}).map((x) => x.id)).toEqual(['c'])
    expect(filterRecords(records, {since: new Date('2030-01-02T00:00:00Z'), until: new Date('2030-01-09T00:00:00Z')}).map((x) => x.id)).toEqual(['c', 'b'])
    expect(filterRecords(records, {limit: 1}).map((x) => x.id)).toEqual(['d'])
  })

  it('parses dates, times and relative times, and names a bad value', () => {
    const now = new Date('2030-01-10T00:00:00Z')
    expect(parseWhen('2030-01-02', '--since', now).toISOString()).toBe('2030-01-02T00:00:00.000Z')
    expect(parseWhen('7d', '--since', now).toISOString()).toBe('2030-01-03T00:00:00.000Z')
    expect(parseWhen('2h', '--since', now).toISOString()).toBe('2030-01-09T22:00:00.000Z')
    expect(() => parseWhen('last tuesday', '--since', now)).toThrow('--since "last tuesday": use a date such as 2026-11-01')
  })
})

describe('stats', () => {
  it('counts by type, period and model, with rating averages', () => {
    const stats = statsOf(records, 'week')
    expect(stats).toMatchObject({
      total: 4,
      by_type: {bug_report: 2, suggestion: 2},
      by_period: {'2029-12-31': 2, '2030-01-07': 2},
      by_model_version: {'(none)': 2, v1: 1, v2: 1},
      ratings: {stars: {count: 2, mean: 3}, thumbs: {up: 1, down: 1, up_share: 0.5}},
      by_type_rating: {bug_report: {count: 2, mean: 3}},
    })
    expect(Object.keys(statsOf(records, 'day').by_period)).toEqual(['2030-01-01', '2030-01-02', '2030-01-08', '2030-01-09'])
  })
})

describe('export', () => {
  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-1+1')).toBe("'-1+1")
    expect(csvCell(['a', 'b'])).toBe('a;b')
    expect(csvCell(undefined)).toBe('')
    expect(toCsv([records[0] as FeedbackRecord]).split('\r\n')[1]).toBe('a,2030-01-01T10:00:00.000Z,u1,bug_report,2,int_1,v1,,,d')
  })

  it('maps records to Langfuse scores, skipping those without a trace', () => {
    const {scores, skipped} = toLangfuse(records)
    expect(skipped).toBe(1)
    expect(scores.map((s) => [s.id, s.traceId, s.name, s.value, s.dataType])).toEqual([
      ['a', 'int_1', 'user_rating', 2, 'NUMERIC'],
      ['c', 'int_2', 'user_rating', 4, 'NUMERIC'],
      ['d', 'int_3', 'user_thumbs', 0, 'BOOLEAN'],
    ])
    expect(scores[0]).toMatchObject({comment: 'd', metadata: {user_id: 'u1', feedback_type: 'bug_report', model_version: 'v1'}})
  })
})
