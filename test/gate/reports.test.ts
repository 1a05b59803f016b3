import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import type {FindingDetail, MonitorSummary} from '../../src/results/summary.js'
import type {GateResult} from '../../src/results/gate.js'
import {annotationsFor, outputsFor} from '../../src/report/github.js'
import type {GateReport} from '../../src/report/gate-report.js'
import {formatJunit} from '../../src/report/junit.js'
import {formatMarkdown} from '../../src/report/markdown.js'
import {formatSarif, PROJECT_URL} from '../../src/report/sarif.js'
import {builtinRules} from '../../src/rules/index.js'

const finding = (i: number, extra: Partial<FindingDetail> = {}): FindingDetail => ({
  type: i % 2 === 0 ? 'EMAIL' : 'PHONE',
  category: 'pii',
  rule: i % 2 === 0 ? 'pii.email' : 'pii.phone.formatted',
  severity: i % 2 === 0 ? 'high' : 'medium',
  field: 'bot_response',
  start: 0,
  end: 10,
  masked: i % 2 === 0 ? 'j***@e***.com' : '***-***-**99',
  fingerprint: i.toString(16).padStart(32, '0'),
  ignored: false,
  preexisting: false,
  file: 'logs/chat.jsonl',
  line: i + 1,
  ...extra,
})

function report(findings: FindingDetail[], gate: Partial<GateResult> = {}): GateReport {
  const fresh = findings.filter((f) => !f.ignored)
  const summary = {
    inputs: ['logs/chat.jsonl'],
    records: 100,
    malformed_lines: 0,
    unscanned_lines: 0,
    blank_lines: 0,
    unchanged_lines: 0,
    unscanned: [],
    findings: {
      total: fresh.length,
      pii: fresh.length,
      secrets: 0,
      ignored: findings.length - fresh.length,
      preexisting: 0,
      records_with_pii: fresh.length,
      records_with_secrets: 0,
      records_with_findings: fresh.length,
      by_type: {EMAIL: 1},
      suppressed: 2,
      suppressed_by_type: {EMAIL: 2},
    },
    errors: {total: 0, by_kind: {}},
    latency: {count: 0, missing: 100, p50: null, p90: null, p95: null, p99: null, max: null, mean: null, slow: 0, threshold_ms: 1500, exact: true},
    group_by: null,
    groups: {},
    time_range: null,
    tokens: {records: 0, total: 0, per_record: null},
    timeline: {width_ms: 60_000, buckets: []},
    window: null,
    duration_ms: 1,
  } satisfies MonitorSummary
  return {
    summary,
    gate: {fail_on: ['pii'], passed: fresh.length === 0, failures: fresh.length === 0 ? [] : [{category: 'pii', count: fresh.length}], ...gate},
    findings,
    findingsLeftOut: 0,
    rules: builtinRules.map(({id, type, category, severity, description}) => ({id, type, category, severity, description})),
    tool: {name: 'llmops', version: '9.9.9'},
    ignoreFile: '.llmopsignore',
    unusedIgnores: [],
    addedIgnores: [],
    weakenedConfig: [],
  }
}

describe('SARIF', () => {
  it('has one result per finding at file and line, with partial fingerprints and suppressions', () => {
    const sarif = JSON.parse(formatSarif(report([finding(0), finding(1, {ignored: true})]))) as {
      version: string
      runs: Array<{
        tool: {driver: {name: string; rules: Array<{id: string}>}}
        results: Array<{ruleIndex?: number; locations: Array<{physicalLocation: unknown}>} & Record<string, unknown>>
      }>
    }
    expect(sarif.version).toBe('2.1.0')
    const [run] = sarif.runs
    expect(run?.tool.driver.rules.map((r) => r.id)).toContain('pii.email')
    expect(run?.results).toHaveLength(2)
    const [first, second] = run?.results ?? []
    expect(first).toMatchObject({ruleId: 'pii.email', level: 'error', partialFingerprints: {'llmopsFingerprint/v1': finding(0).fingerprint}})
    expect(first?.locations[0]?.physicalLocation).toMatchObject({
      artifactLocation: {uri: 'logs/chat.jsonl'},
      region: {startLine: 1, snippet: {text: 'bot_response: j***@e***.com'}},
    })
    expect(run?.tool.driver.rules[first?.ruleIndex as number]?.id).toBe('pii.email')
    expect(second).toMatchObject({level: 'warning', suppressions: [{kind: 'external'}]})
  })

  it('points code scanning to the repository package.json names', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {repository: {url: string}; homepage: string}
    const sarif = JSON.parse(formatSarif(report([finding(0)]))) as {runs: Array<{tool: {driver: {informationUri: string; rules: Array<{helpUri: string}>}}}>}
    const driver = sarif.runs[0]?.tool.driver
    expect(pkg.repository.url).toBe(`git+${PROJECT_URL}.git`)
    expect(pkg.homepage).toBe(`${PROJECT_URL}#readme`)
    expect(driver?.informationUri).toBe(PROJECT_URL)
    expect(driver?.rules[0]?.helpUri).toBe(`${PROJECT_URL}/blob/main/docs/detection.md`)
  })
})

describe('JUnit', () => {
  it('fails one test case per new finding and escapes XML', () => {
    const xml = formatJunit(report([finding(0, {masked: '<a&b>'}), finding(1, {ignored: true})]))
    expect(xml).toContain('tests="1" failures="1"')
    expect(xml).toContain('&lt;a&amp;b&gt;')
    expect(formatJunit(report([]))).toContain('name="no new findings"')
  })
})

describe('Markdown and the GitHub summary', () => {
  it('lists findings with masked values and stays under the size limit, saying what it left out', () => {
    const many = Array.from({length: 5000}, (_, i) => finding(i))
    const md = formatMarkdown(report(many), 64 * 1024)
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(64 * 1024)
    expect(md).toMatch(/_\d+ more findings are not listed here/)
    expect(md).toContain('failed ❌')
  })

  it('draws new findings over time as a Mermaid xychart, at most 24 bars whose counts add up, and none without spread in time', () => {
    const base = report([finding(0)])
    const bucket = (i: number, pii: number) => ({
      start: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000).toISOString(),
      records: 10,
      errors: 0,
      pii,
      secrets: i % 2,
      slow: 0,
      latency: {count: 0, p50: null, p95: null, p99: null},
      tokens_per_record: null,
      by_type: {},
    })
    const buckets = Array.from({length: 100}, (_, i) => bucket(i, i % 5))
    const md = formatMarkdown({...base, summary: {...base.summary, timeline: {width_ms: 3_600_000, buckets}}})
    const chart = /```mermaid\nxychart-beta\n[\s\S]*?```/.exec(md)?.[0] ?? ''
    const bars = JSON.parse(/bar (\[.*\])/.exec(chart)?.[1] ?? '[]') as number[]
    const labels = JSON.parse(/x-axis (\[.*\])/.exec(chart)?.[1] ?? '[]') as string[]
    expect(bars.length).toBeLessThanOrEqual(24)
    expect(labels).toHaveLength(bars.length)
    expect(labels[0]).toBe('03-01 00:00')
    expect(bars.reduce((a, b) => a + b, 0)).toBe(buckets.reduce((n, b) => n + b.pii + b.secrets, 0))
    expect(chart).toContain(`y-axis "findings" 0 --> ${Math.max(...bars)}`)
    expect(formatMarkdown(base)).not.toContain('xychart-beta')
    const quiet = buckets.map((b) => ({...b, pii: 0, secrets: 0}))
    expect(formatMarkdown({...base, summary: {...base.summary, timeline: {width_ms: 3_600_000, buckets: quiet}}})).not.toContain('xychart-beta')
  })
})

describe('GitHub annotations', () => {
  it('stay within 10 errors and 10 warnings, most severe first, and say how many more there are', () => {
    const annotations = annotationsFor(report(Array.from({length: 30}, (_, i) => finding(i))))
    expect(annotations.filter((a) => a.kind === 'error')).toHaveLength(10)
    expect(annotations.filter((a) => a.kind === 'warning')).toHaveLength(10)
    expect(annotations.at(-1)).toMatchObject({kind: 'notice', message: expect.stringContaining('10 more new findings')})
    expect(annotations[0]).toMatchObject({kind: 'error', file: 'logs/chat.jsonl', line: 1})
  })

  it('give outputs', () => {
    expect(outputsFor(report([finding(0), finding(1, {ignored: true})]), 'llmops.sarif')).toEqual({
      findings: 2,
      new_findings: 1,
      suppressed: 3,
      passed: false,
      sarif: 'llmops.sarif',
    })
  })
})
