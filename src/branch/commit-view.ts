/**
 * A commit as a plan shows it: where it stands relative to the release tags (at v1.3.0, two
 * commits after it, or before any release), so a user sees versions, not only shas.
 */
import type {Git} from '../git/index.js'
import {releasesNewestFirst, type Release} from './release-tags.js'
import type {CommitView} from './types.js'

/** `v1.3.0` at a release, `v1.3.0+2` two commits after one, else the short sha. */
export function labelFor(sha: string, newestReachable: Release | undefined, commitsSince: number): string {
  if (!newestReachable) return sha.slice(0, 7)
  return commitsSince === 0 ? newestReachable.name : `${newestReachable.name}+${commitsSince}`
}

/** A commit with the release it is at (or after). */
export async function viewCommit(git: Git, sha: string): Promise<CommitView> {
  const commit = await git.commit(sha)
  const reachable = releasesNewestFirst(await git.tags({merged: sha}))
  const newest = reachable[0]
  const since = newest && newest.sha !== sha ? await git.countCommits(newest.sha, sha) : 0
  return {...commit, tags: reachable.filter((r) => r.sha === sha).map((r) => r.name), release: newest?.name ?? null, label: labelFor(sha, newest, since)}
}
