/**
 * The init use case: set up a repository that holds chatbot logs for the PII gate (config,
 * ignore file, pull-request workflow) and, on request, create its release branch on the remote.
 * Read -> plan -> (dry run: stop) -> refuse or confirm -> write: nothing is written when a file
 * would be overwritten without --force or the release branch is not confirmed.
 */
import {openGit} from '../git/index.js'
import {requireRepository} from '../branch/workspace.js'
import type {Ask} from '../branch/confirm.js'
import {initFiles} from './files.js'
import {createStable, planStable, stablePlanText, type StableRequest} from './stable.js'
import type {InitOptions, InitResult, StableOutcome} from './types.js'
import {checkOverwrites, fileOutcomes, planFiles, writeFiles, type PlannedFile} from './write.js'

export type * from './types.js'

export interface InitRequest {
  options: InitOptions
  force: boolean
  dryRun: boolean
  /** --create-stable: the names, else undefined. */
  stable: StableRequest | undefined
  /** The value of --confirm. */
  confirm: string | undefined
}

export interface InitIo {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Human output as it happens; absent in --json mode. */
  show?: ((text: string) => void) | undefined
  /** The terminal prompt; absent without a terminal. */
  ask?: Ask | undefined
}

/** A dry run prints what it would write. */
function showContents(planned: readonly PlannedFile[], force: boolean, show: ((text: string) => void) | undefined): void {
  for (const file of planned) {
    if (file.now === 'same') continue
    show?.(`--- ${file.path} (${file.now === 'absent' ? 'would create' : force ? 'would overwrite' : 'exists with other content'}) ---\n${file.text}\n`)
  }
}

export async function runInit(request: InitRequest, io: InitIo): Promise<InitResult> {
  const git = await openGit({cwd: io.cwd, env: io.env})
  await requireRepository(git, ['llmops init sets up a git repository: run it in a clone (or git init first).'])
  const root = (await git.toplevel()) ?? io.cwd
  const planned = await planFiles(root, initFiles(request.options))
  if (request.dryRun) showContents(planned, request.force, io.show)
  else checkOverwrites(planned, request.force)

  let stable: StableOutcome = {
    remote: request.stable?.remote ?? 'origin',
    branch: request.stable?.branch ?? 'stable',
    from_branch: request.stable?.from ?? 'main',
    status: 'not_requested',
    sha: null,
  }
  if (request.stable !== undefined) {
    stable = await planStable(git, request.stable)
    if (stable.status === 'would_create') io.show?.(stablePlanText(stable))
    if (!request.dryRun) stable = await createStable(git, stable, {given: request.confirm, ask: io.ask})
  }

  if (!request.dryRun) await writeFiles(root, planned)
  const files = fileOutcomes(planned, request.dryRun, request.force)
  const changed = files.some((f) => f.status !== 'unchanged') || stable.status === 'created' || stable.status === 'would_create'
  return {root, dry_run: request.dryRun, files, stable, changed}
}
