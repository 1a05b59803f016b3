/**
 * A repository, as the use cases call it: each method runs one command of commands.ts. Opened
 * with `openGit`; every call goes through the runner, so the environment filter and the exit-code
 * rules apply to all of them.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

import * as commands from './commands.js'
import type {CommitInfo, TagRef} from './commands.js'
import {GitCommandError, gitRunner, type GitCommand, type GitOutput, type GitRunner} from './run.js'

export async function openGit(options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<Git> {
  return new Git(await gitRunner(options))
}

export class Git {
  constructor(private readonly runner: GitRunner) {}

  get cwd(): string {
    return this.runner.cwd
  }

  /** Runs one command; an exit code outside its `ok` list throws GitCommandError. */
  run<T>(command: GitCommand<T>): Promise<T> {
    return this.runner.run(command)
  }

  checkRefFormat = (ref: string) => this.run(commands.checkRefFormat(ref))

  /** The absolute git directory, or null outside a working tree (bare repositories included). */
  async gitDir(): Promise<string | null> {
    return (await this.run(commands.isInsideWorkTree())) ? this.run(commands.absoluteGitDir()) : null
  }

  currentBranch = () => this.run(commands.currentBranch())

  /** A merge, rebase, cherry-pick, revert or bisect left unfinished in this working tree. */
  operationInProgress(gitDir: string): string | null {
    const markers: Array<[string, string]> = [
      ['MERGE_HEAD', 'merge'],
      ['rebase-merge', 'rebase'],
      ['rebase-apply', 'rebase or am'],
      ['CHERRY_PICK_HEAD', 'cherry-pick'],
      ['REVERT_HEAD', 'revert'],
      ['BISECT_LOG', 'bisect'],
    ]
    return markers.find(([file]) => existsSync(path.join(gitDir, file)))?.[1] ?? null
  }

  dirtyPaths = () => this.run(commands.dirtyPaths())
  reflog = (ref: string) => this.run(commands.reflog(ref))
  isShallow = () => this.run(commands.isShallow())
  remotes = () => this.run(commands.remotes())
  fetch = (remote: string, refspecs: string[]) => this.run(commands.fetch(remote, refspecs))
  lsRemote = (remote: string, refs: string[]) => this.run(commands.lsRemote(remote, refs))
  resolveCommit = (rev: string) => this.run(commands.resolveCommit(rev))

  /**
   * Every ref a short name could mean (git's own lookup order: refs/NAME, tags, branches, remote
   * branches, and the same branch name on each remote), with the commit it points at.
   */
  async refCandidates(name: string): Promise<Array<{ref: string; sha: string}>> {
    if (name.startsWith('refs/')) return []
    const remotes = await this.remotes()
    const refs = [
      `refs/${name}`,
      `refs/tags/${name}`,
      `refs/heads/${name}`,
      `refs/remotes/${name}`,
      `refs/remotes/${name}/HEAD`,
      ...remotes.map((r) => `refs/remotes/${r}/${name}`),
    ]
    const found: Array<{ref: string; sha: string}> = []
    for (const ref of new Set(refs)) {
      const sha = await this.resolveCommit(ref)
      if (sha !== null) found.push({ref, sha})
    }

    return found
  }

  isAncestor = (ancestor: string, descendant: string) => this.run(commands.isAncestor(ancestor, descendant))
  commitsBetween = (from: string, to: string) => this.run(commands.commitsBetween(from, to))

  async commit(sha: string): Promise<CommitInfo> {
    const commit = await this.run(commands.commit(sha))
    if (!commit) throw new GitCommandError(['log', sha], {exitCode: 0, stdout: '', stderr: 'no such commit'})
    return commit
  }

  countCommits = (from: string, to: string) => this.run(commands.countCommits(from, to))
  tags = (options: {prefix?: string; merged?: string; noMerged?: string} = {}): Promise<TagRef[]> => this.run(commands.tags(options))
  identity = () => this.run(commands.identity())
  createAnnotatedTag = (name: string, sha: string, message: string) => this.run(commands.createAnnotatedTag(name, sha, message))
  deleteTag = (name: string) => this.run(commands.deleteTag(name))
  pushAtomic = (remote: string, lease: {ref: string; expect: string}, refspecs: string[]) => this.run(commands.pushAtomic(remote, lease, refspecs))
  updateBranch = (branch: string, to: string, expect: string, reason: string) => this.run(commands.updateBranch(branch, to, expect, reason))
  resetKeep = (to: string) => this.run(commands.resetKeep(to))
  mergeTree = (ours: string, theirs: string) => this.run(commands.mergeTree(ours, theirs))
  commitTree = (tree: string, parents: string[], message: string) => this.run(commands.commitTree(tree, parents, message))
  toplevel = () => this.run(commands.toplevel())
  mergeBase = (a: string, b: string) => this.run(commands.mergeBase(a, b))
  diffNames = (base: string, head?: string) => this.run(commands.diffNames(base, head))
  listFiles = (untracked = false) => this.run(commands.listFiles(untracked))
  treeEntries = (commitSha: string) => this.run(commands.treeEntries(commitSha))

  /**
   * A blob's bytes as committed, streamed: no .gitattributes filter, smudge or encoding applies
   * (`git cat-file blob`), so what is read is what git holds, whatever a checkout would show.
   */
  blobStream(commitSha: string, file: string): NodeJS.ReadableStream {
    return this.runner.stream(['cat-file', 'blob', `${commitSha}:${file}`], `${file} at ${commitSha.slice(0, 12)}`)
  }

  /** The path names a file at the commit (a blob: not a directory, not a submodule). */
  blobExists = (commitSha: string, file: string) => this.run(commands.blobExists(`${commitSha}:${file}`))

  /** A file's bytes at a commit, unchanged (gzip stays gzip); undefined when it did not exist. */
  async readBlob(commitSha: string, file: string): Promise<Buffer | undefined> {
    if (!(await this.blobExists(commitSha, file))) return undefined
    const chunks: Buffer[] = []
    for await (const chunk of this.blobStream(commitSha, file) as AsyncIterable<Buffer>) chunks.push(chunk)
    return Buffer.concat(chunks)
  }
}

export type {GitOutput}
