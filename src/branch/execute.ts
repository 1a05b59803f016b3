/**
 * The write half that release and rollback share, run only after confirmation: an annotated tag
 * (the release tag, or the backup of the old head), one atomic leased push of the branch and that
 * tag, then the local branch. Either the remote gets both or neither.
 */
import type {Git} from '../git/index.js'
import {moveLocalBranch} from './local-branch.js'
import {branchRefspecs, pushWithLease} from './push.js'
import type {LocalOutcome, LocalPlan} from './types.js'

/** What a plan of either kind holds that the write needs. */
export interface MovablePlan {
  remote: string
  branch: string
  /** The remote head shown in the plan: the push lease. */
  current: {sha: string}
  local: LocalPlan
  warnings: string[]
}

export interface BranchMove {
  /** Where the branch goes. */
  newHead: string
  /** The annotated tag created here and pushed with the branch: its name, commit and message. */
  tag: {name: string; sha: string; message: string}
  /** The reflog message when the local branch is moved. */
  localReason: string
}

export async function executeBranchMove<P extends MovablePlan>(
  git: Git,
  plan: P,
  move: BranchMove,
): Promise<P & {status: 'done'; local_outcome: LocalOutcome}> {
  await git.createAnnotatedTag(move.tag.name, move.tag.sha, move.tag.message)
  try {
    await pushWithLease(git, {
      remote: plan.remote,
      branch: plan.branch,
      expect: plan.current.sha,
      refspecs: branchRefspecs(move.newHead, plan.branch, move.tag.name),
    })
  } catch (error) {
    // Nothing happened on the remote: a local tag would record a move that never was (and a
    // release tag left behind would make the next attempt fail with "tag exists").
    await git.deleteTag(move.tag.name)
    throw error
  }

  const outcome = await moveLocalBranch(git, plan.local, move.newHead, move.localReason)
  const warnings = outcome.action === 'failed' ? [...plan.warnings, outcome.message] : plan.warnings
  return {...plan, status: 'done', local_outcome: outcome, warnings}
}
