/**
 * Read-only half of a rollback: checks everything, then builds the plan. Writes nothing but the
 * fetched remote-tracking ref and tags, so `--dry-run` is this function and a printout.
 */
import {BACKUP_PREFIX, backupTagName} from '../branch/backup-tag.js'
import {viewCommit} from '../branch/commit-view.js'
import {invalidTarget} from '../branch/errors.js'
import {whoAmI} from '../branch/identity.js'
import {planLocal} from '../branch/local-branch.js'
import {branchRefspecs, pushPlan} from '../branch/push.js'
import {cleanReason} from '../branch/reason.js'
import {checkNames, refFor, type NameKind} from '../branch/ref-names.js'
import {releasesNewestFirst, releaseVersion} from '../branch/release-tags.js'
import {syncRemote} from '../branch/remote.js'
import {isoSeconds} from '../branch/time.js'
import {checkWorkspace, dirtyTreeWarning} from '../branch/workspace.js'
import {LlmopsError} from '../errors.js'
import type {Git} from '../git/index.js'
import {readBackups} from './list.js'
import {checkTarget, defaultTarget, undoCommand, undoReason} from './plan.js'
import type {BackupEntry, RollbackPlan} from './types.js'

export interface RollbackRequest {
  /** --dry-run: the plan is only shown, so an unclean working tree is mentioned, not refused. */
  dryRun?: boolean
  branch: string
  remote: string
  /** --to; undefined: the previous release. */
  to?: string | undefined
  /** Set for --undo; `backupTag` undefined: the latest backup of the branch. */
  undo?: {backupTag?: string | undefined} | undefined
  /** The development branch: a backup whose commit is on it is trusted (default main). */
  main: string
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
  verification?: {verified: boolean; detail: string}
  /** Newer backups passed over because they could not be verified. */
  skipped?: string[]
}

async function rollbackTarget(git: Git, request: RollbackRequest, headSha: string, where: string): Promise<Target> {
  const onBranch = releasesNewestFirst(await git.tags({merged: headSha}))
  if (request.to === undefined) {
    // Releases are annotated tags; a lightweight v1.2.3 is nobody's release and never a default.
    const annotated = onBranch.filter((r) => r.annotated)
    const {current, target} = defaultTarget(annotated, where)
    // Two release tags on one commit: one of them was not made by a release (anyone who can push a
    // tag can add one), and which release is "the previous one" cannot be told. Ask for --to.
    for (const release of [current, target]) {
      const twins = annotated.filter((r) => r.sha === release.sha).map((r) => r.name)
      if (twins.length > 1) {
        throw invalidTarget(`${twins.join(' and ')} point at the same commit (${release.sha.slice(0, 7)}): the previous release cannot be chosen safely`, [
          'Check the tags (git show <tag>) and pass the target with --to <tag>; remove the tag that is not a release.',
        ])
      }
    }

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

/**
 * Whether a backup can be trusted to hold what a rollback replaced. Anyone who can push a tag can
 * write a backup tag and its message, so neither is evidence. The backup's commit must be the
 * `from` its record names, and that commit must be known to have been the branch's head: on the
 * development branch (protected; everything released came from it), or seen as the remote
 * branch's head by this clone (its reflog, which no one else writes).
 */
async function verifyBackup(
  git: Git,
  backup: BackupEntry,
  sha: string,
  request: RollbackRequest,
  mainSha: string | undefined,
): Promise<{verified: boolean; detail: string}> {
  if (backup.from.sha !== sha)
    return {verified: false, detail: `${backup.backup_tag} points at ${sha.slice(0, 12)}, but its record says it saved ${backup.from.sha.slice(0, 12)}`}
  // A release is what the branch held: a commit on the development branch that a release tag names.
  const released = (await git.tags({merged: sha})).some((t) => t.annotated && t.sha === sha && releaseVersion(t.name) !== null)
  if (released && mainSha !== undefined && (await git.isAncestor(sha, mainSha)))
    return {verified: true, detail: `${sha.slice(0, 12)} is a release on ${request.remote}/${request.main}`}
  const seen = new Set([...(await git.reflog(`refs/remotes/${request.remote}/${request.branch}`)), ...(await git.reflog(refFor.branch(request.branch)))])
  if (seen.has(sha)) return {verified: true, detail: `this clone saw ${request.remote}/${request.branch} at ${sha.slice(0, 12)}`}
  return {
    verified: false,
    detail: `${sha.slice(0, 12)} is no release on ${request.remote}/${request.main}, and this clone never saw ${request.remote}/${request.branch} there: it may never have been on the branch`,
  }
}

async function undoTarget(git: Git, request: RollbackRequest, headSha: string, mainSha: string | undefined): Promise<Target> {
  const given = request.undo?.backupTag
  if (given !== undefined && !given.startsWith(BACKUP_PREFIX)) {
    throw invalidTarget(`${given} is not an llmops backup tag (${BACKUP_PREFIX}...)`, [
      'llmops rollback --list shows the backups; to go to a release, use --to.',
    ])
  }

  const backups = (await readBackups(git)).filter((b) => given === undefined || b.backup_tag === given)
  if (given !== undefined) {
    const sha = await git.resolveCommit(refFor.tag(given))
    if (sha === null) throw invalidTarget(`backup tag ${given} does not exist, here or on ${request.remote}`, ['llmops rollback --list shows the backups.'])
    const record = backups[0]
    if (record === undefined) throw invalidTarget(`${given} has no llmops backup record in its message`, ['llmops rollback --list shows the backups.'])
    if (record.branch !== request.branch)
      throw invalidTarget(`${given} is a backup of ${record.branch}, not of ${request.branch}`, [`Add --branch ${record.branch}.`])
    // Named: restored even when unverified, with the reason in the plan and a typed confirmation.
    return {tag: given, sha, byDefault: false, verification: await verifyBackup(git, record, sha, request, mainSha)}
  }

  // Not named: only a backup of this rollback (the branch is where it left it) that can be verified.
  const ofBranch = backups.filter((b) => b.branch === request.branch)
  if (ofBranch.length === 0)
    throw invalidTarget(`there is no llmops backup of ${request.branch}: nothing to undo`, ['llmops rollback --list shows past rollbacks.'])
  const skipped: string[] = []
  const verified: Target[] = []
  for (const backup of ofBranch.filter((b) => b.to.sha === headSha)) {
    const sha = await git.resolveCommit(refFor.tag(backup.backup_tag))
    if (sha === null) continue
    const verification = await verifyBackup(git, backup, sha, request, mainSha)
    if (verification.verified) verified.push({tag: backup.backup_tag, sha, byDefault: true, verification, skipped})
    else skipped.push(`${backup.backup_tag} (${verification.detail})`)
  }

  // Several backups of this rollback that restore different commits: their dates are written by
  // whoever made the tags, so which one is the real one cannot be told. Ask for a name.
  if (new Set(verified.map((v) => v.sha)).size > 1) {
    throw new LlmopsError(
      `several backups claim the rollback that left ${request.branch} where it is, with different commits: ${verified.map((v) => `${v.tag} (${v.sha.slice(0, 12)})`).join(', ')}`,
      {
        code: 'E_UNVERIFIED_BACKUP',
        suggestions: ['Check them with llmops rollback --list and git log; then name the one to restore: llmops rollback --undo <backup-tag>.'],
      },
    )
  }

  if (verified[0] !== undefined) return verified[0]

  if (skipped.length > 0) {
    throw new LlmopsError(`no verified backup of the rollback that left ${request.branch} where it is: ${skipped.join('; ')}`, {
      code: 'E_UNVERIFIED_BACKUP',
      suggestions: [
        'Check the backup with llmops rollback --list and git log; to restore it anyway, name it: llmops rollback --undo <backup-tag>, and confirm.',
      ],
    })
  }

  throw invalidTarget(`${request.branch} has moved since the latest rollback (${ofBranch[0]?.backup_tag}); name the backup to restore`, [
    'llmops rollback --list shows the backups; then llmops rollback --undo <backup-tag>.',
  ])
}

/** The development branch's head, fetched so that ancestry can be checked; undefined when the remote has none. */
async function fetchMain(git: Git, request: RollbackRequest, remoteSha: string | undefined): Promise<string | undefined> {
  if (remoteSha === undefined) return undefined
  const fetched = await git.fetch(request.remote, [`+refs/heads/${request.main}:refs/remotes/${request.remote}/${request.main}`])
  return fetched.exitCode === 0 && (await git.resolveCommit(remoteSha)) !== null ? remoteSha : undefined
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
  const {currentBranch, dirty} = await checkWorkspace(git, {allowDirty: request.dryRun === true})
  const heads = await syncRemote(git, request.remote, [request.branch], kind === 'undo' ? [refFor.branch(request.main)] : [])
  const headSha = heads.get(refFor.branch(request.branch)) ?? ''
  const where = `${request.remote}/${request.branch}`
  const mainSha = kind === 'undo' ? await fetchMain(git, request, heads.get(refFor.branch(request.main))) : undefined

  const target = kind === 'undo' ? await undoTarget(git, request, headSha, mainSha) : await rollbackTarget(git, request, headSha, where)
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
  const warnings =
    kind === 'undo' && discarded.length > 0 ? [`${discarded.length} commit(s) reached ${where} after that rollback; this undo removes them too`] : []
  if (target.verification?.verified === false) warnings.unshift(`UNVERIFIED BACKUP: ${target.verification.detail}. Read every commit below before you confirm.`)
  for (const skipped of target.skipped ?? []) warnings.push(`passed over an unverified backup: ${skipped}`)
  warnings.push(...dirtyTreeWarning(dirty))

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
    created_at: isoSeconds(request.now),
    warnings,
    ...(target.verification === undefined ? {} : {verification: target.verification}),
  }
}
