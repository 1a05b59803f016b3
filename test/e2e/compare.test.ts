/** llmops compare through the CLI: versions of one run, two windows, the regression gate, input errors. */
import {readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {llmops, tempDir} from '../helpers.js'
import {evaluateFeedback, evaluateLog} from '../support/evaluate-log.js'

async function scanned(): Promise<string> {
  const dir = await tempDir()
  await writeFile(path.join(dir, 'chat.jsonl'), evaluateLog())
  await writeFile(path.join(dir, 'chatbot_feedback.jsonl'), evaluateFeedback())
  const run = await llmops(['monitor', 'chat.jsonl', '--format', 'summary', '--quiet', '--summary-out', 'run.json'], {cwd: dir})
  expect(run.exitCode).toBe(0)
  return dir
}

describe('llmops compare', () => {
  it('flags the injected p95 regression and PII increase of a version, with feedback joined; --fail-on-regression exits 1', async () => {
    const dir = await scanned()
    const versions = ['run.json', '--baseline-version', 'v1', '--candidate-version', 'v2']
    const text = await llmops(['compare', ...versions], {cwd: dir})
    expect(text.exitCode).toBe(0)
    expect(String(text.stdout)).toMatch(/p95 latency .* REGRESSION/)
    const json = await llmops(['compare', ...versions, '--json'], {cwd: dir})
    const comparison = JSON.parse(String(json.stdout)) as {
      regressions: string[]
      baseline: {records: number; feedback: {total: number; mean_rating: number}}
      candidate: {feedback: {by_type: Record<string, number>}}
    }
    expect(comparison.regressions).toEqual(expect.arrayContaining(['p95', 'p99', 'pii_per_1k', 'mean_rating']))
    expect(comparison.regressions).not.toContain('p50')
    expect(comparison.baseline).toMatchObject({records: 300, feedback: {total: 30, mean_rating: 4}})
    expect(comparison.candidate.feedback.by_type).toEqual({bug_report: 10, confusing_response: 10, suggestion: 10})
    const gate = await llmops(['compare', ...versions, '--fail-on-regression'], {cwd: dir})
    expect(gate.exitCode).toBe(1)
    const loose = await llmops(
      [
        'compare',
        ...versions,
        '--fail-on-regression',
        '--max-latency-increase',
        '1000',
        '--max-pii-rate-increase',
        '500',
        '--max-rating-drop',
        '5',
        '--max-secret-rate-increase',
        '1000',
      ],
      {cwd: dir},
    )
    expect(loose.exitCode).toBe(0)
    const few = await llmops(['compare', ...versions, '--fail-on-regression', '--min-samples', '100000'], {cwd: dir})
    expect(few.exitCode).toBe(0)
    expect(String(few.stdout)).toContain('not judged')
  }, 120_000)

  it('scans a log given instead of a summary file, with the same result', async () => {
    const dir = await scanned()
    const versions = ['--baseline-version', 'v1', '--candidate-version', 'v2', '--json']
    const fromLog = await llmops(['compare', 'chat.jsonl', ...versions], {cwd: dir})
    const fromSummary = await llmops(['compare', 'run.json', ...versions], {cwd: dir})
    expect(fromLog.exitCode).toBe(0)
    expect(JSON.parse(String(fromLog.stdout))).toEqual(JSON.parse(String(fromSummary.stdout)))
    const missing = await llmops(['compare', 'nope.jsonl', 'run.json'], {cwd: dir})
    expect(missing.exitCode).toBe(2)
    expect(String(missing.stderr)).toContain('nope.jsonl not found')
  }, 120_000)

  it('compares two windows scanned with --since/--until', async () => {
    const dir = await scanned()
    for (const [name, window] of [
      ['day1.json', ['--until', '2026-03-01T20:00:00Z']],
      ['day2.json', ['--since', '2026-03-01T20:00:00Z']],
    ] as const) {
      const run = await llmops(['monitor', 'chat.jsonl', ...window, '--format', 'summary', '--quiet', '--summary-out', name], {cwd: dir})
      expect(run.exitCode).toBe(0)
    }

    const json = await llmops(['compare', 'day1.json', 'day2.json', '--json'], {cwd: dir})
    expect(json.exitCode).toBe(0)
    const c = JSON.parse(String(json.stdout)) as {
      baseline: {label: string; records: number; feedback: {total: number}}
      candidate: {records: number; feedback: {total: number}}
    }
    expect(c.baseline.label).toBe('day1.json')
    expect(c.baseline.records + c.candidate.records).toBe(600)
    // Feedback is joined by the windows: 20 hours of hourly feedback on the first day, the rest after.
    expect([c.baseline.feedback.total, c.candidate.feedback.total]).toEqual([20, 40])
  }, 120_000)

  it('refuses bad input with exit 2, naming the file or flag', async () => {
    const dir = await scanned()
    const one = await llmops(['compare', 'run.json'], {cwd: dir})
    expect(one.exitCode).toBe(2)
    expect(String(one.stderr)).toContain('--baseline-version and --candidate-version')
    const missing = await llmops(['compare', 'run.json', 'nope.json'], {cwd: dir})
    expect(missing.exitCode).toBe(2)
    expect(String(missing.stderr)).toContain('nope.json not found')
    await writeFile(path.join(dir, 'old.json'), JSON.stringify({format: 'llmops-summary', version: 1}))
    const old = await llmops(['compare', 'old.json', 'run.json'], {cwd: dir})
    expect(old.exitCode).toBe(2)
    expect(String(old.stderr)).toContain('written by an older llmops')
    const limit = await llmops(['compare', 'run.json', 'run.json', '--max-rating-drop', '-1'], {cwd: dir})
    expect(limit.exitCode).toBe(2)
    expect(String(limit.stderr)).toContain('--max-rating-drop')
    const feedback = await llmops(['compare', 'run.json', 'run.json', '--feedback', 'none.jsonl'], {cwd: dir})
    expect(feedback.exitCode).toBe(2)
    expect(String(feedback.stderr)).toContain('none.jsonl not found')
    expect(String(feedback.stderr)).not.toMatch(/at .*\.js:\d+/)
  }, 120_000)

  it('report: writes the HTML whole or not at all; a bad target or input is exit 2 and leaves nothing behind', async () => {
    const dir = await scanned()
    const plain = await llmops(['report', 'run.json', '--out', 'plain.html', '--json'], {cwd: dir})
    expect(plain.exitCode).toBe(0)
    expect(JSON.parse(String(plain.stdout))).toMatchObject({out: 'plain.html', regressions: []})
    const noDir = await llmops(['report', 'run.json', '--out', 'missing/report.html'], {cwd: dir})
    expect(noDir.exitCode).toBe(2)
    expect(String(noDir.stderr)).toContain('cannot write missing/report.html: its directory does not exist')
    await writeFile(path.join(dir, 'bad.json'), '{"format": "llmops-summary", "version": 2}')
    const bad = await llmops(['report', 'bad.json', '--out', 'bad.html'], {cwd: dir})
    expect(bad.exitCode).toBe(2)
    expect(String(bad.stderr)).toContain('bad.json is not a valid llmops summary')
    expect((await readdir(dir)).filter((f) => f.includes('bad.html'))).toEqual([])
    const half = await llmops(['report', 'run.json', '--out', 'half.html', '--baseline-version', 'v1'], {cwd: dir})
    expect(half.exitCode).toBe(2)
    expect(String(half.stderr)).toContain('both --baseline-version and --candidate-version')
  }, 120_000)
})
