import {createHash} from 'node:crypto'
import path from 'node:path'

import picomatch from 'picomatch'

import {usageError} from '../errors.js'

/** What the gate needs from git (implemented in src/git.ts). */
export interface GitChanges {
  /** The repository's top-level directory. */
  root(): Promise<string>
  /** `git merge-base <ref> HEAD`; a usage error when the ref is unknown or history is too shallow. */
  mergeBase(ref: string): Promise<string>
  /** Files that differ between `base` and the working tree (committed or not), and untracked ones, relative to the root. */
  changedFiles(base: string): Promise<string[]>
  /** Every tracked file, relative to the root. */
  trackedFiles(): Promise<string[]>
  /** The file's bytes at `base`, or undefined when it did not exist there. */
  readAt(base: string, file: string): Promise<Buffer | undefined>
}

export const DEFAULT_GLOBS = ['**/*.jsonl', '**/*.jsonl.gz']

/** Lines are compared by a digest, so the base side costs 16 bytes a line, not the line. */
export const lineKey = (line: string): string => createHash('sha1').update(line.endsWith('\r') ? line.slice(0, -1) : line).digest('base64').slice(0, 22)

export interface Scope {
  /** Files to scan, relative to the working directory. */
  files: string[]
  /** The merge base, when scanning changes. */
  base?: string
  /** Per file (as given to the monitor): keys of the lines that were already there at the base. */
  unchanged: Map<string, Set<string>>
  /** Per file: the base side's text, for relative thresholds. */
  baseText: Map<string, Buffer>
}

const posix = (file: string): string => file.split(path.sep).join('/')

/**
 * Which records a PR adds: the changed JSONL files, and in each the lines that were not there at
 * `git merge-base <ref> HEAD` (read from git objects, no second checkout). A moved or unchanged
 * line is not scanned; a changed record is.
 */
export async function changedScope(
  git: GitChanges,
  options: {ref: string; globs: string[]; exclude: string[]; files: string[]; cwd: string; decode: (bytes: Buffer, file: string) => Promise<string>},
): Promise<Scope> {
  const root = await git.root()
  const base = await git.mergeBase(options.ref)
  const match = picomatch(options.globs, {dot: true, ignore: options.exclude})
  const wanted = new Set(options.files.map((f) => posix(path.relative(root, path.resolve(options.cwd, f)))))
  const changed = (await git.changedFiles(base)).filter((f) => match(f) && (wanted.size === 0 || wanted.has(f)))
  const scope: Scope = {files: [], base, unchanged: new Map(), baseText: new Map()}
  for (const file of changed.sort()) {
    const display = posix(path.relative(options.cwd, path.join(root, file))) || file
    scope.files.push(display)
    const before = await git.readAt(base, file)
    if (before === undefined) continue
    const text = await options.decode(before, file)
    scope.unchanged.set(display, new Set(text.split('\n').map(lineKey)))
    scope.baseText.set(display, before)
  }

  return scope
}

/** Without --changed-since and without files: every tracked file that matches the globs. */
export async function trackedScope(git: GitChanges, globs: string[], exclude: string[], cwd: string): Promise<string[]> {
  const root = await git.root()
  const match = picomatch(globs, {dot: true, ignore: exclude})
  const files = (await git.trackedFiles()).filter((f) => match(f))
  if (files.length === 0) throw usageError(`no file in the repository matches ${globs.join(', ')}`, 'E_INPUT_NOT_FOUND')
  return files.map((f) => posix(path.relative(cwd, path.join(root, f))))
}
