import path from 'node:path'

import {parseIgnores} from './ignore.js'
import {DEFAULT_LOG_GLOBS} from '../config/schema.js'
import {changedScope, trackedScope, type Scope} from './changed.js'

/**
 * The inputs of a gate run: with --changed-since, the changed log files and the lines their base
 * side already had; in the Action without paths, every tracked log file.
 */
export async function gateScope(options: {
  changedSince?: string | undefined
  globs?: string[] | undefined
  exclude?: string[] | undefined
  files: string[]
  cwd: string
  allTracked: boolean
  /** Read the working tree instead of the committed HEAD. */
  uncommitted?: boolean | undefined
}): Promise<Scope | undefined> {
  if (options.changedSince === undefined && !options.allTracked) return undefined
  const {gitChanges} = await import('./git-changes.js')
  const git = gitChanges(options.cwd)
  const scopeOptions = {
    globs: options.globs ?? DEFAULT_LOG_GLOBS,
    exclude: options.exclude ?? [],
    files: options.files,
    cwd: options.cwd,
    uncommitted: options.uncommitted === true,
  }
  if (options.changedSince !== undefined) return changedScope(git, {...scopeOptions, ref: options.changedSince})
  return trackedScope(git, scopeOptions)
}

/**
 * The fingerprints the ignore file accepted at the base: its entries in force now, parsed as the
 * gate parses the file (a commented-out or expired entry accepted nothing). Entries a change
 * adds, revives or extends are shown to reviewers, since the change controls the file the gate reads.
 */
export async function ignoredAtBase(cwd: string, base: string, file: string): Promise<Set<string>> {
  const {gitChanges} = await import('./git-changes.js')
  const git = gitChanges(cwd)
  const root = await git.root()
  const relative = path.relative(root, file).split(path.sep).join('/')
  const bytes = relative.startsWith('..') ? undefined : await git.readAt(base, relative)
  if (bytes === undefined) return new Set()
  try {
    return new Set(parseIgnores(bytes.toString('utf8'), `${relative} at the base`).active.map((e) => e.fingerprint))
  } catch {
    // A broken file at the base accepted nothing there.
    return new Set()
  }
}
