/**
 * The rollback use case: plan -> show -> confirm -> execute -> show. The CLI command and tests
 * call these functions; everything they need from the outside world comes in through `io`.
 */
import {openGit} from '../git.js'
import {formatBackupList, formatRollbackPlan, formatRollbackResult, rollbackMarkdown} from '../report/rollback-text.js'
import {confirm, type Ask} from '../branch/confirm.js'
import {executeRollback} from './execute.js'
import {publishToActions} from '../branch/github.js'
import {listRollbacks} from './list.js'
import {planRollback, type RollbackRequest} from './prepare.js'
import type {BackupList, RollbackResult} from './types.js'

export {terminalAsk, type Ask} from '../branch/confirm.js'
export type * from './types.js'

export interface ProcedureIo {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Human output; absent in --json mode (the returned object is the output). */
  show?: ((text: string) => void) | undefined
  /** The terminal prompt; absent without a terminal, so only --confirm can consent. */
  ask?: Ask | undefined
  now?: (() => Date) | undefined
}

/** The command's flags: the planning request, plus what happens after the plan. */
export interface RollbackInvocation extends Omit<RollbackRequest, 'now' | 'env'> {
  dryRun: boolean
  confirm?: string | undefined
}

export async function runRollback(invocation: RollbackInvocation, io: ProcedureIo): Promise<RollbackResult> {
  const git = await openGit({cwd: io.cwd, env: io.env})
  const plan = await planRollback(git, {...invocation, now: io.now?.() ?? new Date(), env: io.env})
  io.show?.(formatRollbackPlan(plan))
  if (invocation.dryRun) {
    const result: RollbackResult = {...plan, status: 'dry_run'}
    io.show?.(formatRollbackResult(result))
    await publishToActions(io.env, rollbackMarkdown(result), {})
    return result
  }

  const action = plan.kind === 'undo' ? `restore ${plan.remote}/${plan.branch} from ${plan.target.tag}` : `roll back ${plan.remote}/${plan.branch} to ${plan.target.tag}`
  await confirm({expected: plan.target.tag, given: invocation.confirm, ask: io.ask, action})
  const result = await executeRollback(git, plan)
  io.show?.(formatRollbackResult(result))
  await publishToActions(io.env, rollbackMarkdown(result), {from_sha: result.current.sha, to_sha: result.target.sha, backup_tag: result.backup_tag})
  return result
}

export async function runRollbackList(options: {branch: string; remote: string}, io: ProcedureIo): Promise<BackupList> {
  const list = await listRollbacks(await openGit({cwd: io.cwd, env: io.env}), options)
  io.show?.(formatBackupList(list))
  return list
}
