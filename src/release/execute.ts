/**
 * The write half of a release, after confirmation: the annotated release tag on the new head,
 * pushed together with the branch (branch/execute.ts does the move).
 */
import {executeBranchMove} from '../branch/execute.js'
import type {Git} from '../git/index.js'
import {releaseMessage} from './plan.js'
import type {ReleasePlan, ReleaseResult} from './types.js'

export async function executeRelease(git: Git, plan: ReleasePlan): Promise<ReleaseResult> {
  const message = releaseMessage({
    tag: plan.tag,
    from: plan.from_branch,
    branch: plan.branch,
    mode: plan.mode,
    previous: plan.current.release,
    who: plan.who,
    at: plan.created_at,
  })
  return executeBranchMove(git, plan, {
    newHead: plan.new_head,
    tag: {name: plan.tag, sha: plan.new_head, message},
    localReason: `llmops release ${plan.tag}`,
  })
}
