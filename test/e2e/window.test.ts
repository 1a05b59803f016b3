/** --since/--until on the monitor: record times decide, lines without a time are left out and counted, windows merge. */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {jsonLines, llmops, tempDir} from '../helpers.js'

const record = (id: string, timestamp: string | number | undefined, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({id, ...(timestamp === undefined ? {} : {timestamp}), user_query: 'q', bot_response: 'ok', latency_ms: 100, model_version: 'v1', ...extra})

const LOG = [
  record('early', '2026-03-01T23:59:59.999Z'),
  record('start', '2026-03-02T00:00:00Z'),
  record('zoneless', '2026-03-02 12:00:00', {bot_response: 'write to jane.doe@example.com'}),
  record('epoch', Date.UTC(2026, 2, 2, 18) / 1000),
  record('end', '2026-03-03T00:00:00Z'),
  record('untimed', undefined, {bot_response: 'call 415-555-0123'}),
  '{"id": "broken", "timestamp": "2026-03-02T10:00:00Z", ',
].join('\n')

describe('llmops monitor --since/--until', () => {
  it('keeps the records whose own time is in [since, until) and counts what it left out', async () => {
    const dir = await tempDir()
    const log = path.join(dir, 'chat.jsonl')
    await writeFile(log, `${LOG}\n`)
    const run = await llmops(['monitor', log, '--since', '2026-03-02', '--until', '2026-03-03T00:00:00Z', '--quiet'])
    expect(run.exitCode).toBe(0)
    expect(jsonLines(run.stdout).map((r) => r.interaction_id)).toEqual(['start', 'zoneless', 'epoch'])
    const json = await llmops(['monitor', log, '--since', '2026-03-02', '--until', '2026-03-03', '--json'])
    const {summary} = JSON.parse(String(json.stdout)) as {summary: Record<string, unknown>}
    expect(summary).toMatchObject({
      records: 3,
      malformed_lines: 0,
      findings: {pii: 1},
      window: {since: '2026-03-02T00:00:00.000Z', until: '2026-03-03T00:00:00.000Z', before: 1, after: 1, untimed: 2},
    })
    const text = await llmops(['monitor', log, '--since', '2026-03-02', '--format', 'summary'])
    expect(String(text.stdout)).toContain('window 2026-03-02T00:00:00.000Z to the end; left out: 1 before, 2 lines without a time of their own')
  }, 120_000)

  it('merges windowed shards into the windowed single run; a part of another window is refused', async () => {
    const dir = await tempDir()
    const log = path.join(dir, 'chat.jsonl')
    await writeFile(log, `${LOG}\n${LOG}\n`)
    const window = ['--since', '2026-03-02', '--until', '2026-03-03']
    const single = await llmops(['monitor', log, ...window, '--format', 'summary', '--quiet', '--summary-out', path.join(dir, 'all.json')], {cwd: dir})
    expect(single.exitCode).toBe(0)
    for (const k of [1, 2]) {
      const part = await llmops(
        ['monitor', log, ...window, '--shard', `${k}/2`, '--format', 'summary', '--quiet', '--summary-out', path.join(dir, `p${k}.json`)],
        {cwd: dir},
      )
      expect(part.exitCode).toBe(0)
    }

    const merged = await llmops(['monitor', 'merge', 'p1.json', 'p2.json', '--json'], {cwd: dir})
    const whole = JSON.parse(await readFile(path.join(dir, 'all.json'), 'utf8')) as {tallies: {window: unknown; timeline: unknown}}
    const {summary} = JSON.parse(String(merged.stdout)) as {summary: {window: unknown; records: number}}
    expect(summary.records).toBe(6)
    expect(summary.window).toEqual(whole.tallies.window)
    const other = await llmops(
      ['monitor', log, '--since', '2026-03-01', '--shard', '2/2', '--format', 'summary', '--quiet', '--summary-out', path.join(dir, 'p2.json')],
      {cwd: dir},
    )
    expect(other.exitCode).toBe(0)
    const refused = await llmops(['monitor', 'merge', 'p1.json', 'p2.json'], {cwd: dir})
    expect(refused.exitCode).toBe(2)
    expect(String(refused.stderr)).toContain('different settings')
  }, 120_000)

  it('refuses a bad or empty window with exit 2, naming the flag, before reading anything', async () => {
    const bad = await llmops(['monitor', 'missing.jsonl', '--since', 'last tuesday'])
    expect(bad.exitCode).toBe(2)
    expect(String(bad.stderr)).toContain('--since "last tuesday"')
    const empty = await llmops(['monitor', '--since', '2026-03-02', '--until', '2026-03-01'])
    expect(empty.exitCode).toBe(2)
    expect(String(empty.stderr)).toContain('the window is empty')
  }, 120_000)
})
