/**
 * Every git operation of llmops, and the only module that imports simple-git (lint enforces it).
 * A call is data: an argument list plus a small parser. Callers pass only validated ref names
 * and full shas, and simple-git's unsafe options stay off, so no value can become a git option.
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'

import type {SimpleGit, SimpleGitOptions} from 'simple-git'

import {usageError} from './errors.js'

export interface GitOutput {
  exitCode: number
  stdout: string
  stderr: string
}

/** A git command failed in a way its caller did not expect: an internal error, never success. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly output: GitOutput,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${output.exitCode}): ${firstLines(output.stderr || output.stdout)}`)
    this.name = 'GitCommandError'
  }
}

export function firstLines(text: string, count = 3): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('hint:')).slice(0, count).join(' / ')
}

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

/**
 * simple-git refuses to run when a variable that can make git execute a program (GIT_SSH,
 * EDITOR, PAGER...) is passed explicitly, and silently drops every other GIT_* variable. We drop
 * them all ourselves, except identity and the system-config switch, which cannot run anything.
 */
const PASS_THROUGH = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_CONFIG_NOSYSTEM', 'GIT_TERMINAL_PROMPT']
const GUARDED = /^(git_|editor$|visual$|pager$|prefix$|ssh_askpass$)/i

export function gitEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || (GUARDED.test(key) && !PASS_THROUGH.includes(key))) continue
    result[key] = value
  }

  // Messages we parse (push status, errors) must not be translated.
  return {...result, LC_ALL: 'C', LANGUAGE: 'C'}
}

type Factory = (options: Partial<SimpleGitOptions>) => SimpleGit
let loading: Promise<Factory> | undefined
const loadSimpleGit = async (): Promise<Factory> => (loading ??= import('simple-git').then((m) => m.simpleGit as Factory))

const RECORD = '\u001E'
const FIELD = '\u001F'
const COMMIT_FORMAT = '--format=%H%x1f%an%x1f%cI%x1f%s%x1e'
const TAG_FORMAT = '--format=%(refname:strip=2)%1f%(objecttype)%1f%(*objectname)%1f%(objectname)%1f%(creatordate:iso-strict)%1f%(taggername) %(taggeremail)%1f%(contents)%1e'

export async function openGit(options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<Git> {
  return new Git(await loadSimpleGit(), options.cwd, gitEnvironment(options.env ?? process.env))
}

export class Git {
  constructor(
    private readonly factory: Factory,
    readonly cwd: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Runs git; an exit code outside `ok` throws GitCommandError. */
  async run(args: string[], ok: readonly number[] = [0]): Promise<GitOutput> {
    let result: {exitCode: number; stdErr: Buffer[]} | undefined
    // A fresh instance per call: its error hook sees this call's exit code and stderr only.
    const git = this.factory({
      baseDir: this.cwd,
      allowEnvironment: PASS_THROUGH,
      errors(error, outcome) {
        result = outcome
        // A process that ran and exited is a result for our caller; a spawn failure stays an error.
        return outcome.exitCode >= 0 && outcome.exitCode < 256 ? undefined : error
      },
    }).env(this.env)
    const stdout = await git.raw(args)
    const output = {exitCode: result?.exitCode ?? 0, stdout, stderr: Buffer.concat(result?.stdErr ?? []).toString('utf8')}
    if (!ok.includes(output.exitCode)) throw new GitCommandError(args, output)
    return output
  }

  private async text(args: string[]): Promise<string> {
    return (await this.run(args)).stdout.trim()
  }

  async checkRefFormat(ref: string): Promise<boolean> {
    return (await this.run(['check-ref-format', ref], [0, 1])).exitCode === 0
  }

  /** The absolute git directory, or null outside a working tree (bare repositories included). */
  async gitDir(): Promise<string | null> {
    const inside = await this.run(['rev-parse', '--is-inside-work-tree'], [0, 128])
    if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') return null
    return this.text(['rev-parse', '--absolute-git-dir'])
  }

  /** The checked-out branch, or null when HEAD is detached. */
  async currentBranch(): Promise<string | null> {
    const out = await this.run(['symbolic-ref', '--quiet', 'HEAD'], [0, 1])
    const ref = out.stdout.trim()
    return out.exitCode === 0 && ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null
  }

  /** A merge, rebase, cherry-pick, revert or bisect left unfinished in this working tree. */
  operationInProgress(gitDir: string): string | null {
    const markers: Array<[string, string]> = [
      ['MERGE_HEAD', 'merge'], ['rebase-merge', 'rebase'], ['rebase-apply', 'rebase or am'],
      ['CHERRY_PICK_HEAD', 'cherry-pick'], ['REVERT_HEAD', 'revert'], ['BISECT_LOG', 'bisect'],
    ]
    return markers.find(([file]) => existsSync(path.join(gitDir, file)))?.[1] ?? null
  }

  /** Changed and untracked paths; --no-optional-locks keeps even the index untouched. */
  async dirtyPaths(): Promise<string[]> {
    const out = await this.run(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=normal'])
    const fields = out.stdout.split('\0')
    const paths: string[] = []
    for (let i = 0; i < fields.length; i++) {
      const entry = fields[i] ?? ''
      if (entry.length < 4) continue
      paths.push(entry.slice(3))
      if (/[RC]/.test(entry.slice(0, 2))) i++ // a rename or copy is followed by its source path
    }

    return paths
  }

  /** Every commit a ref has pointed at in this clone (its reflog); empty when it has none. */
  async reflog(ref: string): Promise<Set<string>> {
    const out = await this.run(['reflog', 'show', '--format=%H', ref, '--'], [0, 128])
    return new Set(out.exitCode === 0 ? out.stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)) : [])
  }

  async isShallow(): Promise<boolean> {
    return (await this.text(['rev-parse', '--is-shallow-repository'])) === 'true'
  }

  async remotes(): Promise<string[]> {
    return (await this.text(['remote'])).split('\n').filter(Boolean)
  }

  /** Fetches exactly these refspecs; never prunes, never writes FETCH_HEAD. */
  async fetch(remote: string, refspecs: string[]): Promise<GitOutput> {
    return this.run(['fetch', '--quiet', '--no-write-fetch-head', '--no-prune', '--no-recurse-submodules', remote, ...refspecs], [0, 1, 128])
  }

  /** What the remote says right now, for exactly these full ref names. */
  async lsRemote(remote: string, refs: string[]): Promise<{output: GitOutput; refs: Map<string, string>}> {
    const output = await this.run(['ls-remote', remote, ...refs], [0, 2, 128])
    const found = new Map<string, string>()
    for (const line of output.stdout.split('\n')) {
      const [sha, ref] = line.split('\t')
      if (sha && ref && refs.includes(ref)) found.set(ref, sha)
    }

    return {output, refs: found}
  }

  /** The commit a full ref name or sha points at, or null. */
  async resolveCommit(rev: string): Promise<string | null> {
    const out = await this.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], [0, 1, 128])
    return out.exitCode === 0 ? out.stdout.trim() : null
  }

  /**
   * Every ref a short name could mean (git's own lookup order: refs/NAME, tags, branches, remote
   * branches, and the same branch name on each remote), with the commit it points at.
   */
  async refCandidates(name: string): Promise<Array<{ref: string; sha: string}>> {
    if (name.startsWith('refs/')) return []
    const remotes = await this.remotes()
    const refs = [`refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`, ...remotes.map((r) => `refs/remotes/${r}/${name}`)]
    const found: Array<{ref: string; sha: string}> = []
    for (const ref of new Set(refs)) {
      const sha = await this.resolveCommit(ref)
      if (sha !== null) found.push({ref, sha})
    }

    return found
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.run(['merge-base', '--is-ancestor', ancestor, descendant], [0, 1])).exitCode === 0
  }

  /** Commits reachable from `to` but not from `from`, newest first. */
  async commitsBetween(from: string, to: string): Promise<CommitInfo[]> {
    return parseCommits((await this.run(['log', '--no-decorate', COMMIT_FORMAT, `${from}..${to}`])).stdout)
  }

  async commit(sha: string): Promise<CommitInfo> {
    const [commit] = parseCommits((await this.run(['log', '-1', '--no-decorate', COMMIT_FORMAT, sha])).stdout)
    if (!commit) throw new GitCommandError(['log', sha], {exitCode: 0, stdout: '', stderr: 'no such commit'})
    return commit
  }

  async countCommits(from: string, to: string): Promise<number> {
    return Number(await this.text(['rev-list', '--count', `${from}..${to}`]))
  }

  /** Tags under `refs/tags/<prefix>`, optionally reachable from `merged` and not from `noMerged`. */
  async tags(options: {prefix?: string; merged?: string; noMerged?: string} = {}): Promise<TagRef[]> {
    const filters = [options.merged && `--merged=${options.merged}`, options.noMerged && `--no-merged=${options.noMerged}`].filter((f) => typeof f === 'string')
    return parseTags((await this.run(['for-each-ref', TAG_FORMAT, ...filters, `refs/tags/${options.prefix ?? ''}`])).stdout)
  }

  /** `Name <email>` of whoever git records as the committer and tagger here, or null if unknown. */
  async identity(): Promise<string | null> {
    const out = await this.run(['var', 'GIT_COMMITTER_IDENT'], [0, 128])
    return out.exitCode === 0 ? out.stdout.trim().replace(/\s+\d+\s+[+-]\d{4}$/, '') : null
  }

  async createAnnotatedTag(name: string, sha: string, message: string): Promise<void> {
    await this.run(['tag', '--annotate', '--cleanup=whitespace', '--message', message, name, sha])
  }

  async deleteTag(name: string): Promise<void> {
    await this.run(['tag', '--delete', name], [0, 1])
  }

  /** One atomic push guarded by an explicit lease; the caller interprets the porcelain status. */
  async pushAtomic(remote: string, lease: {ref: string; expect: string}, refspecs: string[]): Promise<GitOutput> {
    return this.run(pushArguments(remote, lease, refspecs), [0, 1, 128])
  }

  /** Moves a branch that is not checked out, only if it still points where we saw it. */
  async updateBranch(branch: string, to: string, expect: string, reason: string): Promise<GitOutput> {
    return this.run(['update-ref', '-m', reason, `refs/heads/${branch}`, to, expect], [0, 1, 128])
  }

  /** Moves the checked-out branch; refuses (instead of overwriting) if a file is in the way. */
  async resetKeep(to: string): Promise<GitOutput> {
    return this.run(['reset', '--quiet', '--keep', to], [0, 1, 128])
  }

  /** The tree of merging `theirs` into `ours` without touching the working tree; null on conflict. */
  async mergeTree(ours: string, theirs: string): Promise<string | null> {
    const out = await this.run(['merge-tree', '--write-tree', '--no-messages', ours, theirs], [0, 1])
    return out.exitCode === 0 ? (out.stdout.split('\n')[0]?.trim() ?? null) : null
  }

  async commitTree(tree: string, parents: string[], message: string): Promise<string> {
    return this.text(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message])
  }

  async toplevel(): Promise<string | null> {
    const out = await this.run(['rev-parse', '--show-toplevel'], [0, 128])
    return out.exitCode === 0 ? out.stdout.trim() : null
  }

  /** The common ancestor of two commits, or null when history does not reach it (a shallow clone). */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const out = await this.run(['merge-base', a, b], [0, 1, 128])
    return out.exitCode === 0 ? out.stdout.trim() : null
  }

  /**
   * Paths (from the root) that differ between `base` and `head` (a commit), or the working tree
   * when `head` is absent, with renames; deletions left out.
   */
  async diffNames(base: string, head?: string): Promise<Array<{path: string; from?: string}>> {
    const range = head === undefined ? [base] : [base, head]
    const fields = nulSeparated((await this.run(['-c', 'core.quotepath=off', 'diff', '--name-status', '-z', '--find-renames', '--diff-filter=d', '--no-ext-diff', '--no-textconv', ...range, '--'])).stdout)
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
  }

  /** Tracked (or, with `untracked`, untracked and not ignored) paths from the root. */
  async listFiles(untracked = false): Promise<string[]> {
    return nulSeparated((await this.run(['ls-files', '-z', '--full-name', ...(untracked ? ['--others', '--exclude-standard'] : [])])).stdout)
  }

  /** Every file of a commit's tree with its mode (`100644`, `100755`, `120000` a symlink, `160000` a submodule). */
  async treeEntries(commit: string): Promise<Map<string, string>> {
    const entries = new Map<string, string>()
    for (const record of nulSeparated((await this.run(['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--full-tree', commit])).stdout)) {
      const tab = record.indexOf('\t')
      entries.set(record.slice(tab + 1), record.slice(0, record.indexOf(' ')))
    }

    return entries
  }

  /**
   * A blob's bytes as committed, streamed: no .gitattributes filter, smudge or encoding applies
   * (`git cat-file blob`), so what is read is what git holds, whatever a checkout would show.
   */
  blobStream(commit: string, file: string): NodeJS.ReadableStream {
    const child = spawn('git', ['cat-file', 'blob', `${commit}:${file}`], {cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('close', (code) => {
      if (code !== 0) child.stdout.destroy(new Error(`git cat-file failed for ${file} at ${commit.slice(0, 12)}: ${firstLines(stderr)}`))
    })
    return child.stdout
  }

  /** A file's bytes at a commit, unchanged (gzip stays gzip); undefined when it did not exist. */
  async readBlob(commit: string, file: string): Promise<Buffer | undefined> {
    const spec = `${commit}:${file}`
    if ((await this.run(['cat-file', '-e', spec], [0, 1, 128])).exitCode !== 0) return undefined
    const git = this.factory({baseDir: this.cwd, allowEnvironment: PASS_THROUGH}).env(this.env)
    return git.binaryCatFile(['blob', spec])
  }
}

const nulSeparated = (stdout: string): string[] => stdout.split('\0').filter((p) => p !== '')

/**
 * What the PII gate needs from git (see src/gate/changed.ts), for the repository around `cwd`.
 * Refs come from users and CI: a value that starts with "-" is refused before git sees it.
 */
export function gitChanges(cwd: string, env: NodeJS.ProcessEnv = process.env) {
  let opened: Promise<{git: Git; root: string}> | undefined
  const repo = async (): Promise<{git: Git; root: string}> => {
    opened ??= (async () => {
      const probe = await openGit({cwd, env})
      const root = await probe.toplevel()
      if (root === null) throw usageError(`--changed-since needs a git repository; ${cwd} is not in one`, 'E_NOT_A_REPO')
      return {git: await openGit({cwd: root, env}), root}
    })()
    return opened
  }

  return {
    root: async () => (await repo()).root,
    async mergeBase(ref: string): Promise<string> {
      const {git} = await repo()
      if (ref.startsWith('-') || ref.trim() === '') throw usageError(`--changed-since ${JSON.stringify(ref)}: not a ref`, 'E_USAGE')
      // A tag named like a branch (anyone who can push a tag can make one called main or
      // origin/main) would win git's short-name lookup and move the base to the change itself.
      const candidates = await git.refCandidates(ref)
      if (new Set(candidates.map((c) => c.sha)).size > 1) {
        throw usageError(`--changed-since ${ref} is ambiguous: ${candidates.map((c) => `${c.ref} (${c.sha.slice(0, 12)})`).join(', ')}`, 'E_USAGE', [
          'Name the branch in full (refs/remotes/origin/main), or give the base commit\'s sha.',
        ])
      }

      const commit = await git.resolveCommit(candidates[0]?.ref ?? ref)
      if (commit === null) {
        const hint = (await git.isShallow()) ? 'This clone is shallow: fetch the full history (actions/checkout with fetch-depth: 0).' : 'Fetch it first (git fetch origin main), or give a commit sha.'
        throw usageError(`--changed-since: unknown ref ${ref}`, 'E_USAGE', [hint])
      }
      const base = await git.mergeBase(commit, 'HEAD')
      if (base === null) {
        throw usageError(`--changed-since: ${ref} and HEAD have no common commit in this clone`, 'E_SHALLOW', ['Fetch the full history (actions/checkout with fetch-depth: 0).'])
      }

      return base
    },
    async changedFiles(base: string, head?: string): Promise<Array<{path: string; from?: string}>> {
      const {git} = await repo()
      const changed = await git.diffNames(base, head)
      if (head !== undefined) return changed
      // The working tree: untracked files count too.
      const known = new Set(changed.map((f) => f.path))
      return [...changed, ...(await git.listFiles(true)).filter((f) => !known.has(f)).map((f) => ({path: f}))]
    },
    async head(): Promise<string> {
      const {git} = await repo()
      const head = await git.resolveCommit('HEAD')
      if (head === null) throw usageError('the repository has no commit yet: there is nothing committed to scan', 'E_NOT_A_REPO', ['Commit the logs first, or pass --uncommitted to scan the working tree.'])
      return head
    },
    entries: async (commit: string) => (await repo()).git.treeEntries(commit),
    trackedFiles: async () => (await repo()).git.listFiles(),
    async *open(commit: string, file: string): AsyncGenerator<Buffer> {
      const {git} = await repo()
      yield* git.blobStream(commit, file) as AsyncIterable<Buffer>
    },
    readAt: async (base: string, file: string) => (await repo()).git.readBlob(base, file),
  }
}

export function pushArguments(remote: string, lease: {ref: string; expect: string}, refspecs: string[]): string[] {
  return ['push', '--porcelain', '--atomic', `--force-with-lease=${lease.ref}:${lease.expect}`, remote, ...refspecs]
}

/** Records end with \x1e (git adds a newline after each), fields are separated by \x1f. */
const records = (stdout: string): string[] =>
  stdout
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')

function parseCommits(stdout: string): CommitInfo[] {
  return records(stdout).map((record) => {
    const [sha = '', author = '', date = '', subject = ''] = record.split(FIELD)
    return {sha, author, date, subject}
  })
}

function parseTags(stdout: string): TagRef[] {
  return records(stdout).map((record) => {
    const [name = '', type = '', peeled = '', object = '', date = '', tagger = '', message = ''] = record.split(FIELD)
    const annotated = type === 'tag'
    return {name, sha: annotated ? peeled : object, annotated, date, tagger: annotated ? tagger.trim() : '', message: annotated ? message : ''}
  })
}
