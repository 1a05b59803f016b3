/**
 * The leased push: the one write to the remote, what it pushes (the branch and one tag, in one
 * atomic push under --force-with-lease on the head shown in the plan) and what its answer means.
 * `git push --porcelain` prints one status line per ref (`!<TAB>src:dst<TAB>[rejected] (stale
 * info)`); with --atomic, every ref but the culprit says "atomic push failed", so we look for the
 * cause, not the first line.
 */
import {LlmopsError} from '../errors.js'
import {firstLines, pushArguments, type Git, type GitOutput} from '../git/index.js'
import type {PushPlan} from './types.js'

/** The branch moves to `targetSha` and the tag goes along, in the same push. */
export function branchRefspecs(targetSha: string, branch: string, tag: string): string[] {
  return [`${targetSha}:refs/heads/${branch}`, `refs/tags/${tag}:refs/tags/${tag}`]
}

/** The push as the plan shows it, leased on `expect`: exactly what pushWithLease will run. */
export function pushPlan(remote: string, branch: string, expect: string, refspecs: string[]): PushPlan {
  const args = pushArguments(remote, {ref: `refs/heads/${branch}`, expect}, refspecs)
  return {args, command: `git ${args.join(' ')}`}
}

export type PushVerdict = {ok: true} | {ok: false; reason: 'stale' | 'exists' | 'refused' | 'failed'; detail: string}

export function interpretPush(output: GitOutput): PushVerdict {
  const rejected = output.stdout
    .split('\n')
    .filter((line) => line.startsWith('!\t'))
    .map((line) => line.split('\t')[2] ?? '')
  const remoteLines = output.stderr
    .split('\n')
    .filter((l) => l.startsWith('remote:'))
    .map((l) => l.replace(/^remote:\s*/, '').trim())
    .filter(Boolean)
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
      ? [
          `${push.branch} is probably protected against force pushes. Ask an admin to allow force pushes for you, or to lift the protection for the rollback; or revert the commits with a pull request instead.`,
        ]
      : ['Check your network and your write access to the remote (git push --dry-run), then run again.'],
  })
}
