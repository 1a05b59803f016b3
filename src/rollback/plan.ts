/**
 * The pure core of rollback: which release is the default target, whether a target is allowed,
 * and how the way back (undo) is offered. No IO: prepare.ts gathers the facts, this decides.
 */
import {invalidTarget} from '../branch/errors.js'
import type {Release} from '../branch/release-tags.js'

/**
 * The default target: the release before the one the branch is at. "The one it is at" is the
 * highest release tag in the branch's history (the head may carry hotfixes on top of it). The
 * release before it is the one `llmops release` recorded as `previous:` in that tag, so a release
 * that was rolled back earlier is not picked again; without a record, the next lower version.
 */
export function defaultTarget(releasesOnBranch: readonly Release[], where: string): {current: Release; target: Release} {
  const [current] = releasesOnBranch
  if (!current) throw invalidTarget(`there is no release tag (v1.2.3) in the history of ${where}`, ['Pass the target explicitly with --to <tag>.'])
  const recorded = /^previous: (\S+)$/m.exec(current.message)?.[1]
  const target = releasesOnBranch.find((r) => r.name === recorded && r.sha !== current.sha) ?? releasesOnBranch.find((r) => r.sha !== current.sha)
  if (!target) {
    throw invalidTarget(`${current.name} is the only release in the history of ${where}: there is no previous release to go back to`, [
      `Pass --to <tag> explicitly (e.g. --to ${current.name} to drop only what came after it).`,
    ])
  }

  return {current, target}
}

/**
 * A rollback target must be in the history of the remote branch (so nothing foreign is pushed)
 * and differ from its head. An undo target is a backup: it may be ahead of the head.
 */
export function checkTarget(options: {kind: 'rollback' | 'undo'; tag: string; targetSha: string; headSha: string; inHistory: boolean; where: string}): void {
  const {kind, tag, targetSha, headSha, inHistory, where} = options
  if (targetSha === headSha) throw invalidTarget(`${where} is already at ${tag} (${headSha.slice(0, 7)}): nothing to do`)
  if (kind === 'rollback' && !inHistory) {
    throw invalidTarget(
      `${tag} (${targetSha.slice(0, 7)}) is not in the history of ${where}: rolling back to it would push commits that were never on ${where}`,
      ['Pick a release that was on the branch: llmops release --list.'],
    )
  }
}

export function undoCommand(backupTag: string, branch: string, remote: string): string {
  return `llmops rollback --undo ${backupTag} --branch ${branch} --remote ${remote}`
}

/** The backup tag of an undo records what it undid, so the reason is never lost. */
export function undoReason(backupTag: string, reason: string | null): string {
  return reason === null ? `undo of ${backupTag}` : `undo of ${backupTag}: ${reason}`
}
