import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {llmops, ROOT} from '../helpers.js'
import {reachableExitCodes} from '../support/reachable-exit-codes.js'

/** The codes listed under EXIT CODES in a command's --help. */
async function listedCodes(id: string): Promise<number[]> {
  const help = await llmops([...id.split(' '), '--help'])
  expect(help.exitCode).toBe(0)
  // The section ends at the first blank line; long meanings wrap onto lines without a code.
  const section = /^ {2}EXIT CODES\n([\s\S]*?)\n\n/m.exec(String(help.stdout))?.[1] ?? ''
  return [...section.matchAll(/^ {2}(\d+) {2,}/gm)].map((m) => Number(m[1]))
}

// Every command can succeed (0), refuse a bad flag or input (2) and fail closed on a bug (70).
const ALWAYS = [0, 2, 70]

describe.each([
  ['monitor', 'monitor.ts', [0, 1, 2, 3, 70, 130]],
  ['monitor merge', 'monitor/merge.ts', [0, 1, 2, 70]],
  // Ctrl-C at one of its questions: nothing saved, exit 6 as at every prompt.
  ['feedback', 'feedback/index.ts', [0, 2, 6, 70]],
  ['feedback list', 'feedback/list.ts', ALWAYS],
  ['feedback stats', 'feedback/stats.ts', ALWAYS],
  ['feedback export', 'feedback/export.ts', ALWAYS],
  ['release', 'release.ts', [0, 2, 3, 4, 5, 6, 7, 70]],
  ['rollback', 'rollback.ts', [0, 2, 3, 4, 5, 6, 7, 70]],
  ['init', 'init.ts', [0, 2, 3, 4, 5, 6, 7, 70]],
])('llmops %s --help', (id, file, expected) => {
  it('lists exactly the exit codes the code it runs can return', async () => {
    const reachable = [...new Set([...ALWAYS, ...reachableExitCodes(path.join(ROOT, 'src', 'commands', file))])].sort((a, b) => a - b)
    expect(reachable).toEqual(expected)
    expect(await listedCodes(id)).toEqual(expected)
  })
})

describe('per-command exit codes', () => {
  it('feedback never lists the git codes; release and rollback never list a failed gate or an interrupted monitor', async () => {
    for (const id of ['feedback', 'feedback list']) for (const code of [1, 3, 4, 5, 7, 130]) expect(await listedCodes(id)).not.toContain(code)
    expect(await listedCodes('feedback list')).not.toContain(6)
    for (const id of ['release', 'rollback']) for (const code of [1, 130]) expect(await listedCodes(id)).not.toContain(code)
  })
})
