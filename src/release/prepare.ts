/**
 * Read-only half of a release: the same checks as rollback, then the plan. For --merge the merge
 * commit is created here (an object no ref points at yet), so the plan shows the exact sha that
 * will be pushed and a conflict is found before anyone confirms.
 */
import {viewCommit} from '../branch/commit-view.js'
import {invalidTarget} from '../branch/errors.js'
import {missingReleaseBranches} from '../branch/first-release.js'
import {whoAmI} from '../branch/identity.js'
import {planLocal} from '../branch/local-branch.js'
import {branchRefspecs, pushPlan} from '../branch/push.js'
import {checkNames, refFor} from '../branch/ref-names.js'
import {releasesNewestFirst} from '../branch/release-tags.js'
import {syncRemote} from '../branch/remote.js'
import {isoSeconds} from '../branch/time.js'
import {checkWorkspace, dirtyTreeWarning} from '../branch/workspace.js'
import {usageError} from '../errors.js'
import type {Git} from '../git/index.js'
import {checkAhead, mergeMessage, parseVersion, tagExists, versionWarnings} from './plan.js'
import type {ReleasePlan} from './types.js'
import {printable} from '../text/printable.js'

export interface ReleaseRequest {
  /** --dry-run: the plan is only shown, so an unclean working tree is mentioned, not refused. */
  dryRun?: boolean
  version: string
  branch: string
  from: string
  remote: string
  merge: boolean
  local: boolean
  now: Date
  env: NodeJS.ProcessEnv
}

export async function planRelease(git: Git, request: ReleaseRequest): Promise<ReleasePlan> {
  const {version, tag, semver} = parseVersion(request.version)
  const {branch, from, remote} = request
  await checkNames(git, [
    {flag: '--branch', kind: 'branch', value: branch},
    {flag: '--from', kind: 'branch', value: from},
    {flag: '--remote', kind: 'remote', value: remote},
    {flag: 'VERSION', kind: 'tag', value: tag},
  ])
  if (branch === from) throw usageError(`--from and --branch are both "${printable(branch, 80)}": a branch cannot be released into itself`)
  const {currentBranch, dirty} = await checkWorkspace(git, {allowDirty: request.dryRun === true})
  const remoteRefs = await syncRemote(git, remote, [branch, from], [refFor.tag(tag)], missingReleaseBranches({remote, from, branch}))
  if (remoteRefs.has(refFor.tag(tag))) throw tagExists(tag, ` on ${remote}`)
  if ((await git.resolveCommit(refFor.tag(tag))) !== null) throw tagExists(tag, ' in this repository')

  const stableSha = remoteRefs.get(refFor.branch(branch)) ?? ''
  const mainSha = remoteRefs.get(refFor.branch(from)) ?? ''
  const ahead = await git.countCommits(stableSha, mainSha)
  const behind = await git.countCommits(mainSha, stableSha)
  checkAhead({ahead, behind, merge: request.merge, from, branch, remote})
  // Both are preconditions too, and the merge commit below needs the identity.
  const who = await whoAmI(git, request.env)
  const local = await planLocal(git, {branch, remote, remoteHead: stableSha, currentBranch, enabled: request.local})

  let newHead = mainSha
  if (request.merge) {
    const tree = await git.mergeTree(stableSha, mainSha)
    if (tree === null) {
      throw invalidTarget(`${remote}/${from} does not merge cleanly into ${remote}/${branch}`, [
        `Merge ${branch} into ${from} and resolve the conflicts there, then release again.`,
      ])
    }

    newHead = await git.commitTree(tree, [stableSha, mainSha], mergeMessage(from, branch, tag))
  }

  const highest = releasesNewestFirst(await git.tags())[0]
  return {
    version,
    tag,
    remote,
    branch,
    from_branch: from,
    mode: request.merge ? 'merge' : 'fast-forward',
    current: await viewCommit(git, stableSha),
    source: await viewCommit(git, mainSha),
    new_head: newHead,
    commits: await git.commitsBetween(stableSha, newHead),
    push: pushPlan(remote, branch, stableSha, branchRefspecs(newHead, branch, tag)),
    local,
    who,
    created_at: isoSeconds(request.now),
    warnings: [...versionWarnings(semver, tag, highest), ...dirtyTreeWarning(dirty)],
  }
}
