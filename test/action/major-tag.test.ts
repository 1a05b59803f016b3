/**
 * scripts/move-major-tag.sh, which the release workflow runs: in real repositories with a local
 * bare origin, v1 follows the highest v1.x.y release, never an older hotfix or a pre-release.
 */
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers.js'
import {commit, createRepos, git, type Repos} from '../support/git-repos.js'

const SCRIPT = path.join(ROOT, 'scripts', 'move-major-tag.sh')

async function release(repos: Repos, tag: string, at?: string): Promise<string> {
  const sha = at ?? (await commit(repos, repos.work, `feat: ${tag}`))
  await git(repos.work, repos.env, 'tag', tag, sha)
  await git(repos.work, repos.env, 'push', '--quiet', 'origin', `refs/tags/${tag}`)
  return sha
}

const move = (repos: Repos, tag: string) => execa(SCRIPT, [tag], {cwd: repos.work, env: repos.env, extendEnv: false, reject: false})
const remoteTag = async (repos: Repos, tag: string): Promise<string | null> =>
  (
    await execa('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], {cwd: repos.origin, env: repos.env, extendEnv: false, reject: false})
  ).stdout.trim() || null

describe('moving the major tag of an Action release', () => {
  it('v1 follows the highest v1.x.y; an older hotfix or a pre-release leaves it; v2 is its own', async () => {
    const repos = await createRepos()
    const v100 = await release(repos, 'v1.0.0')
    expect((await move(repos, 'v1.0.0')).exitCode).toBe(0)
    expect(await remoteTag(repos, 'v1')).toBe(v100)

    const v120 = await release(repos, 'v1.2.0')
    const moved = await move(repos, 'v1.2.0')
    expect(moved.stdout).toContain(`v1 now points at v1.2.0 (${v120})`)
    expect(await remoteTag(repos, 'v1')).toBe(v120)

    // A hotfix of an older minor, released after v1.2.0 (10 > 2 only when compared as versions).
    await release(repos, 'v1.10.0')
    await release(repos, 'v1.1.5', v100)
    const hotfix = await move(repos, 'v1.1.5')
    expect(hotfix.exitCode).toBe(0)
    expect(hotfix.stdout).toContain('v1.1.5 is not the highest v1 release (v1.10.0 is): v1 stays where it is')
    expect(await remoteTag(repos, 'v1')).toBe(v120)

    const rc = await release(repos, 'v2.0.0-rc.1')
    const pre = await move(repos, 'v2.0.0-rc.1')
    expect(pre.exitCode).toBe(2)
    expect(await remoteTag(repos, 'v2')).toBeNull()
    const v200 = await release(repos, 'v2.0.0', rc)
    expect((await move(repos, 'v2.0.0')).exitCode).toBe(0)
    expect(await remoteTag(repos, 'v2')).toBe(v200)
    expect(await remoteTag(repos, 'v1')).toBe(v120)
  })
})
