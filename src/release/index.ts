/**
 * The release use case: plan -> show -> confirm -> execute -> show, like rollback, whose checks,
 * confirmation and leased push it shares.
 */
import {openGit} from '../git.js'
import {formatReleaseList, formatReleasePlan, formatReleaseResult, releaseMarkdown} from '../report/release-text.js'
import {confirm} from '../branch/confirm.js'
import {publishToActions} from '../branch/github.js'
import type {ProcedureIo} from '../rollback/index.js'
import {executeRelease} from './execute.js'
import {listReleases} from './list.js'
import {planRelease, type ReleaseRequest} from './prepare.js'
import type {ReleaseList, ReleaseResult} from './types.js'

export type * from './types.js'

/** The command's flags: the planning request, plus what happens after the plan. */
export interface ReleaseInvocation extends Omit<ReleaseRequest, 'now' | 'env'> {
  dryRun: boolean
  confirm?: string | undefined
}

export async function runRelease(invocation: ReleaseInvocation, io: ProcedureIo): Promise<ReleaseResult> {
  const git = await openGit({cwd: io.cwd, env: io.env})
  const plan = await planRelease(git, {...invocation, now: io.now?.() ?? new Date(), env: io.env})
  io.show?.(formatReleasePlan(plan))
  if (invocation.dryRun) {
    const result: ReleaseResult = {...plan, status: 'dry_run'}
    io.show?.(formatReleaseResult(result))
    await publishToActions(io.env, releaseMarkdown(result), {})
    return result
  }

  await confirm({expected: plan.tag, given: invocation.confirm, ask: io.ask, action: `release ${plan.tag} to ${plan.remote}/${plan.branch}`})
  const result = await executeRelease(git, plan)
  io.show?.(formatReleaseResult(result))
  await publishToActions(io.env, releaseMarkdown(result), {tag: result.tag, from_sha: result.current.sha, to_sha: result.new_head})
  return result
}

export async function runReleaseList(options: {branch: string; remote: string}, io: ProcedureIo): Promise<ReleaseList> {
  const list = await listReleases(await openGit({cwd: io.cwd, env: io.env}), options)
  io.show?.(formatReleaseList(list))
  return list
}
