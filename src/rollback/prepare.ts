/**
 * Read-only half of a rollback: checks everything, then builds the plan. Writes nothing but the
 * fetched remote-tracking ref and tags, so `--dry-run` is this function and a printout.
 */
import type {Git} from '../git.js'
import {readBackups} from './list.js'
import {BACKUP_PREFIX, backupTagName, cleanReason, refFor} from './names.js'
import {branchRefspecs, checkTarget, defaultTarget, invalidTarget, labelFor, pushPlan, releasesNewestFirst, undoCommand, undoReason} from './plan.js'
import type {CommitView, RollbackPlan} from './types.js'
import {checkNames, checkWorkspace, planLocal, syncRemote, whoAmI, type NameKind} from './workspace.js'

export interface RollbackRequest {
  branch: string
  remote: string
  /** --to; undefined: the previous release. */
  to?: string | undefined
  /** Set for --undo; `backupTag` undefined: the latest backup of the branch. */
  undo?: {backupTag?: string | undefined} | undefined
  reason?: string | undefined
  /** false with --no-local. */
  local: boolean
  now: Date
  env: NodeJS.ProcessEnv
}

interface Target {
  tag: string
  sha: string
  byDefault: boolean
}

/** A commit with the release it is at (or after). */
export async function viewCommit(git: Git, sha: string): Promise<CommitView> {
  const commit = await git.commit(sha)
  const reachable = releasesNewestFirst(await git.tags({merged: sha}))
  const newest = reachable[0]
  const since = newest && newest.sha !== sha ? await git.countCommits(newest.sha, sha) : 0
  return {...commit, tags: reachable.filter((r) => r.sha === sha).map((r) => r.name), release: newest?.name ?? null, label: labelFor(sha, newest, since)}
}

async function rollbackTarget(git: Git, request: RollbackRequest, headSha: string, where: string): Promise<Target> {
  const onBranch = releasesNewestFirst(await git.tags({merged: headSha}))
  if (request.to === undefined) {
    const {target} = defaultTarget(onBranch, where)
    return {tag: target.name, sha: target.sha, byDefault: true}
  }

  const sha = await git.resolveCommit(refFor.tag(request.to))
  if (sha === null) {
    const known = onBranch.slice(0, 5).map((r) => r.name)
    throw invalidTarget(`tag ${request.to} does not exist, here or on ${request.remote}`, [
      known.length > 0 ? `Releases on ${where}, newest first: ${known.join(', ')}.` : 'llmops release --list shows the releases.',
    ])
  }

  return {tag: request.to, sha, byDefault: false}
}

async function undoTarget(git: Git, request: RollbackRequest, headSha: string): Promise<Target> {
  const backups = await readBackups(git)
  const given = request.undo?.backupTag
  const latest = backups.find((b) => b.branch === request.branch)
  const tag = given ?? latest?.backup_tag
  if (tag === undefined) throw invalidTarget(`there is no llmops backup of ${request.branch}: nothing to undo`, ['llmops rollback --list shows past rollbacks.'])
  // Anyone who can push tags can write a backup tag: without a named tag, only undo the latest
  // rollback while the branch is still where that rollback left it.
  if (given === undefined && latest?.to.sha !== headSha) {
    throw invalidTarget(`${request.branch} has moved since the latest rollback (${tag}); name the backup to restore`, [
      'llmops rollback --list shows the backups; then llmops rollback --undo <backup-tag>.',
    ])
  }
  if (!tag.startsWith(BACKUP_PREFIX)) {
    throw invalidTarget(`${tag} is not an llmops backup tag (${BACKUP_PREFIX}...)`, ['llmops rollback --list shows the backups; to go to a release, use --to.'])
  }

  const sha = await git.resolveCommit(refFor.tag(tag))
  if (sha === null) throw invalidTarget(`backup tag ${tag} does not exist, here or on ${request.remote}`, ['llmops rollback --list shows the backups.'])
  const record = backups.find((b) => b.backup_tag === tag)
  if (record && record.branch !== request.branch) {
    throw invalidTarget(`${tag} is a backup of ${record.branch}, not of ${request.branch}`, [`Add --branch ${record.branch}.`])
  }

  return {tag, sha, byDefault: given === undefined}
}

export async function planRollback(git: Git, request: RollbackRequest): Promise<RollbackPlan> {
  const kind = request.undo ? 'undo' : 'rollback'
  const names: Array<{flag: string; kind: NameKind; value: string}> = [
    {flag: '--branch', kind: 'branch', value: request.branch},
    {flag: '--remote', kind: 'remote', value: request.remote},
  ]
  if (request.to !== undefined) names.push({flag: '--to', kind: 'tag', value: request.to})
  if (request.undo?.backupTag !== undefined) names.push({flag: 'BACKUP_TAG', kind: 'tag', value: request.undo.backupTag})
  await checkNames(git, names)
  const {currentBranch} = await checkWorkspace(git)
  const heads = await syncRemote(git, request.remote, [request.branch])
  const headSha = heads.get(refFor.branch(request.branch)) ?? ''
  const where = `${request.remote}/${request.branch}`

  const target = kind === 'undo' ? await undoTarget(git, request, headSha) : await rollbackTarget(git, request, headSha, where)
  const inHistory = await git.isAncestor(target.sha, headSha)
  checkTarget({kind, tag: target.tag, targetSha: target.sha, headSha, inHistory, where})

  const [current, targetView] = [await viewCommit(git, headSha), await viewCommit(git, target.sha)]
  const discarded = await git.commitsBetween(target.sha, headSha)
  const restored = inHistory ? [] : await git.commitsBetween(headSha, target.sha)
  const releasesRemoved = releasesNewestFirst(await git.tags({merged: headSha, noMerged: target.sha})).map((r) => r.name)
  const releasesRestored = inHistory ? [] : releasesNewestFirst(await git.tags({merged: target.sha, noMerged: headSha})).map((r) => r.name)
  const taken = new Set((await git.tags({prefix: BACKUP_PREFIX})).map((t) => t.name))
  const backup = backupTagName(request.branch, request.now, taken)
  const who = await whoAmI(git, request.env)
  const local = await planLocal(git, {branch: request.branch, remote: request.remote, remoteHead: headSha, currentBranch, enabled: request.local})
  const reason = cleanReason(request.reason)
  const warnings = kind === 'undo' && discarded.length > 0 ? [`${discarded.length} commit(s) reached ${where} after that rollback; this undo removes them too`] : []

  return {
    kind,
    remote: request.remote,
    branch: request.branch,
    current,
    target: {...targetView, tag: target.tag, by_default: target.byDefault},
    discarded,
    restored,
    releases_removed: releasesRemoved,
    releases_restored: releasesRestored,
    backup_tag: backup,
    push: pushPlan(request.remote, request.branch, headSha, branchRefspecs(target.sha, request.branch, backup)),
    undo_command: undoCommand(backup, request.branch, request.remote),
    local,
    who,
    reason: kind === 'undo' ? undoReason(target.tag, reason) : reason,
    created_at: request.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    warnings,
  }
}
