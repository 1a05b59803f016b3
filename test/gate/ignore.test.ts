import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {LlmopsError} from '../../src/errors.js'
import {loadIgnores, writeBaseline} from '../../src/gate/ignore.js'
import type {FindingDetail} from '../../src/results/summary.js'
import {tempDir} from '../helpers.js'

const fp = (n: number): string => n.toString(16).padStart(32, '0')
const finding = (n: number): FindingDetail => ({
  type: 'EMAIL',
  category: 'pii',
  rule: 'pii.email',
  severity: 'high',
  field: 'bot_response',
  start: 0,
  end: 1,
  masked: 'j***@e***.com',
  fingerprint: fp(n),
  ignored: false,
  preexisting: false,
  file: 'logs/a.jsonl',
  line: n,
})

describe('the ignore file', () => {
  it('reads JSON Lines with comments and a JSON array; expired entries stop accepting', async () => {
    const cwd = await tempDir()
    await writeFile(
      path.join(cwd, '.llmopsignore'),
      `# accepted by the privacy team\n{"fingerprint":"${fp(1)}","reason":"ok","ticket":"PRIV-12"}\n{"fingerprint":"${fp(2)}","reason":"old","expires":"2020-01-31"}\n`,
    )
    const now = new Date('2026-01-01T00:00:00Z')
    const ignores = await loadIgnores(undefined, {cwd, now})
    expect(ignores.active.map((e) => e.fingerprint)).toEqual([fp(1)])
    expect(ignores.expired.map((e) => e.fingerprint)).toEqual([fp(2)])
    await writeFile(path.join(cwd, 'list.json'), JSON.stringify([{fingerprint: fp(3), reason: 'x', expires: '2026-01-01'}]))
    // an entry expiring today still accepts until the end of the day (UTC)
    expect((await loadIgnores('list.json', {cwd, now})).active).toHaveLength(1)
  })

  it.each([
    [{fingerprint: 'abc', reason: 'x'}, 'fingerprint'],
    [{fingerprint: fp(1), reason: ' '}, 'reason'],
    [{fingerprint: fp(1), reason: 'x', expires: '2026-02-30'}, 'expires'],
    [{fingerprint: fp(1), reason: 'x', expires: '1'}, 'expires'],
  ])('rejects %j naming the field (exit 2)', async (entry, field) => {
    const cwd = await tempDir()
    await writeFile(path.join(cwd, '.llmopsignore'), JSON.stringify(entry) + '\n')
    const error = await loadIgnores(undefined, {cwd}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmopsError)
    expect((error as LlmopsError).message).toContain(`entry 1: ${field}:`)
    expect((error as LlmopsError).exitCode).toBe(2)
  })

  it('writes a baseline that keeps the file as it was and adds only new fingerprints', async () => {
    const cwd = await tempDir()
    const original = `# accepted by the privacy team\n{"fingerprint":"${fp(1)}","reason":"ok","ticket":"PRIV-12"}\n`
    await writeFile(path.join(cwd, '.llmopsignore'), original)
    const existing = await loadIgnores(undefined, {cwd})
    const result = await writeBaseline(undefined, cwd, [finding(1), finding(2)], existing, new Date('2026-03-04T00:00:00Z'))
    expect(result).toMatchObject({added: 1, written: 2})
    const text = await readFile(path.join(cwd, '.llmopsignore'), 'utf8')
    expect(text.startsWith(original)).toBe(true)
    expect(text).toContain(`"fingerprint":"${fp(2)}","reason":"baseline of 2026-03-04: present before the gate"`)
  })
})
