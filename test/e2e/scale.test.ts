/**
 * Sharded scans merged: the same summary, verdict, exit code and reports as one run over all the
 * inputs, for N from 1 to 4, through the real CLI; and the docs' xargs recipe, run as written.
 */
import {chmod, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {BIN, llmops, ROOT, tempDir} from '../helpers.js'

/** A deterministic log: clean and leaking records, nulls, errors, malformed lines, many groups. */
function generatedLog(records: number, seed: number): string {
  let state = seed
  const next = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state % n
  }

  const texts = [
    'Your order ships tomorrow.',
    'Write to jane.doe@example.org for a refund.',
    'Call 415-555-0123 after 5pm.',
    'key=AKIAIOSFODNN7EXAMPLE in the config',
    'Card 4111 1111 1111 1111 was declined.',
    'ok',
  ]
  const lines: string[] = []
  for (let i = 0; i < records; i++) {
    const kind = next(20)
    if (kind === 0) {
      lines.push(`{"id":"broken-${i}", "user_query": "unterminated`)
      continue
    }

    const record: Record<string, unknown> = {id: `r${i}`, user_query: texts[next(texts.length)], model_version: `m${next(7)}`, latency_ms: 50 + next(4000)}
    if (kind === 1) record.bot_response = null
    else if (kind !== 2) record.bot_response = texts[next(texts.length)]
    lines.push(JSON.stringify(record))
  }

  return `${lines.join('\n')}\n`
}

type Verdict = {summary: Record<string, unknown>; gate: Record<string, unknown>}
const comparable = ({summary, gate}: Verdict): Verdict => ({summary: {...summary, duration_ms: 0, inputs: [...(summary.inputs as string[])].sort()}, gate})
const sarifResults = async (file: string): Promise<unknown> => (JSON.parse(await readFile(file, 'utf8')) as {runs: Array<{results: unknown}>}).runs[0]?.results

describe('sharded scans and llmops monitor merge', () => {
  const gate = ['--fail-on', 'pii,secret', '--max-error-rate', '5%', '--min-samples', '10']

  it("give the single run's summary, verdict, exit code and SARIF, for one file split by bytes and for several files", async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'chat.jsonl'), generatedLog(700, 7))
    await writeFile(path.join(dir, 'a.jsonl'), generatedLog(120, 11))
    await writeFile(path.join(dir, 'b.jsonl'), generatedLog(300, 13))
    for (const inputs of [['chat.jsonl'], ['chat.jsonl', 'a.jsonl', 'b.jsonl']]) {
      const single = await llmops(['monitor', ...inputs, '--json', '--quiet', ...gate, '--sarif', 'single.sarif'], {cwd: dir})
      const singleJson = JSON.parse(String(single.stdout)) as Verdict
      expect(single.exitCode).toBe(1)
      for (const count of [1, 2, 3, 4]) {
        const parts: string[] = []
        for (let k = 1; k <= count; k++) {
          const part = await llmops(['monitor', ...inputs, '--shard', `${k}/${count}`, '--format', 'summary', '--quiet', '--summary-out', `part-${k}.json`], {
            cwd: dir,
          })
          expect(part.exitCode, String(part.stderr)).toBe(0)
          parts.push(`part-${k}.json`)
        }

        const merged = await llmops(['monitor', 'merge', ...parts.reverse(), '--json', ...gate, '--sarif', 'merged.sarif'], {cwd: dir})
        expect(merged.exitCode, String(merged.stderr)).toBe(single.exitCode)
        expect(comparable(JSON.parse(String(merged.stdout)) as Verdict)).toEqual(comparable(singleJson))
        expect(await sarifResults(path.join(dir, 'merged.sarif'))).toEqual(await sarifResults(path.join(dir, 'single.sarif')))
      }
    }
  }, 120_000)

  it('refuse parts that do not add up to one run, naming the files (exit 2)', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'chat.jsonl'), generatedLog(200, 3))
    for (const k of [1, 2, 3])
      await llmops(['monitor', 'chat.jsonl', '--shard', `${k}/3`, '--format', 'summary', '--quiet', '--summary-out', `p${k}.json`], {cwd: dir})
    await llmops(['monitor', 'chat.jsonl', '--shard', '3/3', '--slow-ms', '10', '--format', 'summary', '--quiet', '--summary-out', 'other.json'], {cwd: dir})
    const cases: Array<[string[], RegExp]> = [
      [['p1.json', 'p2.json'], /shard 3 of 3 missing/],
      [['p1.json', 'p2.json', 'p3.json', 'p3.json'], /shard 3\/3 is in both p3.json and p3.json/],
      [['p1.json', 'p2.json', 'other.json'], /p1.json and other.json were scanned with different settings/],
      [['p1.json', 'nope.json'], /summary file nope.json not found/],
      [['chat.jsonl'], /summary file chat.jsonl is not JSON/],
    ]
    for (const [files, message] of cases) {
      const result = await llmops(['monitor', 'merge', ...files, '--fail-on', 'pii', '--summary-out', 'merged.json'], {cwd: dir})
      expect(result.exitCode, files.join(' ')).toBe(2)
      expect(String(result.stderr)).toMatch(message)
      expect(String(result.stderr)).not.toMatch(/at .*\.js:\d+/)
    }

    await expect(readFile(path.join(dir, 'merged.json'))).rejects.toThrow(/ENOENT/)
    const bad = await llmops(['monitor', 'chat.jsonl', '--shard', '0/3'], {cwd: dir})
    expect(bad.exitCode).toBe(2)
    expect(String(bad.stderr)).toContain('give K/N with 1 <= K <= N')
  }, 60_000)

  it("reads the shard from a scheduler's 0-based index only with --shard env", async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'chat.jsonl'), generatedLog(100, 5))
    const env = {JOB_COMPLETION_INDEX: '1', LLMOPS_SHARD_COUNT: '2'}
    const viaEnv = await llmops(['monitor', 'chat.jsonl', '--shard', 'env', '--format', 'summary', '--quiet', '--summary-out', 'env.json'], {
      cwd: dir,
      env: {...env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    expect(viaEnv.exitCode, String(viaEnv.stderr)).toBe(0)
    expect((JSON.parse(await readFile(path.join(dir, 'env.json'), 'utf8')) as {shards: unknown}).shards).toEqual({count: 2, covered: [2]})
    const ignored = await llmops(['monitor', 'chat.jsonl', '--format', 'summary', '--quiet', '--summary-out', 'whole.json'], {
      cwd: dir,
      env: {...env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    expect(ignored.exitCode).toBe(0)
    expect((JSON.parse(await readFile(path.join(dir, 'whole.json'), 'utf8')) as {shards: unknown}).shards).toBeNull()
  }, 60_000)

  it("the xargs recipe of docs/scale.md, run as written, gives the single run's verdict", async () => {
    const doc = await readFile(path.join(ROOT, 'docs', 'scale.md'), 'utf8')
    const recipe = /<!-- recipe: xargs -->\n```sh\n([\s\S]*?)```/.exec(doc)?.[1]
    expect(recipe).toBeDefined()
    const dir = await tempDir()
    await writeFile(path.join(dir, 'chat.jsonl'), generatedLog(500, 21))
    // `llmops` on PATH, as after an install.
    const shim = path.join(dir, 'bin', 'llmops')
    await execa('mkdir', ['-p', path.dirname(shim)])
    await writeFile(shim, `#!/bin/sh\nexec node ${JSON.stringify(BIN)} "$@"\n`)
    await chmod(shim, 0o755)
    const run = await execa('sh', ['-e', '-c', recipe ?? 'false'], {
      cwd: dir,
      reject: false,
      stripFinalNewline: false,
      env: {PATH: `${path.dirname(shim)}:${process.env.PATH}`, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    const single = await llmops(['monitor', 'chat.jsonl', '--fail-on', 'pii,secret', '--format', 'summary'], {cwd: dir})
    expect(run.exitCode).toBe(single.exitCode)
    const strip = (text: unknown): string => String(text).replace(/ in [\d.]+ m?s\b/, '')
    expect(strip(run.stdout)).toBe(strip(single.stdout))
  }, 60_000)
})
