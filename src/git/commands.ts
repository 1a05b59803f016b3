/**
 * The git calls of llmops as data: each function returns the argument list, the exit codes that
 * are answers, and the parser of the output. Pure: nothing here runs git (see run.ts).
 */
import type {GitCommand, GitOutput} from './run.js'

export interface CommitInfo {
  sha: string
  author: string
  /** Committer date, ISO 8601. */
  date: string
  subject: string
}

export interface TagRef {
  name: string
  /** The commit the tag points at (peeled). */
  sha: string
  annotated: boolean
  /** Tagger date for annotated tags, commit date for lightweight ones (ISO 8601). */
  date: string
  tagger: string
  /** The full message of an annotated tag. */
  message: string
}

const RECORD = '\u001E'
const FIELD = '\u001F'
const COMMIT_FORMAT = '--format=%H%x1f%an%x1f%cI%x1f%s%x1e'
const TAG_FORMAT =
  '--format=%(refname:strip=2)%1f%(objecttype)%1f%(*objectname)%1f%(objectname)%1f%(creatordate:iso-strict)%1f%(taggername) %(taggeremail)%1f%(contents)%1e'

const output = (out: GitOutput): GitOutput => out
const text = (out: GitOutput): string => out.stdout.trim()
const succeeded = (out: GitOutput): boolean => out.exitCode === 0
const answer = (out: GitOutput): string | null => (out.exitCode === 0 ? out.stdout.trim() : null)
const nulSeparated = (stdout: string): string[] => stdout.split('\0').filter((p) => p !== '')

/** Records end with \x1e (git adds a newline after each), fields are separated by \x1f. */
const records = (stdout: string): string[] =>
  stdout
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')

export function parseCommits(stdout: string): CommitInfo[] {
  return records(stdout).map((record) => {
    const [sha = '', author = '', date = '', subject = ''] = record.split(FIELD)
    return {sha, author, date, subject}
  })
}

export function parseTags(stdout: string): TagRef[] {
  return records(stdout).map((record) => {
    const [name = '', type = '', peeled = '', object = '', date = '', tagger = '', message = ''] = record.split(FIELD)
    const annotated = type === 'tag'
    return {name, sha: annotated ? peeled : object, annotated, date, tagger: annotated ? tagger.trim() : '', message: annotated ? message : ''}
  })
}

export const checkRefFormat = (ref: string): GitCommand<boolean> => ({args: ['check-ref-format', ref], ok: [0, 1], parse: succeeded})

export const isInsideWorkTree = (): GitCommand<boolean> => ({
  args: ['rev-parse', '--is-inside-work-tree'],
  ok: [0, 128],
  parse: (out) => out.exitCode === 0 && out.stdout.trim() === 'true',
})

export const absoluteGitDir = (): GitCommand<string> => ({args: ['rev-parse', '--absolute-git-dir'], parse: text})

/** The checked-out branch, or null when HEAD is detached. */
export const currentBranch = (): GitCommand<string | null> => ({
  args: ['symbolic-ref', '--quiet', 'HEAD'],
  ok: [0, 1],
  parse(out) {
    const ref = out.stdout.trim()
    return out.exitCode === 0 && ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null
  },
})

/** Changed and untracked paths; --no-optional-locks keeps even the index untouched. */
export const dirtyPaths = (): GitCommand<string[]> => ({
  args: ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=normal'],
  parse(out) {
    const fields = out.stdout.split('\0')
    const paths: string[] = []
    for (let i = 0; i < fields.length; i++) {
      const entry = fields[i] ?? ''
      if (entry.length < 4) continue
      paths.push(entry.slice(3))
      if (/[RC]/.test(entry.slice(0, 2))) i++ // a rename or copy is followed by its source path
    }

    return paths
  },
})

/** Every commit a ref has pointed at in this clone (its reflog); empty when it has none. */
export const reflog = (ref: string): GitCommand<Set<string>> => ({
  args: ['reflog', 'show', '--format=%H', ref, '--'],
  ok: [0, 128],
  parse: (out) => new Set(out.exitCode === 0 ? out.stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)) : []),
})

export const isShallow = (): GitCommand<boolean> => ({args: ['rev-parse', '--is-shallow-repository'], parse: (out) => text(out) === 'true'})

export const remotes = (): GitCommand<string[]> => ({args: ['remote'], parse: (out) => text(out).split('\n').filter(Boolean)})

/** Fetches exactly these refspecs; never prunes, never writes FETCH_HEAD. */
export const fetch = (remote: string, refspecs: string[]): GitCommand<GitOutput> => ({
  args: ['fetch', '--quiet', '--no-write-fetch-head', '--no-prune', '--no-recurse-submodules', remote, ...refspecs],
  ok: [0, 1, 128],
  parse: output,
})

/** What the remote says right now, for exactly these full ref names. */
export const lsRemote = (remote: string, refs: string[]): GitCommand<{output: GitOutput; refs: Map<string, string>}> => ({
  args: ['ls-remote', remote, ...refs],
  ok: [0, 2, 128],
  parse(out) {
    const found = new Map<string, string>()
    for (const line of out.stdout.split('\n')) {
      const [sha, ref] = line.split('\t')
      if (sha && ref && refs.includes(ref)) found.set(ref, sha)
    }

    return {output: out, refs: found}
  },
})

/** The commit a full ref name or sha points at, or null. */
export const resolveCommit = (rev: string): GitCommand<string | null> => ({
  args: ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`],
  ok: [0, 1, 128],
  parse: answer,
})

export const isAncestor = (ancestor: string, descendant: string): GitCommand<boolean> => ({
  args: ['merge-base', '--is-ancestor', ancestor, descendant],
  ok: [0, 1],
  parse: succeeded,
})

/** Commits reachable from `to` but not from `from`, newest first. */
export const commitsBetween = (from: string, to: string): GitCommand<CommitInfo[]> => ({
  args: ['log', '--no-decorate', COMMIT_FORMAT, `${from}..${to}`],
  parse: (out) => parseCommits(out.stdout),
})

export const commit = (sha: string): GitCommand<CommitInfo | undefined> => ({
  args: ['log', '-1', '--no-decorate', COMMIT_FORMAT, sha],
  parse: (out) => parseCommits(out.stdout)[0],
})

export const countCommits = (from: string, to: string): GitCommand<number> => ({
  args: ['rev-list', '--count', `${from}..${to}`],
  parse: (out) => Number(text(out)),
})

/** Tags under `refs/tags/<prefix>`, optionally reachable from `merged` and not from `noMerged`. */
export const tags = (options: {prefix?: string; merged?: string; noMerged?: string} = {}): GitCommand<TagRef[]> => {
  const filters = [options.merged && `--merged=${options.merged}`, options.noMerged && `--no-merged=${options.noMerged}`].filter((f) => typeof f === 'string')
  return {args: ['for-each-ref', TAG_FORMAT, ...filters, `refs/tags/${options.prefix ?? ''}`], parse: (out) => parseTags(out.stdout)}
}

/** `Name <email>` of whoever git records as the committer and tagger here, or null if unknown. */
export const identity = (): GitCommand<string | null> => ({
  args: ['var', 'GIT_COMMITTER_IDENT'],
  ok: [0, 128],
  parse: (out) => (out.exitCode === 0 ? out.stdout.trim().replace(/\s+\d+\s+[+-]\d{4}$/, '') : null),
})

export const createAnnotatedTag = (name: string, sha: string, message: string): GitCommand<void> => ({
  args: ['tag', '--annotate', '--cleanup=whitespace', '--message', message, name, sha],
  parse: () => undefined,
})

export const deleteTag = (name: string): GitCommand<void> => ({args: ['tag', '--delete', name], ok: [0, 1], parse: () => undefined})

export function pushArguments(remote: string, lease: {ref: string; expect: string}, refspecs: string[]): string[] {
  return ['push', '--porcelain', '--atomic', `--force-with-lease=${lease.ref}:${lease.expect}`, remote, ...refspecs]
}

/** One atomic push guarded by an explicit lease; the caller interprets the porcelain status. */
export const pushAtomic = (remote: string, lease: {ref: string; expect: string}, refspecs: string[]): GitCommand<GitOutput> => ({
  args: pushArguments(remote, lease, refspecs),
  ok: [0, 1, 128],
  parse: output,
})

/** Moves a branch that is not checked out, only if it still points where we saw it. */
export const updateBranch = (branch: string, to: string, expect: string, reason: string): GitCommand<GitOutput> => ({
  args: ['update-ref', '-m', reason, `refs/heads/${branch}`, to, expect],
  ok: [0, 1, 128],
  parse: output,
})

/** Moves the checked-out branch; refuses (instead of overwriting) if a file is in the way. */
export const resetKeep = (to: string): GitCommand<GitOutput> => ({args: ['reset', '--quiet', '--keep', to], ok: [0, 1, 128], parse: output})

/** The tree of merging `theirs` into `ours` without touching the working tree; null on conflict. */
export const mergeTree = (ours: string, theirs: string): GitCommand<string | null> => ({
  args: ['merge-tree', '--write-tree', '--no-messages', ours, theirs],
  ok: [0, 1],
  parse: (out) => (out.exitCode === 0 ? (out.stdout.split('\n')[0]?.trim() ?? null) : null),
})

export const commitTree = (tree: string, parents: string[], message: string): GitCommand<string> => ({
  args: ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message],
  parse: text,
})

export const toplevel = (): GitCommand<string | null> => ({args: ['rev-parse', '--show-toplevel'], ok: [0, 128], parse: answer})

/** The common ancestor of two commits, or null when history does not reach it (a shallow clone). */
export const mergeBase = (a: string, b: string): GitCommand<string | null> => ({args: ['merge-base', a, b], ok: [0, 1, 128], parse: answer})

/**
 * Paths (from the root) that differ between `base` and `head` (a commit), or the working tree
 * when `head` is absent, with renames; deletions left out.
 */
export const diffNames = (base: string, head?: string): GitCommand<Array<{path: string; from?: string}>> => ({
  args: [
    '-c',
    'core.quotepath=off',
    'diff',
    '--name-status',
    '-z',
    '--find-renames',
    '--diff-filter=d',
    '--no-ext-diff',
    '--no-textconv',
    ...(head === undefined ? [base] : [base, head]),
    '--',
  ],
  parse(out) {
    const fields = nulSeparated(out.stdout)
    const files: Array<{path: string; from?: string}> = []
    for (let i = 0; i < fields.length; i++) {
      const status = fields[i] ?? ''
      if (/^[RC]/.test(status)) {
        files.push({from: fields[i + 1] ?? '', path: fields[i + 2] ?? ''})
        i += 2
      } else {
        files.push({path: fields[i + 1] ?? ''})
        i += 1
      }
    }

    return files
  },
})

/** Tracked (or, with `untracked`, untracked and not ignored) paths from the root. */
export const listFiles = (untracked = false): GitCommand<string[]> => ({
  args: ['ls-files', '-z', '--full-name', ...(untracked ? ['--others', '--exclude-standard'] : [])],
  parse: (out) => nulSeparated(out.stdout),
})

/** Every file of a commit's tree with its mode (`100644`, `100755`, `120000` a symlink, `160000` a submodule). */
export const treeEntries = (commitSha: string): GitCommand<Map<string, string>> => ({
  args: ['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--full-tree', commitSha],
  parse(out) {
    const entries = new Map<string, string>()
    for (const record of nulSeparated(out.stdout)) {
      const tab = record.indexOf('\t')
      entries.set(record.slice(tab + 1), record.slice(0, record.indexOf(' ')))
    }

    return entries
  },
})

/**
 * Whether `commit:file` names a blob: not a tree (a directory then), not a submodule's commit,
 * not a missing object. Only a blob can be read as a file's bytes.
 */
export const blobExists = (spec: string): GitCommand<boolean> => ({
  args: ['cat-file', '-t', spec],
  ok: [0, 1, 128],
  parse: (out) => out.exitCode === 0 && out.stdout.trim() === 'blob',
})
