import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {commit, createRepos, git, protectBranch, pushHotfix, remoteHead, snapshot, withReleases, type Repos} from '../support/git-repos.js'
import {failure, rollback} from './support.js'

/** The remote and the local refs, to prove a refused rollback changed nothing. */
const state = async (repos: Repos): Promise<string[]> => [await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]

describe('rollback preconditions (exit 3, nothing changed)', () => {
  it('refuses a dirty tree: modified or untracked files', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await writeFile(path.join(repos.work, 'app.txt'), 'edited\n')
    const before = await state(repos)
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({
      exitCode: 3,
      code: 'E_DIRTY_TREE',
      message: expect.stringContaining('app.txt'),
    })
    await git(repos.work, repos.env, 'checkout', '--', 'app.txt')
    await writeFile(path.join(repos.work, 'notes.txt'), 'untracked\n')
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({
      exitCode: 3,
      code: 'E_DIRTY_TREE',
      message: expect.stringContaining('notes.txt'),
    })
    expect(await state(repos)).toEqual(before)
  })

  it('shows a dry run from a dirty tree, saying a real run would refuse it', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await writeFile(path.join(repos.work, 'app.txt'), 'edited\n')
    const before = await state(repos)
    const shown = await rollback(repos, {to: 'v1.1.0', dryRun: true})
    expect(shown.status).toBe('dry_run')
    expect(shown.warnings.join('\n')).toContain('the working tree is not clean (app.txt): this dry run shows the plan, a real run refuses')
    expect(await state(repos)).toEqual(before)
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({exitCode: 3, code: 'E_DIRTY_TREE'})
  })

  it('refuses a detached HEAD', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    await git(repos.work, repos.env, 'checkout', '--quiet', '--detach', releases['v1.0.0'] ?? '')
    const before = await remoteHead(repos)
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({exitCode: 3, code: 'E_DETACHED_HEAD'})
    expect(await remoteHead(repos)).toBe(before)
  })

  it('refuses a shallow clone', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const shallow = path.join(repos.root, 'shallow')
    await git(repos.root, repos.env, 'clone', '--quiet', '--depth', '1', `file://${repos.origin}`, shallow)
    expect(await failure(rollback({...repos, work: shallow}, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({exitCode: 3, code: 'E_SHALLOW'})
  })

  it('refuses a merge in progress, a directory outside git and an unknown remote', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await git(repos.work, repos.env, 'switch', '--quiet', '-c', 'topic')
    await commit(repos, repos.work, 'topic change')
    await git(repos.work, repos.env, 'switch', '--quiet', 'main')
    await commit(repos, repos.work, 'main change')
    await git(repos.work, repos.env, 'merge', '--no-commit', '--no-ff', 'topic').catch(() => undefined)
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({
      exitCode: 3,
      code: 'E_OPERATION_IN_PROGRESS',
      message: expect.stringContaining('merge'),
    })
    await git(repos.work, repos.env, 'merge', '--abort')

    const outside = path.join(repos.root, 'not-a-repo')
    await mkdir(outside)
    expect(await failure(rollback({...repos, work: outside}, {to: 'v1.1.0'}))).toMatchObject({exitCode: 3, code: 'E_NOT_A_REPO'})
    expect(await failure(rollback(repos, {to: 'v1.1.0', remote: 'upstream'}))).toMatchObject({exitCode: 3, code: 'E_NO_REMOTE'})
    expect(await failure(rollback(repos, {to: 'v1.1.0', branch: 'production'}))).toMatchObject({exitCode: 3, code: 'E_NO_REMOTE_BRANCH'})
  })
})

describe('rollback targets (exit 4, nothing changed)', () => {
  it('refuses an unknown tag, a tag outside the branch history and the current head', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await commit(repos, repos.work, 'experiment on main only')
    await git(repos.work, repos.env, 'tag', '-a', '-m', 'never released', 'v9.0.0')
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main', 'v9.0.0')
    const before = await state(repos)
    expect(await failure(rollback(repos, {to: 'v7.7.7', confirm: 'v7.7.7'}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('does not exist'),
      suggestions: [expect.stringContaining('v1.2.0, v1.1.0, v1.0.0')],
    })
    expect(await failure(rollback(repos, {to: 'v9.0.0', confirm: 'v9.0.0'}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('not in the history'),
    })
    expect(await failure(rollback(repos, {to: 'v1.2.0', confirm: 'v1.2.0'}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('already at v1.2.0'),
    })
    expect(await state(repos)).toEqual(before)
  })

  it('has no default target with a single release', async () => {
    const repos = await createRepos()
    await withReleases(repos, ['1.0.0'])
    expect(await failure(rollback(repos, {}))).toMatchObject({exitCode: 4, message: expect.stringContaining('only release')})
  })
})

describe('rollback option injection (exit 2, git never sees the value)', () => {
  it('rejects names that start with "-" or fail git check-ref-format, before touching the repository', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const marker = path.join(repos.root, 'pwned')
    const cases = [
      {to: `--upload-pack=touch ${marker}`},
      {branch: `--receive-pack=touch ${marker}`},
      {remote: `--exec=touch ${marker}`},
      {remote: '-oProxyCommand=touch'},
      {to: 'v1..2'},
      {to: 'v1.2.0^{commit}'},
      {branch: 'stable:refs/heads/main'},
      {undo: {backupTag: `--upload-pack=touch ${marker}`}},
    ]
    for (const invocation of cases) {
      expect(await failure(rollback(repos, {...invocation, confirm: 'x'})), JSON.stringify(invocation)).toMatchObject({exitCode: 2, code: 'E_BAD_REF_NAME'})
    }

    expect(existsSync(marker)).toBe(false)
  })
})

describe('rollback confirmation (exit 6, nothing changed)', () => {
  it('requires --confirm equal to the target when there is no terminal', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const before = await state(repos)
    expect(await failure(rollback(repos, {to: 'v1.1.0'}))).toMatchObject({
      exitCode: 6,
      message: expect.stringContaining('no terminal'),
      suggestions: ['Pass --confirm v1.1.0 to confirm.'],
    })
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.0.0'}))).toMatchObject({exitCode: 6, message: expect.stringContaining('does not match')})
    expect(await failure(rollback(repos, {confirm: 'yes'}))).toMatchObject({exitCode: 6})
    expect(await state(repos)).toEqual(before)
  })

  it('in a terminal, goes ahead only when the user types the target tag', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    const questions: string[] = []
    const before = await state(repos)
    expect(await failure(rollback(repos, {}, {ask: async (q) => (questions.push(q), 'y')}))).toMatchObject({
      exitCode: 6,
      message: expect.stringContaining('you typed "y"'),
    })
    const declined = Object.assign(new Error('User force closed the prompt'), {name: 'ExitPromptError'})
    expect(await failure(rollback(repos, {}, {ask: async () => Promise.reject(declined)}))).toMatchObject({
      exitCode: 6,
      message: expect.stringContaining('declined'),
    })
    expect(await state(repos)).toEqual(before)
    expect(questions).toEqual(['To roll back origin/stable to v1.1.0, type v1.1.0:'])
    await rollback(repos, {}, {ask: async () => ' v1.1.0 '})
    expect(await remoteHead(repos)).toBe(releases['v1.1.0'])
  })
})

describe('rollback push safety', () => {
  it('never overwrites a hotfix pushed between the plan and the push (exit 5)', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    let hotfix = ''
    // The colleague pushes while we are being asked to confirm: after the plan, before the push.
    const ask = async (): Promise<string> => ((hotfix = await pushHotfix(repos, 'fix: hotfix during the incident')), 'v1.1.0')

    const error = await failure(rollback(repos, {}, {ask}))
    expect(error).toMatchObject({exitCode: 5, code: 'E_REMOTE_MOVED', message: expect.stringContaining('stale info')})
    expect(await remoteHead(repos)).toBe(hotfix)
    expect(await git(repos.origin, repos.env, 'tag', '-l', 'llmops/*')).toBe('')
    expect(await git(repos.work, repos.env, 'tag', '-l', 'llmops/*')).toBe('')
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(head)
  })

  it('reports a protected branch as refused by the server (exit 7) with a suggestion', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    await protectBranch(repos)
    const error = await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))
    expect(error).toMatchObject({exitCode: 7, code: 'E_PUSH_REFUSED', message: expect.stringContaining('GH006: Protected branch update failed')})
    expect(error.suggestions[0]).toMatch(/protected/)
    expect(await remoteHead(repos)).toBe(head)
    expect(await git(repos.origin, repos.env, 'tag', '-l', 'llmops/*')).toBe('')
    expect(await git(repos.work, repos.env, 'tag', '-l', 'llmops/*')).toBe('')
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(head)
  })
})
