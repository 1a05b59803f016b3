import {appendFile, rename, truncate, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {BIN, jsonLines, tempDir} from '../helpers.js'

const record = (id: string): string => JSON.stringify({id, user_query: 'q', bot_response: 'a', latency_ms: 10}) + '\n'

/** Wait until `predicate` holds, polling; fails the test after `ms`. */
async function until(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => {
      setTimeout(resolve, 50)
    })
  }
}

describe('llmops monitor --follow', () => {
  it('follows appends, truncation and rotation; Ctrl-C prints the summary and exits 130', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'live.jsonl')
    await writeFile(file, record('a1'))
    const child = execa('node', [BIN, 'monitor', '--follow', file], {reject: false, env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const ids = (): unknown[] => jsonLines(out).map((l) => l.interaction_id)

    await until(() => ids().length === 1, 'the existing line')
    await appendFile(file, record('a2') + record('a3').slice(0, 10))
    await until(() => ids().length === 2, 'an appended line')
    await appendFile(file, record('a3').slice(10))
    await until(() => ids().length === 3, 'a line written in two parts')

    await truncate(file, 0)
    await appendFile(file, record('t1'))
    await until(() => ids().includes('t1'), 'a line after truncation')

    await rename(file, `${file}.1`)
    await writeFile(file, record('r1'))
    await until(() => ids().includes('r1'), 'a line after rotation')

    child.kill('SIGINT')
    const result = await child
    expect(result.exitCode).toBe(130)
    expect(ids()).toEqual(['a1', 'a2', 'a3', 't1', 'r1'])
    expect(jsonLines(out).at(-1)).toMatchObject({interaction_id: 'r1', line: 1})
    expect(String(result.stderr)).toContain('5 records')
    expect(String(result.stderr)).toContain('interrupted')
    // No gate was asked for: a stopped follow is not a failed gate.
    expect(String(result.stderr)).not.toContain('FAILED')
  })

  it('--exit-on-first raises the alarm: the run ends by itself with exit 1 at the first leak', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'live.jsonl')
    await writeFile(file, record('c1'))
    const child = execa('node', [BIN, 'monitor', '--follow', file, '--fail-on', 'pii', '--exit-on-first'], {
      reject: false,
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
    })
    await until(() => jsonLines(out).length === 1, 'the clean line')
    await appendFile(file, record('c2'))
    await until(() => jsonLines(out).length === 2, 'a second clean line')
    await appendFile(file, JSON.stringify({id: 'leak', user_query: 'q', bot_response: 'mail planted.alarm@example.com'}) + '\n')
    const result = await Promise.race([
      child,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the run did not stop at the leak')), 15_000)),
    ])
    expect(result.exitCode).toBe(1)
    expect(jsonLines(out).map((r) => r.interaction_id)).toEqual(['c1', 'c2', 'leak'])
    expect(String(result.stderr)).toContain('Stopped at the first record that fails the gate (--exit-on-first)')
    expect(String(result.stderr)).toContain('Gate (--fail-on pii): FAILED: 1 pii')
    expect(`${out}${String(result.stderr)}`).not.toContain('planted.alarm@')
  }, 30_000)

  it('--exit-on-first needs a gate (exit 2) and also stops a plain file at its first failing record', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'log.jsonl')
    await writeFile(file, record('f1') + JSON.stringify({id: 'f2', user_query: 'q', bot_response: null}) + '\n' + record('f3'))
    const noGate = await execa('node', [BIN, 'monitor', file, '--exit-on-first'], {reject: false, env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    expect(noGate.exitCode).toBe(2)
    const stopped = await execa('node', [BIN, 'monitor', file, '--fail-on', 'error', '--exit-on-first', '--format', 'summary'], {
      reject: false,
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    expect(stopped.exitCode).toBe(1)
    expect(String(stopped.stderr)).toContain('--exit-on-first')
  })
})
