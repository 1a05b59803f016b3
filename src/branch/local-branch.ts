/**
 * The user's own copy of the branch being moved: whether it can follow the remote (planned before
 * anything is written) and moving it after the push. It must hold nothing the remote lacks, and
 * a failure to move it once the remote is updated is a warning, not an error.
 */
import {firstLines, type Git} from '../git/index.js'
import {precondition} from './errors.js'
import {refFor} from './ref-names.js'
import type {LocalOutcome, LocalPlan} from './types.js'

/**
 * Whether the local branch can follow the remote. It must hold nothing the remote lacks:
 * moving it would otherwise drop local work, so that is a precondition failure, not a surprise.
 */
export async function planLocal(
  git: Git,
  options: {branch: string; remote: string; remoteHead: string; currentBranch: string; enabled: boolean},
): Promise<LocalPlan> {
  const {branch, remote, remoteHead, currentBranch} = options
  const sha = await git.resolveCommit(refFor.branch(branch))
  const checkedOut = currentBranch === branch
  if (!options.enabled) return {branch, action: 'skip', why: '--no-local: only the remote is updated', checked_out: checkedOut, sha}
  if (sha === null) return {branch, action: 'skip', why: `there is no local branch "${branch}"`, checked_out: false, sha}
  if (sha !== remoteHead && !(await git.isAncestor(sha, remoteHead))) {
    throw precondition(`your local ${branch} has commits that are not on ${remote}/${branch}`, 'E_LOCAL_AHEAD', [
      `Push or move them first (git log ${remote}/${branch}..${branch}), or pass --no-local to update only the remote.`,
    ])
  }

  return {branch, action: 'move', why: checkedOut ? 'checked out: moved with git reset --keep' : 'moved with git update-ref', checked_out: checkedOut, sha}
}

/** Moves the local branch after a successful push; a failure here is a warning, not an error. */
export async function moveLocalBranch(git: Git, local: LocalPlan, to: string, reason: string): Promise<LocalOutcome> {
  if (local.action === 'skip' || local.sha === null) return {action: 'skipped', message: `local ${local.branch} not changed: ${local.why}`}
  if (local.sha === to) return {action: 'moved', message: `local ${local.branch} already at ${to.slice(0, 7)}`}
  const output = local.checked_out ? await git.resetKeep(to) : await git.updateBranch(local.branch, to, local.sha, reason)
  if (output.exitCode === 0) return {action: 'moved', message: `local ${local.branch} moved to ${to.slice(0, 7)}`}
  const how = local.checked_out ? `git reset --keep ${to}` : `git branch --force ${local.branch} ${to}`
  return {action: 'failed', message: `the remote is updated, but local ${local.branch} could not be moved (${firstLines(output.stderr)}); run: ${how}`}
}
