/**
 * The checks every branch-moving procedure (rollback, undo, release) makes before any write, in
 * this order: names, then the local repository, then the remote. Each failure says what to do.
 */
import {precondition} from '../branch/errors.js'
import {LlmopsError} from '../errors.js'
import {firstLines, type Git} from '../git.js'
import {assertSafeName, printable, refFor} from '../branch/ref-names.js'

const noRemoteBranch = (remote: string, branch: string): LlmopsError =>
  precondition(`${remote} has no branch "${branch}"`, 'E_NO_REMOTE_BRANCH', [`git ls-remote --heads ${remote} lists its branches; pass the right one with --branch.`])

export type NameKind = keyof typeof refFor

/** Usage error (exit 2) for any value git would not accept as that kind of name. */
export async function checkNames(git: Git, names: Array<{flag: string; kind: NameKind; value: string}>): Promise<void> {
  for (const {flag, value} of names) assertSafeName(flag, value)
  for (const {flag, kind, value} of names) {
    if (!(await git.checkRefFormat(refFor[kind](value)))) {
      throw new LlmopsError(`${flag} "${printable(value)}" is not a valid git ${kind} name`, {
        code: 'E_BAD_REF_NAME',
        suggestions: ['See `git check-ref-format --help` for the rules.'],
      })
    }
  }
}

/** A working tree on a branch, with nothing half-done, nothing uncommitted and full history. */
export async function checkWorkspace(git: Git): Promise<{currentBranch: string}> {
  const gitDir = await git.gitDir()
  if (gitDir === null) {
    throw precondition(`${git.cwd} is not inside a git working tree`, 'E_NOT_A_REPO', ['Run llmops from a clone of the repository.'])
  }

  const currentBranch = await git.currentBranch()
  if (currentBranch === null) {
    throw precondition('HEAD is detached: llmops needs to know which branch to leave you on', 'E_DETACHED_HEAD', ['git switch <branch> (e.g. git switch main), then run again.'])
  }

  const operation = git.operationInProgress(gitDir)
  if (operation !== null) {
    throw precondition(`a ${operation} is in progress in this repository`, 'E_OPERATION_IN_PROGRESS', [`Finish or abort the ${operation} first (git status tells you how).`])
  }

  const dirty = await git.dirtyPaths()
  if (dirty.length > 0) {
    const shown = dirty.slice(0, 5).map(printable).join(', ') + (dirty.length > 5 ? ` and ${dirty.length - 5} more` : '')
    throw precondition(`the working tree is not clean: ${shown}`, 'E_DIRTY_TREE', ['Commit or stash your changes (git stash --include-untracked), or run from a fresh clone.'])
  }

  if (await git.isShallow()) {
    throw precondition('this clone is shallow: the history needed to check ancestry is missing', 'E_SHALLOW', ['git fetch --unshallow (in GitHub Actions: actions/checkout with fetch-depth: 0).'])
  }

  return {currentBranch}
}

/**
 * Fetches the branches and all tags, then asks the remote directly (ls-remote) for the same
 * branches: the head we plan from is the remote's real head, not a stale tracking ref. Returns
 * the remote heads; `extraRefs` are looked up too (absent ones are missing from the map).
 */
export async function syncRemote(git: Git, remote: string, branches: string[], extraRefs: string[] = []): Promise<Map<string, string>> {
  if (!(await git.remotes()).includes(remote)) {
    throw precondition(`there is no remote named "${remote}"`, 'E_NO_REMOTE', ['git remote -v lists the remotes; pass the right one with --remote.'])
  }

  const refspecs = [...branches.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`), 'refs/tags/*:refs/tags/*']
  const fetched = await git.fetch(remote, refspecs)
  if (fetched.exitCode !== 0) {
    const missing = /couldn't find remote ref refs\/heads\/(\S+)/.exec(fetched.stderr)?.[1]
    if (missing !== undefined) throw noRemoteBranch(remote, missing)
    const clobber = /would clobber existing tag/.test(fetched.stderr)
    throw precondition(`could not fetch from ${remote}: ${firstLines(fetched.stderr)}`, 'E_FETCH_FAILED', [
      clobber ? 'A local tag differs from the remote tag of the same name: compare with git ls-remote --tags and delete or rename yours.' : 'Check the network and your access to the remote, then run again.',
    ])
  }

  const listed = await git.lsRemote(remote, [...branches.map(refFor.branch), ...extraRefs])
  if (listed.output.exitCode !== 0 && listed.output.exitCode !== 2) {
    throw precondition(`could not list the refs of ${remote}: ${firstLines(listed.output.stderr)}`, 'E_LS_REMOTE_FAILED')
  }

  for (const branch of branches) {
    const remoteHead = listed.refs.get(refFor.branch(branch))
    if (remoteHead === undefined) throw noRemoteBranch(remote, branch)

    const tracking = await git.resolveCommit(`refs/remotes/${remote}/${branch}`)
    if (tracking !== remoteHead) {
      throw new LlmopsError(`${remote}/${branch} moved while llmops was reading it (fetched ${tracking?.slice(0, 7) ?? 'nothing'}, now ${remoteHead.slice(0, 7)})`, {
        code: 'E_REMOTE_MOVED',
        suggestions: ['Someone is pushing right now: wait a moment and run again to see the new plan.'],
      })
    }
  }

  return listed.refs
}

/** Who is doing this, for the audit trail: git's identity, plus the GitHub actor under Actions. */
export async function whoAmI(git: Git, env: NodeJS.ProcessEnv): Promise<string> {
  const identity = await git.identity()
  if (identity === null) {
    throw precondition('git does not know who you are, and the audit record needs a name', 'E_NO_IDENTITY', [
      'git config user.name "Your Name" && git config user.email you@example.com',
    ])
  }

  const actor = env.GITHUB_ACTIONS === 'true' ? env.GITHUB_ACTOR : undefined
  const run = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `, ${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : ''
  return actor ? `${identity} (GitHub Actions, actor ${actor}${run})` : identity
}
