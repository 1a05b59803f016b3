import {describe, expect, it} from 'vitest'

import {STDOUT_FORMATS} from '../../src/report/reporter.js'
import {FindingsCollector, formatFindingsView, MAX_SHOWN} from '../../src/report/terminal.js'

const finding = (type: string, severity: string, masked: string, extra: Record<string, unknown> = {}) => ({
  type,
  category: 'pii',
  rule: `r.${type}`,
  field: 'bot_response',
  start: 0,
  end: 1,
  severity,
  confidence: 0.8,
  masked,
  fingerprint: 'f',
  ...extra,
})
const record = (file: string, line: number, findings: unknown[]) => JSON.stringify({interaction_id: null, file, line, findings, original_interaction: null})

function view(lines: string[], color = false): string {
  const collector = new FindingsCollector()
  collector.add(new TextEncoder().encode(lines.map((l) => `${l}\n`).join('')))
  return formatFindingsView(collector.findings, {color, notShown: collector.notShown})
}

describe('the terminal view of findings', () => {
  it("reads a record's own findings, not a list of that name inside the logged interaction", () => {
    // A log line may hold `"findings":[]` itself: it must not hide the record's finding.
    const withOwn = (original: unknown, findings: unknown[]) =>
      JSON.stringify({interaction_id: null, file: 'a.jsonl', line: 3, findings, original_interaction: original})
    const collector = new FindingsCollector()
    const lines = [withOwn({meta: {findings: []}}, [finding('EMAIL', 'high', 'j***@e***.com')]), withOwn({findings: [{type: 'EMAIL'}]}, [])]
    collector.add(new TextEncoder().encode(lines.map((l) => `${l}\n`).join('')))
    expect(collector.findings.map((f) => [f.line, f.type])).toEqual([[3, 'EMAIL']])
  })

  it('lists file:line, type, masked value and field, by file in input order, the most severe first', () => {
    const text = view([
      record('a.jsonl', 1, [finding('PHONE', 'medium', '***-***-**67')]),
      record('a.jsonl', 2, []),
      record('a.jsonl', 9, [finding('OPENAI_KEY', 'critical', 'sk-…****', {category: 'secret', field: 'metadata.key'})]),
      record('b.jsonl', 4, [finding('EMAIL', 'high', 'j***@e***.com')]),
    ])
    expect(text).toBe(
      [
        'a.jsonl',
        '  a.jsonl:9  OPENAI_KEY  sk-…****      metadata.key',
        '  a.jsonl:1  PHONE       ***-***-**67  bot_response',
        '',
        'b.jsonl',
        '  b.jsonl:4  EMAIL  j***@e***.com  bot_response',
        '',
        '',
      ].join('\n'),
    )
  })

  it('colours the type by severity only when asked', () => {
    const line = record('a.jsonl', 1, [finding('EMAIL', 'high', 'j***@e***.com')])
    expect(view([line])).not.toContain('\u001B[')
    expect(view([line], true)).toContain('\u001B[31mEMAIL\u001B[0m')
  })

  it('shows only masked values, never the raw value a --no-redact record carries', () => {
    const text = view([record('a.jsonl', 1, [finding('EMAIL', 'high', 'j***@e***.com', {value: 'jane.doe@example.com'})])])
    expect(text).toContain('j***@e***.com')
    expect(text).not.toContain('jane.doe')
  })

  it('skips findings the ignore file accepts, and prints nothing without findings', () => {
    expect(view([record('a.jsonl', 1, [finding('EMAIL', 'high', 'j***@e***.com', {ignored: true})]), record('a.jsonl', 2, [])])).toBe('')
  })

  it('escapes control characters in file names and fields, so a log cannot drive the terminal', () => {
    const text = view([record('a\u001B[2J.jsonl', 1, [finding('EMAIL', 'high', 'j***@e***.com', {field: 'x\u0007'})])])
    // eslint-disable-next-line no-control-regex -- control characters are what the view must never print
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/)
    expect(text).toContain('a\\u001b[2J.jsonl:1')
  })

  it('lists at most MAX_SHOWN findings and counts the rest', () => {
    const lines = Array.from({length: MAX_SHOWN + 2}, (_, i) => record('a.jsonl', i + 1, [finding('EMAIL', 'high', 'j***@e***.com')]))
    const text = view(lines)
    expect(text.split('\n').filter((l) => l.includes('EMAIL'))).toHaveLength(MAX_SHOWN)
    expect(text).toContain('… and 2 more findings, not listed here (--format jsonl lists them all)')
  })

  it('reads records handed over as bytes (from worker threads) as well', () => {
    const collector = new FindingsCollector()
    collector.add(new TextEncoder().encode(record('a.jsonl', 3, [finding('EMAIL', 'high', 'j***@e***.com')]) + '\n'))
    expect(collector.findings.map((f) => [f.file, f.line, f.type])).toEqual([['a.jsonl', 3, 'EMAIL']])
  })

  it('as the text format: shows findings at the end, or as they come for a live run (--follow)', () => {
    const batch = new TextEncoder().encode(record('a.jsonl', 1, [finding('EMAIL', 'high', 'j***@e***.com')]) + '\n')
    const atEnd = STDOUT_FORMATS.text({quiet: false, color: false, live: false})
    expect(atEnd.mode).toBe('jsonl')
    expect(atEnd.records(batch)).toEqual([])
    const run = {} as Parameters<typeof atEnd.end>[0]
    expect(atEnd.end(run, 'SUMMARY\n')).toEqual({stdout: 'a.jsonl\n  a.jsonl:1  EMAIL  j***@e***.com  bot_response\n\n', stderr: 'SUMMARY\n'})
    const live = STDOUT_FORMATS.text({quiet: true, color: false, live: true})
    expect(live.records(batch)).toEqual(['a.jsonl\n  a.jsonl:1  EMAIL  j***@e***.com  bot_response\n\n'])
    expect(live.end(run, 'SUMMARY\n')).toEqual({stdout: '', stderr: ''})
  })
})
