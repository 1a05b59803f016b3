import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {factsOf} from '../../src/results/record.js'
import {evaluateGate} from '../../src/gate/evaluate.js'
import {SummaryBuilder} from '../../src/results/summary.js'
import {MAX_GROUPS, OTHER_GROUP} from '../../src/results/summary.js'

const ctx = testContext()

function summarize(lines: string[]) {
  const builder = new SummaryBuilder(1500, 'model_version')
  for (const [i, line] of lines.entries()) builder.add(factsOf(analyzeLine(line, 'f', i + 1, 'now', ctx)))
  return builder.finish(['f'], 12.4)
}

describe('SummaryBuilder', () => {
  const lines = [
    JSON.stringify({user_query: 'q', bot_response: 'a@example.com', latency_ms: 100, model_version: 'm1'}),
    JSON.stringify({user_query: 'q', bot_response: null, latency_ms: 2000, model_version: 'm1'}),
    JSON.stringify({user_query: 'q', bot_response: 'call 555-010-0199 or b@example.com', latency_ms: 300, model_version: 'm2'}),
    JSON.stringify({user_query: 'q', bot_response: 'fine'}),
    '{not json',
  ]

  it('counts records, malformed lines, findings, errors and latency', () => {
    const summary = summarize(lines)
    expect(summary).toMatchObject({
      records: 4,
      malformed_lines: 1,
      findings: {total: 3, pii: 3, secrets: 0, records_with_pii: 2, by_type: {EMAIL: 2, PHONE: 1}},
      errors: {total: 2, by_kind: {null_response: 1, malformed_json: 1}},
      latency: {count: 3, missing: 1, p50: 300, p95: 2000, max: 2000, slow: 1, mean: 800, exact: true},
      duration_ms: 12,
    })
  })

  it('breaks figures down by the group-by field', () => {
    const {groups} = summarize(lines)
    expect(Object.keys(groups)).toEqual(['m1', 'm2'])
    expect(groups.m1).toMatchObject({records: 2, errors: 1, pii: 1, latency: {p95: 2000, slow: 1}})
    expect(groups.m2).toMatchObject({records: 1, pii: 2})
  })

  it('caps the number of groups so memory stays bounded', () => {
    const many = Array.from({length: MAX_GROUPS + 10}, (_, i) => JSON.stringify({model_version: `v${i}`}))
    const {groups} = summarize(many)
    expect(Object.keys(groups)).toHaveLength(MAX_GROUPS + 1)
    expect(groups[OTHER_GROUP]?.records).toBe(10)
  })

  it('evaluates the gate per category', () => {
    const summary = summarize(lines)
    expect(evaluateGate(summary, [])).toEqual({fail_on: [], passed: true, failures: []})
    expect(evaluateGate(summary, ['secret'])).toMatchObject({passed: true})
    expect(evaluateGate(summary, ['pii', 'slow', 'secret'])).toEqual({
      fail_on: ['pii', 'slow', 'secret'],
      passed: false,
      failures: [
        {category: 'pii', count: 3},
        {category: 'slow', count: 1},
      ],
    })
  })
})
