import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {factsOf} from '../../src/results/record.js'
import {evaluateGate} from '../../src/gate/evaluate.js'
import {SummaryBuilder} from '../../src/results/summary.js'
import {PART_EXACT_LIMIT} from '../../src/results/tally.js'
import {MAX_GROUPS, OTHER_GROUP, type SummaryTallies} from '../../src/results/summary.js'

const ctx = testContext()

function summarize(lines: string[]) {
  const builder = new SummaryBuilder(1500, 'model_version')
  for (const [i, line] of lines.entries()) builder.add(factsOf(analyzeLine(line, 'f', i + 1, ctx)))
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

  it('shows the largest groups by records, whatever order they came in', () => {
    const lines = [
      ...Array.from({length: MAX_GROUPS + 5}, (_, i) => JSON.stringify({model_version: `v${i}`})),
      ...Array.from({length: 3}, () => JSON.stringify({model_version: 'big'})),
    ]
    for (const order of [lines, [...lines].reverse()]) {
      const {groups} = summarize(order)
      expect(groups.big?.records).toBe(3)
      expect(Object.keys(groups)).toHaveLength(MAX_GROUPS + 1)
      expect(groups[OTHER_GROUP]?.records).toBe(6)
    }
  })

  it('merges partial figures into exactly the figures of one run, for any split and order (through JSON)', () => {
    const record = fc.record({
      model: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
      latency: fc.option(fc.integer({min: 0, max: 60_000}), {nil: undefined}),
      text: fc.constantFrom('fine', 'mail jane.doe@example.com', 'call 415-555-0123', 'key AKIAIOSFODNN7EXAMPLE', ''),
      response: fc.constantFrom<'text' | 'null' | 'missing'>('text', 'text', 'null', 'missing'),
      malformed: fc.integer({min: 0, max: 9}).map((n) => n === 0),
      time: fc.option(fc.integer({min: 1_600_000_000, max: 1_900_000_000}), {nil: undefined}),
      tokens: fc.option(fc.nat(5000), {nil: undefined}),
    })
    const line = (r: {model: string; latency?: number; text: string; response: string; malformed: boolean; time?: number}, i: number): string => {
      if (r.malformed) return `{"id": "broken-${i}", `
      const body: Record<string, unknown> = {id: `r${i}`, user_query: 'q', model_version: r.model}
      if (r.latency !== undefined) body.latency_ms = r.latency
      if (r.time !== undefined) body.timestamp = r.time
      if (r.response === 'text') body.bot_response = r.text
      else if (r.response === 'null') body.bot_response = null
      return JSON.stringify(body)
    }

    fc.assert(
      fc.property(fc.array(record, {maxLength: 80}), fc.array(fc.nat(), {maxLength: 5}), fc.boolean(), (records, cutsRaw, reverse) => {
        const facts = records.map((r, i) => {
          const f = factsOf(analyzeLine(line(r, i), `f${i % 3}`, i + 1, ctx))
          // The monitor's batch reads token counts from the record (monitor/tokens.ts).
          if (r.tokens !== undefined) f.tokens = r.tokens
          return f
        })
        const single = new SummaryBuilder(1500, 'model_version')
        for (const f of facts) single.add(f)
        const cuts = [...new Set(cutsRaw.map((c) => c % (facts.length + 1)))].sort((a, b) => a - b)
        const bounds = [0, ...cuts, facts.length]
        const parts = bounds.slice(1).map((end, i) => {
          const part = new SummaryBuilder(1500, 'model_version')
          for (const f of facts.slice(bounds[i], end)) part.add(f)
          return JSON.parse(JSON.stringify(part.state())) as SummaryTallies
        })
        const [first, ...rest] = reverse ? parts.reverse() : parts
        const merged = SummaryBuilder.from(first as SummaryTallies)
        for (const part of rest) merged.merge(SummaryBuilder.from(part))
        const summary = single.finish(['f'], 1)
        expect(merged.finish(['f'], 1)).toEqual(summary)
        const times = records.filter((r) => r.time !== undefined && !r.malformed).map((r) => (r.time as number) * 1000)
        expect(summary.time_range).toEqual(
          times.length === 0 ? null : {first: new Date(Math.min(...times)).toISOString(), last: new Date(Math.max(...times)).toISOString()},
        )
        expect(merged.sortedDetails()).toEqual(single.sortedDetails())
        expect([...merged.usedIgnores].sort()).toEqual([...single.usedIgnores].sort())
        // Time buckets and token counts are part of the state a merge carries on, not only of the summary.
        expect(JSON.parse(JSON.stringify(merged.state().timeline))).toEqual(JSON.parse(JSON.stringify(single.state().timeline)))
        const timed = records.filter((r) => r.time !== undefined && !r.malformed)
        expect(summary.timeline.buckets.reduce((n, b) => n + b.records, 0)).toBe(timed.length)
        const counted = records.filter((r) => r.tokens !== undefined && !r.malformed)
        expect(summary.tokens).toMatchObject({records: counted.length, total: counted.reduce((n, r) => n + (r.tokens as number), 0)})
      }),
      {numRuns: 40},
    )
  })

  it('caps the number of groups so memory stays bounded', () => {
    const many = Array.from({length: MAX_GROUPS + 10}, (_, i) => JSON.stringify({model_version: `v${i}`}))
    const {groups} = summarize(many)
    expect(Object.keys(groups)).toHaveLength(MAX_GROUPS + 1)
    expect(groups[OTHER_GROUP]?.records).toBe(10)
  })

  it('keeps the latencies of a group or a span of time exactly only up to PART_EXACT_LIMIT, so memory does not grow with the log', () => {
    const n = PART_EXACT_LIMIT + 200
    // One group, one minute: every record lands in the same part.
    const many = Array.from({length: n}, (_, i) => JSON.stringify({model_version: 'm', latency_ms: (i * 7919) % 5003, timestamp: 1_699_999_980 + (i % 50)}))
    const builder = new SummaryBuilder(1500, 'model_version')
    for (const [i, line] of many.entries()) builder.add(factsOf(analyzeLine(line, 'f', i + 1, ctx)))
    const state = builder.state()
    expect(state.all.latency.exact).toHaveLength(n)
    expect(state.groups.m?.latency.exact).toBeNull()
    expect(state.timeline.buckets).toHaveLength(1)
    expect(state.timeline.buckets[0]?.tally.latency.exact).toBeNull()
    // Estimated within 1%, from buckets that hold a few hundred keys, not one number per record.
    const summary = builder.finish(['f'], 1)
    expect(summary.latency.exact).toBe(true)
    expect(summary.groups.m?.latency.exact).toBe(false)
    const group = summary.groups.m?.latency.p95 as number
    expect(Math.abs(group - (summary.latency.p95 as number)) / (summary.latency.p95 as number)).toBeLessThan(0.01)
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
