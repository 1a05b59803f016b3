/**
 * The release use case: the branch procedure (branch/procedure.ts) with release's plan,
 * confirmation, write and output, like rollback.
 */
import {runListing, runProcedure, type AfterPlan, type ProcedureIo} from '../branch/procedure.js'
import {executeRelease} from './execute.js'
import {listReleases} from './list.js'
import {planRelease, type ReleaseRequest} from './prepare.js'
import {formatReleaseList, formatReleasePlan, formatReleaseResult, releaseMarkdown} from './text.js'
import type {ReleaseList, ReleaseResult} from './types.js'

export type {ProcedureIo} from '../branch/procedure.js'
export type * from './types.js'

/** The command's flags: the planning request, plus what happens after the plan. */
export interface ReleaseInvocation extends Omit<ReleaseRequest, 'now' | 'env' | 'dryRun'>, AfterPlan {}

export async function runRelease(invocation: ReleaseInvocation, io: ProcedureIo): Promise<ReleaseResult> {
  return runProcedure(
    {
      plan: (git, context) => planRelease(git, {...invocation, ...context}),
      formatPlan: formatReleasePlan,
      confirmation: (plan) => ({expected: plan.tag, action: `release ${plan.tag} to ${plan.remote}/${plan.branch}`}),
      execute: executeRelease,
      formatResult: formatReleaseResult,
      markdown: releaseMarkdown,
      outputs: (result) => ({tag: result.tag, from_sha: result.current.sha, to_sha: result.new_head}),
    },
    invocation,
    io,
  )
}

export async function runReleaseList(options: {branch: string; remote: string}, io: ProcedureIo): Promise<ReleaseList> {
  return runListing((git) => listReleases(git, options), formatReleaseList, io)
}
