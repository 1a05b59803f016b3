/**
 * The remote side of the checks, made last before planning: the remote exists, the branches are
 * fetched with all tags, and their heads are confirmed with ls-remote, so a plan is made from
 * the remote's real heads (the push lease), never from a stale tracking ref.
 */
import {LlmopsError} from '../errors.js'
import {firstLines, type Git} from '../git/index.js'
import {precondition} from './errors.js'
import {refFor} from './ref-names.js'

/** What to say when a branch is missing on the remote, instead of the generic "pass the right one". */
export type MissingBranchHelp = Partial<Record<string, {why: string; suggestions: string[]}>>

const noRemoteBranch = (remote: string, branch: string, help: MissingBranchHelp = {}): LlmopsError => {
  const own = help[branch]
  return precondition(
    `${remote} has no branch "${branch}"${own ? `: ${own.why}` : ''}`,
    'E_NO_REMOTE_BRANCH',
    own?.suggestions ?? [`git ls-remote --heads ${remote} lists its branches; pass the right one with --branch.`],
  )
}

/**
 * Fetches the branches and all tags, then asks the remote directly (ls-remote) for the same
 * branches: the head we plan from is the remote's real head, not a stale tracking ref. Returns
 * the remote heads; `extraRefs` are looked up too (absent ones are missing from the map).
 */
export async function syncRemote(
  git: Git,
  remote: string,
  branches: string[],
  extraRefs: string[] = [],
  missing: MissingBranchHelp = {},
): Promise<Map<string, string>> {
  if (!(await git.remotes()).includes(remote)) {
    throw precondition(`there is no remote named "${remote}"`, 'E_NO_REMOTE', ['git remote -v lists the remotes; pass the right one with --remote.'])
  }

  const refspecs = [...branches.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`), 'refs/tags/*:refs/tags/*']
  const fetched = await git.fetch(remote, refspecs)
  if (fetched.exitCode !== 0) {
    const absent = /couldn't find remote ref refs\/heads\/(\S+)/.exec(fetched.stderr)?.[1]
    if (absent !== undefined) throw noRemoteBranch(remote, absent, missing)
    const clobber = /would clobber existing tag/.test(fetched.stderr)
    throw precondition(`could not fetch from ${remote}: ${firstLines(fetched.stderr)}`, 'E_FETCH_FAILED', [
      clobber
        ? 'A local tag differs from the remote tag of the same name: compare with git ls-remote --tags and delete or rename yours.'
        : 'Check the network and your access to the remote, then run again.',
    ])
  }

  const listed = await git.lsRemote(remote, [...branches.map(refFor.branch), ...extraRefs])
  if (listed.output.exitCode !== 0 && listed.output.exitCode !== 2) {
    throw precondition(`could not list the refs of ${remote}: ${firstLines(listed.output.stderr)}`, 'E_LS_REMOTE_FAILED')
  }

  for (const branch of branches) {
    const remoteHead = listed.refs.get(refFor.branch(branch))
    if (remoteHead === undefined) throw noRemoteBranch(remote, branch, missing)

    const tracking = await git.resolveCommit(`refs/remotes/${remote}/${branch}`)
    if (tracking !== remoteHead) {
      throw new LlmopsError(
        `${remote}/${branch} moved while llmops was reading it (fetched ${tracking?.slice(0, 7) ?? 'nothing'}, now ${remoteHead.slice(0, 7)})`,
        {
          code: 'E_REMOTE_MOVED',
          suggestions: ['Someone is pushing right now: wait a moment and run again to see the new plan.'],
        },
      )
    }
  }

  return listed.refs
}
