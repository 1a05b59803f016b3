import {createHash} from 'node:crypto'
import {lstat} from 'node:fs/promises'
import path from 'node:path'

import picomatch from 'picomatch'

import {usageError} from '../errors.js'

/** A file that differs from the base; `from` is its path at the base when git saw a rename. */
export interface ChangedFile {
  path: string
  from?: string
}

/** What the gate needs from git (implemented in src/git.ts). */
export interface GitChanges {
  /** The repository's top-level directory. */
  root(): Promise<string>
  /** `git merge-base <ref> HEAD`; a usage error when the ref is unknown or history is too shallow. */
  mergeBase(ref: string): Promise<string>
  /** Files that differ between `base` and the working tree (committed or not, renames found), and untracked ones, from the root. */
  changedFiles(base: string): Promise<ChangedFile[]>
  /** Every tracked file, relative to the root. */
  trackedFiles(): Promise<string[]>
  /** The file's bytes at `base`, or undefined when it did not exist there. */
  readAt(base: string, file: string): Promise<Buffer | undefined>
}

export const DEFAULT_GLOBS = ['**/*.jsonl', '**/*.jsonl.gz']

/** Lines are compared by a digest, so the base side costs 16 bytes a line, not the line. */
export const lineKey = (line: string): string => createHash('sha1').update(line.endsWith('\r') ? line.slice(0, -1) : line).digest('base64').slice(0, 22)

export interface Scope {
  /** The repository root: scanned files are named relative to it (stable fingerprints, SARIF uris). */
  root: string
  /** Files to scan, relative to the root. */
  files: string[]
  /** The merge base, when scanning changes. */
  base?: string
  /** Per file (as named in `files`): keys of the lines that were already there at the base. */
  unchanged: Map<string, Set<string>>
  /** Per file: the base side's bytes (renamed files under their new name). */
  baseText: Map<string, Buffer>
  /** Named files that had nothing to scan, and why. */
  notes: string[]
}

const posix = (file: string): string => file.split(path.sep).join('/')

/** A log file must be a regular file in the repository: a symlink could point anywhere (/dev/zero). */
async function assertRegular(root: string, file: string): Promise<void> {
  const info = await lstat(path.join(root, file)).catch(() => undefined)
  if (info?.isSymbolicLink()) throw usageError(`${file} is a symbolic link; the gate scans regular files only`, 'E_INPUT_SYMLINK')
}

function matcher(globs: string[], exclude: string[]): (file: string) => boolean {
  // Case-insensitive: new.JSONL is a log file too.
  return picomatch(globs, {dot: true, nocase: true, ignore: exclude})
}

/** Files named on the command line or in the Action must exist and be log files; say when one had nothing to scan. */
async function checkNamed(root: string, wanted: Set<string>, match: (f: string) => boolean, scanned: Set<string>, notes: string[]): Promise<void> {
  for (const file of wanted) {
    if (scanned.has(file)) continue
    const exists = await lstat(path.join(root, file)).then(() => true, () => false)
    if (!exists) throw usageError(`input file ${file} not found`, 'E_INPUT_NOT_FOUND')
    if (!match(file)) throw usageError(`${file} is not a log file for the gate (gate.paths / gate.exclude in the config)`, 'E_INPUT_NOT_LOG')
    notes.push(`${file}: no change since the base`)
  }
}

/**
 * Which records a PR adds: the changed JSONL files, and in each the lines that were not there at
 * `git merge-base <ref> HEAD` (read from git objects, no second checkout). A moved or unchanged
 * line is not scanned; a changed record is. Paths are relative to the repository root.
 */
export async function changedScope(
  git: GitChanges,
  options: {ref: string; globs: string[]; exclude: string[]; files: string[]; cwd: string; decode: (bytes: Buffer, file: string) => Promise<string>},
): Promise<Scope> {
  const root = await git.root()
  const base = await git.mergeBase(options.ref)
  const match = matcher(options.globs, options.exclude)
  const wanted = new Set(options.files.map((f) => posix(path.relative(root, path.resolve(options.cwd, f)))))
  const changed = (await git.changedFiles(base)).filter((f) => match(f.path) && (wanted.size === 0 || wanted.has(f.path)))
  const scope: Scope = {root, files: [], base, unchanged: new Map(), baseText: new Map(), notes: []}
  for (const {path: file, from} of changed.sort((a, b) => a.path.localeCompare(b.path))) {
    await assertRegular(root, file)
    scope.files.push(file)
    const before = await git.readAt(base, from ?? file)
    if (before === undefined) continue
    const text = await options.decode(before, from ?? file)
    scope.unchanged.set(file, new Set(text.split('\n').map(lineKey)))
    scope.baseText.set(file, before)
  }

  await checkNamed(root, wanted, match, new Set(scope.files), scope.notes)
  return scope
}

/** Without --changed-since and without files: every tracked file that matches the globs. */
export async function trackedScope(git: GitChanges, globs: string[], exclude: string[]): Promise<Scope> {
  const root = await git.root()
  const match = matcher(globs, exclude)
  const files = (await git.trackedFiles()).filter((f) => match(f))
  if (files.length === 0) throw usageError(`no file in the repository matches ${globs.join(', ')}`, 'E_INPUT_NOT_FOUND')
  for (const file of files) await assertRegular(root, file)
  return {root, files, unchanged: new Map(), baseText: new Map(), notes: []}
}
