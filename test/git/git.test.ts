import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {GitCommandError, gitEnvironment, openGit, pushArguments} from '../../src/git/index.js'
import {commit, createRepos, git, withReleases} from '../support/git-repos.js'

describe('gitEnvironment', () => {
  it('drops variables that redirect git or make it run programs, keeps identity, forces C messages', () => {
    const env = gitEnvironment({
      PATH: '/bin',
      GIT_DIR: '/elsewhere',
      GIT_SSH_COMMAND: 'evil',
      EDITOR: 'vim',
      GIT_AUTHOR_NAME: 'A',
      GIT_CONFIG_NOSYSTEM: '1',
      LANG: 'de_DE.UTF-8',
    })
    expect(env).toEqual({PATH: '/bin', GIT_AUTHOR_NAME: 'A', GIT_CONFIG_NOSYSTEM: '1', LANG: 'de_DE.UTF-8', LC_ALL: 'C', LANGUAGE: 'C'})
  })
})

describe('Git (real repositories)', () => {
  it('ignores a GIT_DIR in the environment: it works on the repository it was opened in', async () => {
    const repos = await createRepos()
    await commit(repos, repos.work, 'first')
    const other = await createRepos()
    const gitInWork = await openGit({cwd: repos.work, env: {...repos.env, GIT_DIR: path.join(other.origin)}})
    expect(await gitInWork.gitDir()).toBe(path.join(repos.work, '.git'))
    expect(await gitInWork.currentBranch()).toBe('main')
  })

  it('never lets an option-like value through: simple-git refuses --upload-pack and nothing runs', async () => {
    const repos = await createRepos()
    const marker = path.join(repos.root, 'pwned')
    const g = await openGit({cwd: repos.work, env: repos.env})
    await expect(g.run({args: ['fetch', `--upload-pack=touch ${marker}`, 'origin'], parse: (o) => o})).rejects.toThrow(/allowUnsafePack/)
    expect(existsSync(marker)).toBe(false)
  })

  it('checks ref names with git check-ref-format', async () => {
    const repos = await createRepos()
    const g = await openGit({cwd: repos.work, env: repos.env})
    expect(await g.checkRefFormat('refs/tags/v1.2.0')).toBe(true)
    expect(await g.checkRefFormat('refs/heads/release/2026-q4')).toBe(true)
    for (const bad of ['refs/tags/v1..2', 'refs/tags/a~1', 'refs/heads/x.lock', 'refs/tags/with space', 'refs/tags/a:b', 'refs/tags/@{-1}']) {
      expect(await g.checkRefFormat(bad), bad).toBe(false)
    }
  })

  it('reads ancestry, commits and tags with their peeled shas and messages', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    await git(repos.work, repos.env, 'tag', 'lightweight', releases['v1.0.0'] ?? '')
    const g = await openGit({cwd: repos.work, env: repos.env})
    expect(await g.isAncestor(releases['v1.0.0'] ?? '', head)).toBe(true)
    expect(await g.isAncestor(head, releases['v1.0.0'] ?? '')).toBe(false)
    expect(await g.resolveCommit('refs/tags/v1.1.0')).toBe(releases['v1.1.0'])
    expect(await g.resolveCommit('refs/tags/nope')).toBeNull()
    expect((await g.commitsBetween(releases['v1.0.0'] ?? '', head)).map((c) => c.subject)).toEqual(['feat: work for 1.2.0', 'feat: work for 1.1.0'])
    const tags = await g.tags({merged: releases['v1.1.0'], noMerged: releases['v1.0.0']})
    expect(tags).toEqual([
      expect.objectContaining({
        name: 'v1.1.0',
        sha: releases['v1.1.0'],
        annotated: true,
        message: 'Release v1.1.0\n',
        tagger: 'Release Engineer <re@example.com>',
      }),
    ])
    const light = (await g.tags()).find((t) => t.name === 'lightweight')
    expect(light).toMatchObject({sha: releases['v1.0.0'], annotated: false, message: ''})
    expect(await g.identity()).toBe('Release Engineer <re@example.com>')
  })

  it('lists dirty paths: modified, untracked, renamed, with spaces and non-ASCII names', async () => {
    const repos = await createRepos()
    await commit(repos, repos.work, 'first')
    const g = await openGit({cwd: repos.work, env: repos.env})
    expect(await g.dirtyPaths()).toEqual([])
    await writeFile(path.join(repos.work, 'app.txt'), 'changed\n')
    await writeFile(path.join(repos.work, 'naïve file.txt'), 'new\n')
    await git(repos.work, repos.env, 'mv', 'app.txt', 'renamed.txt')
    expect((await g.dirtyPaths()).sort()).toEqual(['naïve file.txt', 'renamed.txt'])
  })

  it('reports the exit code and stderr of a failed command instead of throwing when asked to', async () => {
    const repos = await createRepos()
    const g = await openGit({cwd: repos.work, env: repos.env})
    const out = await g.run({args: ['rev-parse', '--verify', 'refs/heads/none'], ok: [0, 128], parse: (o) => o})
    expect(out.exitCode).toBe(128)
    await expect(g.run({args: ['rev-parse', '--verify', 'refs/heads/none'], parse: (o) => o})).rejects.toBeInstanceOf(GitCommandError)
  })

  it('builds the push as one atomic command with an explicit lease', () => {
    expect(pushArguments('origin', {ref: 'refs/heads/stable', expect: 'a'.repeat(40)}, ['b:refs/heads/stable'])).toEqual([
      'push',
      '--porcelain',
      '--atomic',
      `--force-with-lease=refs/heads/stable:${'a'.repeat(40)}`,
      'origin',
      'b:refs/heads/stable',
    ])
  })
})
