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
})
