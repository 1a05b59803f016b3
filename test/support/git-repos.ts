/**
 * Real git repositories for the rollback and release tests: a bare `origin`, the user's working
 * clone, and a colleague's clone that pushes meanwhile. Server hooks on `origin` play a
 * protected branch; a receive-pack wrapper lands a colleague's push just before ours.
 * Everything lives in a temp dir with its own HOME, so the machine's git config never matters.
 */
import {chmod, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'

import {tempDir} from '../helpers.js'

export const ZERO = '0'.repeat(40)

export interface Repos {
  root: string
  home: string
  /** The bare repository the others push to. */
  origin: string
  /** The user's clone, on branch main, with a local stable. */
  work: string
  /** Environment for git and for the CLI: isolated HOME, fixed identity, no GitHub Actions. */
  env: Record<string, string>
}

/** Runs git and returns its trimmed stdout; throws with stderr on failure. */
export async function git(cwd: string, env: Record<string, string>, ...args: string[]): Promise<string> {
  const result = await execa('git', args, {cwd, env, extendEnv: false, reject: false})
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}`)
  return result.stdout.trim()
}

function isolatedEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(GIT_|GITHUB_|RUNNER_)/i.test(key)) env[key] = value
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Release Engineer',
    GIT_AUTHOR_EMAIL: 're@example.com',
    GIT_COMMITTER_NAME: 'Release Engineer',
    GIT_COMMITTER_EMAIL: 're@example.com',
    LC_ALL: 'C',
    GITHUB_ACTIONS: '',
    CI: '',
    OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
  }
}

/** An empty origin and a clone of it, sharing an isolated HOME. */
export async function createRepos(): Promise<Repos> {
  const root = await tempDir('llmops-git-')
  const home = path.join(root, 'home')
  await mkdir(home)
  // Identity also in the config, because simple-git hides GIT_* variables it does not know.
  await writeFile(
    path.join(home, '.gitconfig'),
    '[user]\n\tname = Release Engineer\n\temail = re@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n',
  )
  const env = isolatedEnv(home)
  const origin = path.join(root, 'origin.git')
  await git(root, env, 'init', '--quiet', '--bare', '-b', 'main', origin)
  const work = path.join(root, 'work')
  await git(root, env, 'clone', '--quiet', origin, work)
  await git(work, env, 'checkout', '--quiet', '-B', 'main')
  return {root, home, origin, work, env}
}

/** Commits a change to `file` and returns the new sha. */
export async function commit(repos: Repos, cwd: string, message: string, options: {file?: string; author?: string} = {}): Promise<string> {
  const file = path.join(cwd, options.file ?? 'app.txt')
  await writeFile(file, `${message}\n`, {flag: 'a'})
  await git(cwd, repos.env, 'add', '--all')
  const env = options.author ? {...repos.env, GIT_AUTHOR_NAME: options.author, GIT_COMMITTER_NAME: options.author} : repos.env
  await git(cwd, env, 'commit', '--quiet', '-m', message)
  return git(cwd, repos.env, 'rev-parse', 'HEAD')
}

export interface History {
  /** sha of each release, by tag. */
  releases: Record<string, string>
  /** The head of stable and main. */
  head: string
}

/**
 * The usual starting point: v1.0.0, v1.1.0 and v1.2.0 released from main to stable (fast
 * forwards), everything pushed; the user is on main with a local stable at origin's stable.
 */
export async function withReleases(repos: Repos, versions = ['1.0.0', '1.1.0', '1.2.0']): Promise<History> {
  const releases: Record<string, string> = {}
  for (const version of versions) {
    releases[`v${version}`] = await commit(repos, repos.work, `feat: work for ${version}`)
    await git(repos.work, repos.env, 'tag', '-a', '-m', `Release v${version}`, `v${version}`)
  }

  const head = await git(repos.work, repos.env, 'rev-parse', 'HEAD')
  await git(repos.work, repos.env, 'branch', 'stable', head)
  await git(repos.work, repos.env, 'push', '--quiet', '--tags', 'origin', 'main', 'stable')
  await git(repos.work, repos.env, 'fetch', '--quiet', 'origin')
  return {releases, head}
}

/** A second clone, for the colleague who pushes while we work. */
export async function colleagueClone(repos: Repos): Promise<string> {
  const dir = path.join(repos.root, `colleague-${Math.random().toString(36).slice(2, 8)}`)
  await git(repos.root, repos.env, 'clone', '--quiet', repos.origin, dir)
  return dir
}

/** The colleague commits a hotfix on stable and pushes it; returns its sha. */
export async function pushHotfix(repos: Repos, message = 'fix: hotfix pushed by a colleague'): Promise<string> {
  const dir = await colleagueClone(repos)
  await git(dir, repos.env, 'checkout', '--quiet', 'stable')
  const sha = await commit(repos, dir, message, {author: 'Colleague', file: 'hotfix.txt'})
  await git(dir, repos.env, 'push', '--quiet', 'origin', 'stable')
  return sha
}

/** A pre-receive hook on origin that refuses rewriting `branch`, like GitHub's protected branches. */
export async function protectBranch(repos: Repos, branch = 'stable'): Promise<void> {
  const hook = path.join(repos.origin, 'hooks', 'pre-receive')
  await writeFile(
    hook,
    `#!/bin/sh
while read old new ref; do
  if [ "$ref" = "refs/heads/${branch}" ] && [ "$old" != "${ZERO}" ] && [ "$new" != "${ZERO}" ] && ! git merge-base --is-ancestor "$old" "$new"; then
    echo "GH006: Protected branch update failed for $ref." >&2
    echo "error: Cannot force-push to this branch" >&2
    exit 1
  fi
done
exit 0
`,
  )
  await chmod(hook, 0o755)
}

/**
 * Makes the next push from `cwd` race with a colleague: just before receive-pack starts, the
 * colleague's commit (already in origin under a side branch) becomes the head of `branch`.
 */
export async function colleaguePushesFirst(repos: Repos, cwd: string, branch = 'stable'): Promise<string> {
  const dir = await colleagueClone(repos)
  await git(dir, repos.env, 'checkout', '--quiet', branch)
  const sha = await commit(repos, dir, 'fix: urgent hotfix that landed during the rollback', {author: 'Colleague', file: 'hotfix.txt'})
  await git(dir, repos.env, 'push', '--quiet', 'origin', `${sha}:refs/heads/colleague-wip`)
  const wrapper = path.join(repos.root, 'receive-pack-race.sh')
  await writeFile(wrapper, `#!/bin/sh\ngit --git-dir="${repos.origin}" update-ref refs/heads/${branch} ${sha}\nexec git-receive-pack "$@"\n`)
  await chmod(wrapper, 0o755)
  await git(cwd, repos.env, 'config', 'remote.origin.receivepack', wrapper)
  return sha
}

/** Every ref with its sha, plus HEAD: compare before and after to prove nothing changed. */
export async function snapshot(repos: Repos, cwd: string): Promise<string> {
  const refs = await git(cwd, repos.env, 'for-each-ref', '--format=%(refname) %(objectname)')
  const head = cwd === repos.origin ? '' : `${await git(cwd, repos.env, 'symbolic-ref', '-q', 'HEAD')} ${await git(cwd, repos.env, 'rev-parse', 'HEAD')}`
  return `${head}\n${refs}`
}

export async function remoteHead(repos: Repos, branch = 'stable'): Promise<string> {
  return git(repos.origin, repos.env, 'rev-parse', `refs/heads/${branch}`)
}
