import {readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {readProblem, writeProblem} from '../../src/io/fs-problem.js'
import {tempDir} from '../helpers.js'

/** The error a real read of `file` raises. */
async function readError(file: string): Promise<unknown> {
  return readFile(file).then(
    () => undefined,
    (error: unknown) => error,
  )
}

async function writeError(file: string): Promise<unknown> {
  return writeFile(file, 'x').then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('file-system errors in words', () => {
  it('names the problem of a real read, never the errno code or the path', async () => {
    const dir = await tempDir()
    const plain = path.join(dir, 'plain.jsonl')
    await writeFile(plain, '{}\n')
    await symlink(path.join(dir, 'b'), path.join(dir, 'a'))
    await symlink(path.join(dir, 'a'), path.join(dir, 'b'))
    const cases: Array<[string, string]> = [
      [path.join(dir, 'missing.jsonl'), 'not found'],
      [dir, 'is a directory, not a file'],
      [path.join(plain, 'x.jsonl'), 'not found: a part of its path is a file, not a directory'],
      [path.join(dir, 'n'.repeat(300)), 'cannot be opened: its name is too long'],
      [path.join(dir, 'a'), 'cannot be opened: its symbolic links form a loop'],
    ]
    for (const [file, words] of cases) {
      const problem = readProblem(await readError(file))
      expect(problem).toBe(words)
      expect(problem).not.toMatch(/\bE[A-Z]{3,}\b/)
    }
  })

  it('names the problem of a real write', async () => {
    const dir = await tempDir()
    expect(writeProblem(await writeError(path.join(dir, 'no', 'x.sarif')))).toBe('its directory does not exist')
    expect(writeProblem(await writeError(dir))).toBe('it is a directory')
  })

  it("keeps Node's words, without code, call or path, for an error it has no wording for", () => {
    const error = Object.assign(new Error("EXDEV: cross-device link not permitted, rename '/a' -> '/b'"), {code: 'EXDEV'})
    expect(readProblem(error)).toBe('cannot be read: cross-device link not permitted')
    expect(writeProblem(error)).toBe('cross-device link not permitted')
  })
})
