import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {llmops} from '../helpers.js'
import {commit, createRepos, git, remoteHead, withReleases, type Repos} from '../support/git-repos.js'

const cli = (repos: Repos, args: string[], options: {input?: string; env?: Record<string, string>} = {}) =>
  llmops(['release', ...args], {cwd: repos.work, env: {...repos.env, ...options.env}, extendEnv: false, input: options.input ?? ''})

const json = (stdout: unknown): Record<string, unknown> => JSON.parse(String(stdout)) as Record<string, unknown>

async function newWork(repos: Repos): Promise<string> {
  const head = await commit(repos, repos.work, 'feat: search')
  await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')
  return head
}

describe('llmops release (built CLI)', () => {
  it('releases with --confirm --json and returns the result object', async () => {
    const repos = await createRepos()
    const {head: previous} = await withReleases(repos)
    const main = await newWork(repos)
    const result = await cli(repos, ['1.3.0', '--confirm', 'v1.3.0', '--json'])
    expect(result.exitCode).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      status: 'done',
      tag: 'v1.3.0',
      version: '1.3.0',
      mode: 'fast-forward',
      current: {sha: previous},
      new_head: main,
      local_outcome: {action: 'moved'},
    })
    expect(await remoteHead(repos)).toBe(main)
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/tags/v1.3.0^{commit}')).toBe(main)
  })

  it('prints the plan and refuses piped input as consent (exit 6)', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    await newWork(repos)
    const result = await cli(repos, ['1.3.0'], {input: 'v1.3.0\n'})
    expect(result.exitCode).toBe(6)
    expect(result.stdout).toContain('Release v1.3.0: origin/main -> origin/stable')
    expect(result.stdout).toContain('1 commit will be released:')
    expect(result.stderr).toContain('Hint: Pass --confirm v1.3.0 to confirm.')
    expect(await remoteHead(repos)).toBe(head)
  })

  it('keeps exit codes in --json mode: non-semver 2, existing tag 4, main not ahead 4', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const cases: Array<[string[], number, string]> = [
      [['1.4', '--confirm', 'v1.4'], 2, 'E_BAD_VERSION'],
      [['1.3.0', '--confirm', 'v1.3.0'], 4, 'E_INVALID_TARGET'],
      [['1.2.0', '--confirm', 'v1.2.0'], 4, 'E_TAG_EXISTS'],
      [[], 2, 'E_USAGE'],
    ]
    for (const [args, exitCode, code] of cases) {
      const result = await cli(repos, [...args, '--json'])
      expect(result.exitCode, args.join(' ')).toBe(exitCode)
      expect(json(result.stdout), args.join(' ')).toMatchObject({error: {code, exit_code: exitCode}})
    }
  })

  it('--list shows the releases; under GitHub Actions a release writes its outputs', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const list = await cli(repos, ['--list'])
    expect(list.exitCode).toBe(0)
    expect(list.stdout).toMatch(/\* v1\.2\.0 .*\(current\)\n {4}v1\.1\.0 .*\n {4}v1\.0\.0 /)
    const main = await newWork(repos)
    const outputFile = path.join(repos.root, 'github-output')
    await writeFile(outputFile, '')
    const result = await cli(repos, ['1.3.0', '--confirm', 'v1.3.0'], {env: {GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile}})
    expect(result.exitCode).toBe(0)
    expect(await readFile(outputFile, 'utf8')).toMatch(new RegExp(`^to_sha<<(\\S+)\\n${main}\\n\\1$`, 'm'))
    expect(json((await cli(repos, ['--list', '--json'])).stdout)).toMatchObject({
      current: 'v1.3.0',
      releases: [{tag: 'v1.3.0', current: true}, {tag: 'v1.2.0', current: false}, {}, {}],
    })
  })

  it('the first release on a repository without stable says how to create it, and works once it exists', async () => {
    const repos = await createRepos()
    const main = await newWork(repos)
    const first = await cli(repos, ['1.0.0', '--confirm', 'v1.0.0'])
    expect(first.exitCode).toBe(3)
    expect(first.stderr).toContain('origin has no branch "stable": the release branch does not exist yet (a first release?)')
    expect(first.stderr).toContain(
      'Hint: Create it once from main: git push origin main:stable (or llmops init --create-stable, which asks first), then release again.',
    )
    expect(first.stderr).toContain('pass it with --branch')
    const named = await cli(repos, ['1.0.0', '--branch', 'prod', '--from', 'main', '--json'])
    expect(json(named.stdout)).toMatchObject({
      error: {
        code: 'E_NO_REMOTE_BRANCH',
        exit_code: 3,
        suggestions: expect.arrayContaining([
          expect.stringContaining('git push origin main:prod (or llmops init --create-stable --branch prod, which asks first)'),
        ]),
      },
    })

    // Following the hint: init creates stable from main, then a release has somewhere to go.
    const created = await llmops(['init', '--create-stable', '--confirm', 'stable'], {cwd: repos.work, env: repos.env, extendEnv: false, input: ''})
    expect(created.exitCode, String(created.stderr)).toBe(0)
    // commits the files init wrote, too
    await commit(repos, repos.work, 'chore: llmops init')
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')
    // With stable there, a missing source branch is named with its own flag.
    const noSource = await cli(repos, ['1.0.0', '--from', 'develop', '--json'])
    expect(json(noSource.stdout)).toMatchObject({
      error: {code: 'E_NO_REMOTE_BRANCH', suggestions: expect.arrayContaining([expect.stringContaining('pass the one to release with --from')])},
    })
    const release = await cli(repos, ['1.0.0', '--confirm', 'v1.0.0', '--json'])
    expect(release.exitCode, String(release.stdout)).toBe(0)
    expect(json(release.stdout)).toMatchObject({status: 'done', tag: 'v1.0.0', current: {sha: main}})
  })

  it('documents usage, examples and exit codes in --help', async () => {
    const repos = await createRepos()
    const help = await cli(repos, ['--help'])
    for (const part of ['llmops release VERSION', 'llmops release --list', '--merge', '--confirm=TAG', 'EXAMPLES', 'EXIT CODES', '4    invalid target'])
      expect(help.stdout).toContain(part)
  })
})
