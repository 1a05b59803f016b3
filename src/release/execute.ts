/**
 * The write half of a release, after confirmation: the annotated tag, one atomic leased push of
 * branch and tag, then the local branch.
 */
import type {Git} from '../git.js'
import {moveLocalBranch} from '../branch/local-branch.js'
import {branchRefspecs, pushWithLease} from '../branch/push.js'
import {releaseMessage} from './plan.js'
import type {ReleasePlan, ReleaseResult} from './types.js'

export async function executeRelease(git: Git, plan: ReleasePlan): Promise<ReleaseResult> {
  const message = releaseMessage({tag: plan.tag, from: plan.from_branch, branch: plan.branch, mode: plan.mode, previous: plan.current.release, who: plan.who, at: plan.created_at})
  await git.createAnnotatedTag(plan.tag, plan.new_head, message)
  try {
    await pushWithLease(git, {remote: plan.remote, branch: plan.branch, expect: plan.current.sha, refspecs: branchRefspecs(plan.new_head, plan.branch, plan.tag)})
  } catch (error) {
    // The release did not happen: a local tag would make the next attempt fail with "tag exists".
    await git.deleteTag(plan.tag)
    throw error
  }

  const outcome = await moveLocalBranch(git, plan.local, plan.new_head, `llmops release ${plan.tag}`)
  const warnings = outcome.action === 'failed' ? [...plan.warnings, outcome.message] : plan.warnings
  return {...plan, status: 'done', local_outcome: outcome, warnings}
}
