/**
 * The local repository checks every branch-moving procedure (rollback, undo, release) makes
 * before any write, after the names (ref-names.ts) and before the remote (remote.ts): a working
 * tree on a branch, nothing half-done, nothing uncommitted, full history. Each failure says what
 * to do.
 */
import type {Git} from '../git/index.js'
import {precondition} from './errors.js'
import {printable} from '../text/printable.js'

/**
 * The repository's git directory, or the one "not a git repository" failure (E_NOT_A_REPO, exit
 * 3) when `git.cwd` is not inside a working tree; `suggestions` say what to do next.
 */
export async function requireRepository(git: Git, suggestions: string[] = []): Promise<string> {
  const gitDir = await git.gitDir()
  if (gitDir === null) throw precondition(`${git.cwd} is not inside a git working tree`, 'E_NOT_A_REPO', suggestions)
  return gitDir
}

/**
 * A working tree on a branch, with nothing half-done, nothing uncommitted and full history. A
 * dry run only looks (`allowDirty`): uncommitted paths are returned for the plan to mention.
 */
export async function checkWorkspace(git: Git, options: {allowDirty?: boolean} = {}): Promise<{currentBranch: string; dirty: string[]}> {
  const gitDir = await requireRepository(git, ['Run llmops from a clone of the repository.'])

  const currentBranch = await git.currentBranch()
  if (currentBranch === null) {
    throw precondition('HEAD is detached: llmops needs to know which branch to leave you on', 'E_DETACHED_HEAD', [
      'git switch <branch> (e.g. git switch main), then run again.',
    ])
  }

  const operation = git.operationInProgress(gitDir)
  if (operation !== null) {
    throw precondition(`a ${operation} is in progress in this repository`, 'E_OPERATION_IN_PROGRESS', [
      `Finish or abort the ${operation} first (git status tells you how).`,
    ])
  }

  const dirty = await git.dirtyPaths()
  if (dirty.length > 0 && options.allowDirty !== true) {
    const shown =
      dirty
        .slice(0, 5)
        .map((p) => printable(p, 80))
        .join(', ') + (dirty.length > 5 ? ` and ${dirty.length - 5} more` : '')
    throw precondition(`the working tree is not clean: ${shown}`, 'E_DIRTY_TREE', [
      'Commit or stash your changes (git stash --include-untracked), or run from a fresh clone.',
    ])
  }

  if (await git.isShallow()) {
    throw precondition('this clone is shallow: the history needed to check ancestry is missing', 'E_SHALLOW', [
      'git fetch --unshallow (in GitHub Actions: actions/checkout with fetch-depth: 0).',
    ])
  }

  return {currentBranch, dirty}
}

/** The plan's word for a dry run from a working tree that a real run would refuse. */
export function dirtyTreeWarning(dirty: readonly string[]): string[] {
  if (dirty.length === 0) return []
  const shown =
    dirty
      .slice(0, 5)
      .map((p) => printable(p, 80))
      .join(', ') + (dirty.length > 5 ? ` and ${dirty.length - 5} more` : '')
  return [`the working tree is not clean (${shown}): this dry run shows the plan, a real run refuses until you commit or stash`]
}
