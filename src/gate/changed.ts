import {lstat} from 'node:fs/promises'
import path from 'node:path'

import picomatch from 'picomatch'

import {usageError} from '../errors.js'

/** A file that differs from the base; `from` is its path at the base when git saw a rename. */
export interface ChangedFile {
  path: string
  from?: string
}

/** What the gate needs from git (implemented in gate/git-changes.ts). */
export interface GitChanges {
  /** The repository's top-level directory. */
  root(): Promise<string>
  /** `git merge-base <ref> HEAD`; a usage error when the ref is unknown or history is too shallow. */
  mergeBase(ref: string): Promise<string>
  /**
   * Files that differ between `base` and the commit `head` (renames found), from the root; without
   * `head`, between `base` and the working tree, untracked files included.
   */
  changedFiles(base: string, head?: string): Promise<ChangedFile[]>
  /** The commit HEAD points at; a usage error when there is none. */
  head(): Promise<string>
  /** Every file of a commit's tree, with its mode (`120000`: a symlink, `160000`: a submodule). */
  entries(commit: string): Promise<Map<string, string>>
  /** Every tracked file of the working tree, relative to the root. */
  trackedFiles(): Promise<string[]>
  /** A file's bytes as the commit holds them (no checkout filters), read on demand. */
  open(commit: string, file: string): AsyncIterable<Buffer>
  /** The file's bytes at `base`, or undefined when it did not exist there. */
  readAt(base: string, file: string): Promise<Buffer | undefined>
  /** The path names a file at the commit (a blob: not a directory, not a submodule). */
  existsAt(commit: string, file: string): Promise<boolean>
}

export interface Scope {
  /** The repository root: scanned files are named relative to it (stable fingerprints, SARIF uris). */
  root: string
  /** Files to scan, relative to the root. */
  files: string[]
  /** The merge base, when scanning changes. */
  base?: string
  /**
   * Per file (as named in `files`) that existed at the base: its path there (a renamed file's old
   * name). The base side is streamed from git when it is scanned, never held in memory.
   */
  baseFiles: Map<string, string>
  /** Reads a file as `base` holds it. */
  readBase?: (file: string) => AsyncIterable<Buffer>
  /** Named files that had nothing to scan, and why; changes left out. */
  notes: string[]
  /** The commit whose files are scanned (read from git objects); absent: the working tree. */
  head?: string
  /** Reads a scanned file as `head` holds it. */
  read?: (file: string) => AsyncIterable<Buffer>
}

const posix = (file: string): string => file.split(path.sep).join('/')

/** A log file must be a regular file in the repository: a symlink could point anywhere (/dev/zero). */
async function assertRegular(root: string, file: string, mode?: string): Promise<void> {
  const symlink = mode === undefined ? (await lstat(path.join(root, file)).catch(() => undefined))?.isSymbolicLink() : mode === '120000'
  if (symlink) throw usageError(`${file} is a symbolic link; the gate scans regular files only`, 'E_INPUT_SYMLINK')
}

function matcher(globs: readonly string[], exclude: string[]): (file: string) => boolean {
  // Log paths match in any case (new.JSONL is a log file too); exclusions only as written, so that
  // Test/Fixtures/ is not left out by an exclusion of test/fixtures/.
  const included = picomatch([...globs], {dot: true, nocase: true})
  const excluded = exclude.length === 0 ? () => false : picomatch(exclude, {dot: true})
  return (file) => included(file) && !excluded(file)
}

/** Files named on the command line or in the Action must exist and be log files; say when one had nothing to scan. */
async function checkNamed(
  exists: (file: string) => Promise<boolean>,
  wanted: Set<string>,
  match: (f: string) => boolean,
  scanned: Set<string>,
  notes: string[],
): Promise<void> {
  for (const file of wanted) {
    if (scanned.has(file)) continue
    if (!(await exists(file))) throw usageError(`input file ${file} not found`, 'E_INPUT_NOT_FOUND')
    if (!match(file)) throw usageError(`${file} is not a log file for the gate (gate.paths / gate.exclude in the config)`, 'E_INPUT_NOT_LOG')
    notes.push(`${file}: no change since the base`)
  }
}

export interface ScopeOptions {
  globs: readonly string[]
  exclude: string[]
  files: string[]
  cwd: string
  /** Scan the working tree (uncommitted changes, untracked files) instead of the committed HEAD. */
  uncommitted?: boolean
}

/** Where scanned files are read from: HEAD's blobs, or the working tree when asked. */
async function readFrom(
  git: GitChanges,
  root: string,
  uncommitted: boolean,
): Promise<{head?: string; entries?: Map<string, string>; read?: (file: string) => AsyncIterable<Buffer>; exists: (file: string) => Promise<boolean>}> {
  if (uncommitted)
    return {
      exists: async (file) =>
        lstat(path.join(root, file)).then(
          () => true,
          () => false,
        ),
    }
  const head = await git.head()
  const entries = await git.entries(head)
  return {head, entries, read: (file) => git.open(head, file), exists: async (file) => entries.has(file)}
}

/**
 * Which records a change adds: the changed JSONL files, and in each the lines that were not
 * there at `git merge-base <ref> HEAD`. Both sides are read from git objects: the base's blobs,
 * and HEAD's (not the working tree, which .gitattributes filters and encodings can change), unless
 * `uncommitted` asks for the working tree. A moved or unchanged line is not scanned; a changed
 * record is. Paths are relative to the repository root.
 */
export async function changedScope(git: GitChanges, options: ScopeOptions & {ref: string}): Promise<Scope> {
  const root = await git.root()
  const base = await git.mergeBase(options.ref)
  const match = matcher(options.globs, options.exclude)
  const wanted = new Set(options.files.map((f) => posix(path.relative(root, path.resolve(options.cwd, f)))))
  const source = await readFrom(git, root, options.uncommitted === true)
  const relevant = (f: ChangedFile): boolean => match(f.path) && (wanted.size === 0 || wanted.has(f.path))
  const changed = (await git.changedFiles(base, source.head)).filter((f) => relevant(f) && source.entries?.get(f.path) !== '160000')
  const scope: Scope = {
    root,
    files: [],
    base,
    baseFiles: new Map(),
    readBase: (file) => git.open(base, file),
    notes: [],
    head: source.head,
    read: source.read,
  }
  for (const {path: file, from} of changed.sort((a, b) => a.path.localeCompare(b.path))) {
    await assertRegular(root, file, source.entries?.get(file))
    scope.files.push(file)
    // A file moved in from a path the gate does not scan (an excluded fixture, a non-log file)
    // brings nothing the gate has seen: all of it is new.
    if (from !== undefined && !match(from)) continue
    if (await git.existsAt(base, from ?? file)) scope.baseFiles.set(file, from ?? file)
  }

  await checkNamed(source.exists, wanted, match, new Set(scope.files), scope.notes)
  if (source.head !== undefined) {
    // Say what is left out, so that a local run before a commit does not look clean by mistake.
    const committed = new Set(scope.files)
    const pending = (await git.changedFiles(base)).filter((f) => relevant(f) && !committed.has(f.path))
    if (pending.length > 0)
      scope.notes.push(
        `${pending.length} log file${pending.length === 1 ? '' : 's'} with uncommitted changes not scanned (the gate reads what is committed): ${pending
          .map((f) => f.path)
          .slice(0, 5)
          .join(', ')}${pending.length > 5 ? ', …' : ''}; commit them, or pass --uncommitted`,
      )
  }

  return scope
}

/** Without --changed-since and without files: every log file of HEAD (or of the working tree, when asked). */
export async function trackedScope(git: GitChanges, options: ScopeOptions): Promise<Scope> {
  const root = await git.root()
  const match = matcher(options.globs, options.exclude)
  const source = await readFrom(git, root, options.uncommitted === true)
  const all = source.entries === undefined ? await git.trackedFiles() : [...source.entries].filter(([, mode]) => mode !== '160000').map(([file]) => file)
  const files = all.filter((f) => match(f)).sort()
  if (files.length === 0) throw usageError(`no file in the repository matches ${options.globs.join(', ')}`, 'E_INPUT_NOT_FOUND')
  for (const file of files) await assertRegular(root, file, source.entries?.get(file))
  return {root, files, baseFiles: new Map(), notes: [], head: source.head, read: source.read}
}
