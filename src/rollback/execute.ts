/**
 * The write half of a rollback, run only after confirmation: backup tag, one atomic leased push
 * of branch and tag, then the local branch. Either the remote gets both or neither.
 */
import type {Git} from '../git.js'
import {formatBackupMessage} from './backup-message.js'
import {moveLocalBranch} from '../branch/local-branch.js'
import {branchRefspecs, pushWithLease} from '../branch/push.js'
import type {RollbackPlan, RollbackResult} from './types.js'

export async function executeRollback(git: Git, plan: RollbackPlan): Promise<RollbackResult> {
  const message = formatBackupMessage({
    kind: plan.kind,
    branch: plan.branch,
    remote: plan.remote,
    from: {sha: plan.current.sha, label: plan.current.label},
    to: {sha: plan.target.sha, label: plan.kind === 'undo' ? plan.target.label : plan.target.tag},
    by: plan.who,
    at: plan.created_at,
    reason: plan.reason,
  })
  await git.createAnnotatedTag(plan.backup_tag, plan.current.sha, message)
  try {
    await pushWithLease(git, {remote: plan.remote, branch: plan.branch, expect: plan.current.sha, refspecs: branchRefspecs(plan.target.sha, plan.branch, plan.backup_tag)})
  } catch (error) {
    // Nothing happened on the remote: a local backup tag would be a record of a rollback that never was.
    await git.deleteTag(plan.backup_tag)
    throw error
  }

  const outcome = await moveLocalBranch(git, plan.local, plan.target.sha, `llmops ${plan.kind}: ${plan.current.label} -> ${plan.target.tag}`)
  const warnings = outcome.action === 'failed' ? [...plan.warnings, outcome.message] : plan.warnings
  return {...plan, status: 'done', local_outcome: outcome, warnings}
}
