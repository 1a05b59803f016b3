/**
 * The write half of a rollback, run only after confirmation: the backup tag of the current head,
 * with its audit record, pushed together with the branch (branch/execute.ts does the move).
 */
import {executeBranchMove} from '../branch/execute.js'
import type {Git} from '../git/index.js'
import {formatBackupMessage} from './backup-message.js'
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
  return executeBranchMove(git, plan, {
    newHead: plan.target.sha,
    tag: {name: plan.backup_tag, sha: plan.current.sha, message},
    localReason: `llmops ${plan.kind}: ${plan.current.label} -> ${plan.target.tag}`,
  })
}
