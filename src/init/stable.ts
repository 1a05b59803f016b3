/**
 * `llmops init --create-stable`: the release branch created on the remote from the head of the
 * branch it releases, so that the first `llmops release` has somewhere to go. Read -> plan ->
 * confirm -> one push, with the branch procedure's pieces: names checked, the remote's heads
 * confirmed with ls-remote, the tag-like typed confirmation, and a push leased on the branch
 * not existing (someone creating it meanwhile is exit 5, nothing is overwritten).
 */
import {confirm, type Ask} from '../branch/confirm.js'
import {checkNames, refFor} from '../branch/ref-names.js'
import {pushWithLease} from '../branch/push.js'
import {syncRemote} from '../branch/remote.js'
import {short} from '../branch/text.js'
import {requireRepository} from '../branch/workspace.js'
import type {Git} from '../git/index.js'
import type {StableOutcome} from './types.js'

export interface StableRequest {
  remote: string
  branch: string
  from: string
}

/** Whether the branch exists on the remote, and where the source branch points. */
export async function planStable(git: Git, request: StableRequest): Promise<StableOutcome> {
  const {remote, branch, from} = request
  await checkNames(git, [
    {flag: '--branch', kind: 'branch', value: branch},
    {flag: '--from', kind: 'branch', value: from},
    {flag: '--remote', kind: 'remote', value: remote},
  ])
  await requireRepository(git, ['Run llmops init --create-stable from a clone of the repository.'])
  const refs = await syncRemote(git, remote, [from], [refFor.branch(branch)], {
    [from]: {
      why: `${branch} is created from it`,
      suggestions: [`Push ${from} first (git push ${remote} ${from}), or name the branch to start from with --from.`],
    },
  })
  const existing = refs.get(refFor.branch(branch))
  if (existing !== undefined) return {remote, branch, from_branch: from, status: 'exists', sha: existing}
  return {remote, branch, from_branch: from, status: 'would_create', sha: refs.get(refFor.branch(from)) ?? null}
}

export function stablePlanText(plan: StableOutcome): string {
  if (plan.status === 'exists') return `${plan.remote}/${plan.branch} exists (${short(plan.sha ?? '')}): left as it is.\n`
  return `Create ${plan.remote}/${plan.branch} at ${short(plan.sha ?? '')}, the head of ${plan.remote}/${plan.from_branch}:\n  git push ${plan.remote} ${plan.sha ?? ''}:refs/heads/${plan.branch} (only if ${plan.branch} still does not exist)\n`
}

/** Asks (or checks --confirm), then pushes; returns the outcome. */
export async function createStable(git: Git, plan: StableOutcome, consent: {given: string | undefined; ask: Ask | undefined}): Promise<StableOutcome> {
  if (plan.status !== 'would_create' || plan.sha === null) return plan
  await confirm({expected: plan.branch, given: consent.given, ask: consent.ask, action: `create ${plan.remote}/${plan.branch} at ${short(plan.sha)}`})
  // An empty expected value leases on the branch not existing at all.
  await pushWithLease(git, {remote: plan.remote, branch: plan.branch, expect: '', refspecs: [`${plan.sha}:refs/heads/${plan.branch}`]})
  await git.fetch(plan.remote, [`+refs/heads/${plan.branch}:refs/remotes/${plan.remote}/${plan.branch}`])
  return {...plan, status: 'created'}
}
