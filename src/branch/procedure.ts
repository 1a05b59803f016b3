/**
 * The sequence every branch-moving command runs: plan -> show -> (dry run: stop) -> confirm ->
 * execute -> show -> publish to GitHub Actions; and the shorter one of --list. Release and
 * rollback say what each step is; everything the sequence needs from the outside world comes in
 * through `ProcedureIo`, so tests drive it as the CLI does.
 */
import {openGit, type Git} from '../git/index.js'
import {confirm, type Ask} from './confirm.js'
import {publishToActions} from './github.js'
import type {LocalOutcome} from './types.js'

export interface ProcedureIo {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Human output; absent in --json mode (the returned object is the output). */
  show?: ((text: string) => void) | undefined
  /** The terminal prompt; absent without a terminal, so only --confirm can consent. */
  ask?: Ask | undefined
  now?: (() => Date) | undefined
}

/** A plan, carried out or only shown (--dry-run). */
export type Outcome<Plan> = Plan & {status: 'dry_run' | 'done'; local_outcome?: LocalOutcome}

/** What happens after the plan, from the command's flags. */
export interface AfterPlan {
  dryRun: boolean
  /** The value of --confirm, if given. */
  confirm?: string | undefined
}

/** The steps of one branch-moving procedure. */
export interface BranchProcedure<Plan> {
  plan: (git: Git, context: {now: Date; env: NodeJS.ProcessEnv}) => Promise<Plan>
  formatPlan: (plan: Plan) => string
  /** What the user types (or passes as --confirm), and the change it describes in the prompt. */
  confirmation: (plan: Plan) => {expected: string; typed?: string; action: string}
  execute: (git: Git, plan: Plan) => Promise<Outcome<Plan>>
  formatResult: (result: Outcome<Plan>) => string
  /** The GitHub Actions job summary. */
  markdown: (result: Outcome<Plan>) => string
  /** The GitHub Actions step outputs once done (a dry run sets none). */
  outputs: (result: Outcome<Plan>) => Record<string, string>
}

export async function runProcedure<Plan>(procedure: BranchProcedure<Plan>, after: AfterPlan, io: ProcedureIo): Promise<Outcome<Plan>> {
  const git = await openGit({cwd: io.cwd, env: io.env})
  const plan = await procedure.plan(git, {now: io.now?.() ?? new Date(), env: io.env})
  io.show?.(procedure.formatPlan(plan))
  if (after.dryRun) {
    const result: Outcome<Plan> = {...plan, status: 'dry_run'}
    io.show?.(procedure.formatResult(result))
    await publishToActions(io.env, procedure.markdown(result), {})
    return result
  }

  const {expected, typed, action} = procedure.confirmation(plan)
  await confirm({expected, typed, given: after.confirm, ask: io.ask, action})
  const result = await procedure.execute(git, plan)
  io.show?.(procedure.formatResult(result))
  await publishToActions(io.env, procedure.markdown(result), procedure.outputs(result))
  return result
}

/** --list: read, show, return (the returned object is the --json output). */
export async function runListing<List>(list: (git: Git) => Promise<List>, format: (list: List) => string, io: ProcedureIo): Promise<List> {
  const listed = await list(await openGit({cwd: io.cwd, env: io.env}))
  io.show?.(format(listed))
  return listed
}
