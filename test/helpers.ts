import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {execa, type Options, type Result} from 'execa'
import {afterEach} from 'vitest'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const BIN = path.join(ROOT, 'bin', 'run.js')
export const FIXTURES = path.join(ROOT, 'test', 'fixtures')

const made: string[] = []

/** A fresh temporary directory, removed after the test. */
export async function tempDir(prefix = 'llmops-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, {recursive: true, force: true})))
})

/** Run the built CLI as a user would; never throws on a non-zero exit. */
export async function llmops(args: string[], options: Options = {}): Promise<Result> {
  return execa('node', [BIN, ...args], {
    reject: false,
    cwd: ROOT,
    env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', CI: '', GITHUB_ACTIONS: ''},
    extendEnv: true,
    stripFinalNewline: false,
    ...options,
  }) as Promise<Result>
}

/** Parse JSON Lines output into objects. */
export function jsonLines(text: unknown): Array<Record<string, unknown>> {
  return String(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
