import {describe, expect, it} from 'vitest'

import {compareSides, DEFAULT_LIMITS} from '../../src/evaluate/compare.js'
import {feedbackFigures} from '../../src/evaluate/sides.js'
import type {FeedbackRecord} from '../../src/feedback/record.js'
import type {SideFigures} from '../../src/results/comparison.js'

const side = (label: string, over: Partial<SideFigures> = {}): SideFigures => ({
  label,
  records: 1000,
  error_rate: 0.01,
  latency: {count: 1000, p50: 400, p95: 1000, p99: 1500},
  pii_per_1k: 2,
  secrets_per_1k: 0,
  tokens_per_record: 400,
  feedback: {total: 40, by_type: {bug_report: 10, suggestion: 30}, ratings: 30, mean_rating: 4.2},
  ...over,
})

describe('compareSides', () => {
  it('flags a p95 regression and a PII-rate increase, and nothing within the limits', () => {
    const c = compareSides(side('v1'), side('v2', {latency: {count: 1000, p50: 410, p95: 1300, p99: 1700}, pii_per_1k: 3.5, tokens_per_record: 450}))
    expect(c.regressions).toEqual(['p95', 'pii_per_1k'])
    const p95 = c.rows.find((r) => r.metric === 'p95')
    expect(p95).toMatchObject({baseline: 1000, candidate: 1300, delta: 300, relative: 0.3, limit: '+20%', judged: true, regression: true})
    expect(compareSides(side('v1'), side('v2')).regressions).toEqual([])
  })

  it('judges a metric only with enough samples on both sides', () => {
    const few = side('v2', {records: 5, latency: {count: 5, p50: 4000, p95: 9000, p99: 9000}, pii_per_1k: 400})
    const c = compareSides(side('v1'), few)
    expect(c.regressions).toEqual([])
    expect(c.rows.find((r) => r.metric === 'p95')).toMatchObject({judged: false, regression: false})
    expect(c.notes.join('\n')).toContain('fewer than 20 samples')
    expect(compareSides(side('v1'), few, {...DEFAULT_LIMITS, minSamples: 5}).regressions).toEqual(['p50', 'p95', 'p99', 'pii_per_1k'])
  })

  it('flags a drop of the mean rating, a new secret and a rise of the error rate in points', () => {
    const c = compareSides(side('v1'), side('v2', {error_rate: 0.025, secrets_per_1k: 1, feedback: {total: 40, by_type: {}, ratings: 30, mean_rating: 3.5}}))
    expect(c.regressions).toEqual(['error_rate', 'secrets_per_1k', 'mean_rating'])
    expect(c.rows.find((r) => r.metric === 'error_rate')).toMatchObject({baseline: 1, candidate: 2.5, delta: 1.5})
  })
})

describe('feedbackFigures', () => {
  const record = (model_version: string | undefined, feedback_type: string, rating: FeedbackRecord['rating'], timestamp_utc: string): FeedbackRecord =>
    ({
      id: `${model_version}-${timestamp_utc}`,
      user_id: 'u',
      description: 'd',
      feedback_type,
      rating,
      timestamp_utc,
      schema_version: 1,
      ...(model_version === undefined ? {} : {model_version}),
    }) as FeedbackRecord

  it('joins by model version and window, counting types and averaging star ratings only', () => {
    const records = [
      record('v1', 'bug_report', 2, '2026-03-01T10:00:00.000Z'),
      record('v1', 'suggestion', 'up', '2026-03-01T11:00:00.000Z'),
      record('v1', 'bug_report', 5, '2026-03-05T10:00:00.000Z'),
      record('v2', 'bug_report', 1, '2026-03-01T10:00:00.000Z'),
      record(undefined, 'other', 3, '2026-03-01T10:00:00.000Z'),
    ]
    expect(feedbackFigures(records, new Set(['v1']), null)).toEqual({total: 3, by_type: {bug_report: 2, suggestion: 1}, ratings: 2, mean_rating: 3.5})
    expect(feedbackFigures(records, new Set(['v1']), {since: '2026-03-01T00:00:00.000Z', until: '2026-03-02T00:00:00.000Z'})).toEqual({
      total: 2,
      by_type: {bug_report: 1, suggestion: 1},
      ratings: 1,
      mean_rating: 2,
    })
    expect(feedbackFigures(records, undefined, null).total).toBe(5)
  })
})
