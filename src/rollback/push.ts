/**
 * The one write to the remote, and what its answer means. `git push --porcelain` prints one
 * status line per ref (`!<TAB>src:dst<TAB>[rejected] (stale info)`); with --atomic, every ref
 * but the culprit says "atomic push failed", so we look for the cause, not the first line.
 */
import {LlmopsError} from '../errors.js'
import {firstLines, type Git, type GitOutput} from '../git.js'
import type {LocalOutcome, LocalPlan} from '../branch/types.js'

export type PushVerdict =
  | {ok: true}
  | {ok: false; reason: 'stale' | 'exists' | 'refused' | 'failed'; detail: string}

export function interpretPush(output: GitOutput): PushVerdict {
  const rejected = output.stdout
    .split('\n')
    .filter((line) => line.startsWith('!\t'))
    .map((line) => line.split('\t')[2] ?? '')
  const remoteLines = output.stderr.split('\n').filter((l) => l.startsWith('remote:')).map((l) => l.replace(/^remote:\s*/, '').trim()).filter(Boolean)
  const detail = remoteLines.join(' / ') || rejected.find((r) => !/atomic push failed/.test(r)) || firstLines(output.stderr)
  if (output.exitCode === 0 && rejected.length === 0) return {ok: true}
  if (rejected.some((r) => /\(stale info\)|\(fetch first\)|\(non-fast-forward\)/.test(r))) return {ok: false, reason: 'stale', detail}
  if (rejected.some((r) => /\(already exists\)/.test(r))) return {ok: false, reason: 'exists', detail}
  if (rejected.some((r) => r.startsWith('[remote rejected]'))) return {ok: false, reason: 'refused', detail}
  return {ok: false, reason: 'failed', detail}
}

export interface LeasedPush {
  remote: string
  branch: string
  /** The head shown in the plan: the push fails unless the remote branch is still exactly here. */
  expect: string
  refspecs: string[]
}

/** Pushes atomically under the lease, or throws: exit 5 if the remote moved, exit 7 if refused. */
export async function pushWithLease(git: Git, push: LeasedPush): Promise<void> {
  const output = await git.pushAtomic(push.remote, {ref: `refs/heads/${push.branch}`, expect: push.expect}, push.refspecs)
  const verdict = interpretPush(output)
  if (verdict.ok) return
  const where = `${push.remote}/${push.branch}`
  if (verdict.reason === 'stale' || verdict.reason === 'exists') {
    throw new LlmopsError(`${where} changed since the plan was made (${verdict.detail}); nothing was pushed, nothing was overwritten`, {
      code: 'E_REMOTE_MOVED',
      suggestions: [`Someone pushed to ${where} meanwhile (a hotfix?). Run the same command again to see the new plan, and decide again.`],
    })
  }

  const refused = verdict.reason === 'refused'
  throw new LlmopsError(`${push.remote} refused the push (${verdict.detail}); nothing was changed on the remote`, {
    code: refused ? 'E_PUSH_REFUSED' : 'E_PUSH_FAILED',
    suggestions: refused
      ? [`${push.branch} is probably protected against force pushes. Ask an admin to allow force pushes for you, or to lift the protection for the rollback; or revert the commits with a pull request instead.`]
      : ['Check your network and your write access to the remote (git push --dry-run), then run again.'],
  })
}

/** Moves the local branch after a successful push; a failure here is a warning, not an error. */
export async function moveLocalBranch(git: Git, local: LocalPlan, to: string, reason: string): Promise<LocalOutcome> {
  if (local.action === 'skip' || local.sha === null) return {action: 'skipped', message: `local ${local.branch} not changed: ${local.why}`}
  if (local.sha === to) return {action: 'moved', message: `local ${local.branch} already at ${to.slice(0, 7)}`}
  const output = local.checked_out ? await git.resetKeep(to) : await git.updateBranch(local.branch, to, local.sha, reason)
  if (output.exitCode === 0) return {action: 'moved', message: `local ${local.branch} moved to ${to.slice(0, 7)}`}
  const how = local.checked_out ? `git reset --keep ${to}` : `git branch --force ${local.branch} ${to}`
  return {action: 'failed', message: `the remote is updated, but local ${local.branch} could not be moved (${firstLines(output.stderr)}); run: ${how}`}
}
