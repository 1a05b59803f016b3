/**
 * The rollback use case: the branch procedure (branch/procedure.ts) with rollback's plan,
 * confirmation, write and output. The CLI command and tests call these functions; everything
 * they need from the outside world comes in through `io`.
 */
import {runListing, runProcedure, type AfterPlan, type ProcedureIo} from '../branch/procedure.js'
import {executeRollback} from './execute.js'
import {listRollbacks} from './list.js'
import {planRollback, type RollbackRequest} from './prepare.js'
import {formatBackupList, formatRollbackPlan, formatRollbackResult, rollbackMarkdown} from './text.js'
import type {BackupList, RollbackResult} from './types.js'

export type {ProcedureIo} from '../branch/procedure.js'
export type * from './types.js'

/** The command's flags: the planning request, plus what happens after the plan. */
export interface RollbackInvocation extends Omit<RollbackRequest, 'now' | 'env' | 'dryRun'>, AfterPlan {}

export async function runRollback(invocation: RollbackInvocation, io: ProcedureIo): Promise<RollbackResult> {
  return runProcedure(
    {
      plan: (git, context) => planRollback(git, {...invocation, ...context}),
      formatPlan: formatRollbackPlan,
      confirmation: (plan) => ({
        expected: plan.target.tag,
        // An undo's backup tag is 37 characters: at the prompt, the short sha it restores is enough.
        ...(plan.kind === 'undo' ? {typed: plan.target.sha.slice(0, 7)} : {}),
        action:
          plan.kind === 'undo'
            ? `restore ${plan.remote}/${plan.branch} from ${plan.target.tag}`
            : `roll back ${plan.remote}/${plan.branch} to ${plan.target.tag}`,
      }),
      execute: executeRollback,
      formatResult: formatRollbackResult,
      markdown: rollbackMarkdown,
      outputs: (result) => ({from_sha: result.current.sha, to_sha: result.target.sha, backup_tag: result.backup_tag}),
    },
    invocation,
    io,
  )
}

export async function runRollbackList(options: {branch: string; remote: string}, io: ProcedureIo): Promise<BackupList> {
  return runListing((git) => listRollbacks(git, options), formatBackupList, io)
}
