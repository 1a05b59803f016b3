import {describe, expect, it} from 'vitest'

import {runRelease, runReleaseList, type ProcedureIo, type ReleaseInvocation, type ReleaseResult} from '../../src/release/index.js'
import {commit, createRepos, git, pushHotfix, remoteHead, snapshot, withReleases, type Repos} from '../support/git-repos.js'
import {failure, rollback} from '../rollback/support.js'

const release = (repos: Repos, invocation: Partial<ReleaseInvocation> & {version: string}, io: Partial<ProcedureIo> = {}): Promise<ReleaseResult> =>
  runRelease(
    {branch: 'stable', from: 'main', remote: 'origin', merge: false, local: true, dryRun: false, ...invocation},
    {cwd: repos.work, env: repos.env, ...io},
  )

/** Two new commits on main, pushed: something to release. */
async function newWork(repos: Repos): Promise<string> {
  await commit(repos, repos.work, 'feat: search')
  const head = await commit(repos, repos.work, 'feat: faster answers')
  await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')
  return head
}

describe('release (use case, real git)', () => {
  it('fast-forwards stable to main, tags it, pushes both atomically and moves local stable', async () => {
    const repos = await createRepos()
    const {head: previous} = await withReleases(repos)
    const main = await newWork(repos)
    const shown: string[] = []
    const result = await release(repos, {version: '1.3.0', confirm: 'v1.3.0'}, {show: (t) => shown.push(t)})
    expect(result).toMatchObject({status: 'done', tag: 'v1.3.0', mode: 'fast-forward', new_head: main, current: {sha: previous, label: 'v1.2.0'}, warnings: []})
    expect(result.commits.map((c) => c.subject)).toEqual(['feat: faster answers', 'feat: search'])
    expect(await remoteHead(repos)).toBe(main)
    expect(await git(repos.origin, repos.env, 'cat-file', '-t', 'refs/tags/v1.3.0')).toBe('tag')
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/tags/v1.3.0^{commit}')).toBe(main)
    const message = await git(repos.origin, repos.env, 'tag', '-l', '--format=%(contents)', 'v1.3.0')
    expect(message).toMatch(
      /^Release v1\.3\.0\n\nbranch: stable\nfrom: main\nmode: fast-forward\nprevious: v1\.2\.0\nby: Release Engineer <re@example\.com>\nat: /,
    )
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(main)
    expect(await git(repos.work, repos.env, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main')
    expect(shown.join('')).toContain('Release v1.3.0: origin/main -> origin/stable')
    expect(shown.join('')).toContain('Released v1.3.0')
  })

  it('after a release, rollback goes back to the release recorded as previous, not to one rolled back earlier', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    await newWork(repos)
    await release(repos, {version: '1.3.0', confirm: 'v1.3.0'})
    const plan = await rollback(repos, {dryRun: true})
    expect(plan.target).toMatchObject({tag: 'v1.1.0', sha: releases['v1.1.0'], by_default: true})
  })

  it('--dry-run changes no ref, here or on the remote', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await newWork(repos)
    const before = [await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]
    expect((await release(repos, {version: '1.3.0', dryRun: true})).status).toBe('dry_run')
    expect((await release(repos, {version: '1.3.0', dryRun: true, merge: true})).mode).toBe('merge')
    expect([await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]).toEqual(before)
  })

  it('with hotfixes on stable, refuses a fast-forward (exit 4) and --merge makes a merge commit', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const hotfix = await pushHotfix(repos)
    const main = await newWork(repos)
    expect(await failure(release(repos, {version: '1.3.0', confirm: 'v1.3.0'}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('cannot be fast-forwarded'),
      suggestions: [expect.stringContaining('--merge')],
    })
    const result = await release(repos, {version: '1.3.0', confirm: 'v1.3.0', merge: true})
    expect(result.mode).toBe('merge')
    expect(await remoteHead(repos)).toBe(result.new_head)
    expect(await git(repos.origin, repos.env, 'rev-parse', `${result.new_head}^1`, `${result.new_head}^2`)).toBe(`${hotfix}\n${main}`)
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/tags/v1.3.0^{commit}')).toBe(result.new_head)
    expect(await git(repos.origin, repos.env, 'log', '-1', '--format=%s', result.new_head)).toBe("Merge branch 'main' into stable for release v1.3.0")
  })

  it('refuses an existing tag (exit 4), locally or on the remote', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await newWork(repos)
    expect(await failure(release(repos, {version: '1.2.0', confirm: 'v1.2.0'}))).toMatchObject({
      exitCode: 4,
      code: 'E_TAG_EXISTS',
      message: expect.stringContaining('on origin'),
    })
    await git(repos.work, repos.env, 'tag', 'v1.3.0')
    expect(await failure(release(repos, {version: 'v1.3.0', confirm: 'v1.3.0'}))).toMatchObject({
      exitCode: 4,
      code: 'E_TAG_EXISTS',
      message: expect.stringContaining('in this repository'),
    })
  })

  it('refuses versions that are not semantic versioning (exit 2), before touching git', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    for (const version of ['1.4', '1.4.0.1', '01.4.0', 'latest', '--upload-pack=x', 'v1.4.0 ']) {
      expect(await failure(release(repos, {version, confirm: `v${version}`})), version).toMatchObject({exitCode: 2, code: 'E_BAD_VERSION'})
    }
  })

  it('refuses when main is not ahead of stable (exit 4)', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    expect(await failure(release(repos, {version: '1.3.0', confirm: 'v1.3.0'}))).toMatchObject({exitCode: 4, message: expect.stringContaining('not ahead')})
  })

  it('needs the typed tag as confirmation, and its push is leased like a rollback (exit 6, exit 5)', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    await newWork(repos)
    expect(await failure(release(repos, {version: '1.3.0'}))).toMatchObject({exitCode: 6})
    expect(await failure(release(repos, {version: '1.3.0', confirm: '1.3.0'}))).toMatchObject({exitCode: 6})
    let hotfix = ''
    const ask = async (): Promise<string> => ((hotfix = await pushHotfix(repos)), 'v1.3.0')
    expect(await failure(release(repos, {version: '1.3.0'}, {ask}))).toMatchObject({exitCode: 5})
    expect(hotfix).not.toBe('')
    expect(await remoteHead(repos)).toBe(hotfix)
    expect(await git(repos.origin, repos.env, 'tag', '-l', 'v1.3.0')).toBe('')
    expect(await git(repos.work, repos.env, 'tag', '-l', 'v1.3.0')).toBe('')
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(head)
  })

  it('--list shows the releases on stable, highest first, the current one marked', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    const shown: string[] = []
    const list = await runReleaseList({branch: 'stable', remote: 'origin'}, {cwd: repos.work, env: repos.env, show: (t) => shown.push(t)})
    expect(list).toMatchObject({current: 'v1.1.0', head: releases['v1.1.0']})
    expect(list.releases.map((r) => [r.tag, r.current])).toEqual([
      ['v1.1.0', true],
      ['v1.0.0', false],
    ])
    expect(shown.join('')).toMatch(
      /^Releases in the history of origin\/stable \(head \w{7}\), highest first:\n {2}\* v1\.1\.0 +\w{7} {2}\S+ {2}\(current\)\n {4}v1\.0\.0 /,
    )
  })
})
