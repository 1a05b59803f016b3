/**
 * The releases in the history of the release branch, as `rollback` sees them: highest version
 * first, the highest one marked as current.
 */
import {checkNames, refFor} from '../branch/ref-names.js'
import {releasesNewestFirst} from '../branch/release-tags.js'
import {syncRemote} from '../branch/remote.js'
import {requireRepository} from '../branch/workspace.js'
import type {Git} from '../git/index.js'
import type {ReleaseList} from './types.js'

export async function listReleases(git: Git, options: {remote: string; branch: string}): Promise<ReleaseList> {
  const {remote, branch} = options
  await checkNames(git, [
    {flag: '--branch', kind: 'branch', value: branch},
    {flag: '--remote', kind: 'remote', value: remote},
  ])
  await requireRepository(git)

  const head = (await syncRemote(git, remote, [branch])).get(refFor.branch(branch)) ?? ''
  const releases = releasesNewestFirst(await git.tags({merged: head}))
  return {
    remote,
    branch,
    head,
    current: releases[0]?.name ?? null,
    releases: releases.map((r, i) => ({tag: r.name, sha: r.sha, date: r.date, current: i === 0})),
  }
}
