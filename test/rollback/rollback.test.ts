import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {runRollbackList} from '../../src/rollback/index.js'
import {colleagueClone, commit, createRepos, git, pushHotfix, remoteHead, snapshot, withReleases, type Repos} from '../support/git-repos.js'
import {failure, rollback} from './support.js'

describe('rollback (use case, real git)', () => {
  it('rolls origin/stable back to the tag, pushes an annotated backup of the old head, moves local stable and leaves you on main', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    const result = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0', reason: 'v1.2.0 leaks e-mails'})

    expect(result).toMatchObject({
      status: 'done',
      kind: 'rollback',
      current: {sha: head, label: 'v1.2.0'},
      target: {sha: releases['v1.1.0'], tag: 'v1.1.0', by_default: false},
    })
    expect(result.discarded.map((c) => c.subject)).toEqual(['feat: work for 1.2.0'])
    expect(result.releases_removed).toEqual(['v1.2.0'])
    expect(result.local_outcome).toMatchObject({action: 'moved'})
    // The remote: branch at the target, backup tag pointing at the old head, nothing else changed.
    expect(await remoteHead(repos)).toBe(releases['v1.1.0'])
    expect(await git(repos.origin, repos.env, 'rev-parse', `refs/tags/${result.backup_tag}^{commit}`)).toBe(head)
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/heads/main')).toBe(head)
    const message = await git(repos.origin, repos.env, 'tag', '-l', '--format=%(contents)', result.backup_tag)
    expect(message).toContain(`from: ${head} v1.2.0`)
    expect(message).toContain(`to: ${releases['v1.1.0']} v1.1.0`)
    expect(message).toContain('by: Release Engineer <re@example.com>')
    expect(message).toContain('reason: v1.2.0 leaks e-mails')
    expect(message).toMatch(/^at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m)
    // Locally: stable follows, we are still on main with an untouched working tree.
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(releases['v1.1.0'])
    expect(await git(repos.work, repos.env, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main')
    expect(await git(repos.work, repos.env, 'status', '--porcelain')).toBe('')
    expect(result.push.args).toEqual([
      'push',
      '--porcelain',
      '--atomic',
      `--force-with-lease=refs/heads/stable:${head}`,
      'origin',
      `${releases['v1.1.0']}:refs/heads/stable`,
      `refs/tags/${result.backup_tag}:refs/tags/${result.backup_tag}`,
    ])
  })

  it('defaults to the release before the current one, also with a hotfix on top of it', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    const hotfix = await pushHotfix(repos)
    const result = await rollback(repos, {confirm: 'v1.1.0'})
    expect(result.current).toMatchObject({sha: hotfix, label: 'v1.2.0+1', release: 'v1.2.0', tags: []})
    expect(result.target).toMatchObject({tag: 'v1.1.0', by_default: true, sha: releases['v1.1.0']})
    expect(result.discarded.map((c) => c.sha)).toEqual([hotfix, releases['v1.2.0']])
    expect(await remoteHead(repos)).toBe(releases['v1.1.0'])
  })

  it('--dry-run prints the plan and changes no ref, here or on the remote', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const before = [await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]
    const shown: string[] = []
    const result = await rollback(repos, {dryRun: true, reason: 'drill'}, {show: (text) => shown.push(text)})
    expect(result.status).toBe('dry_run')
    expect([await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]).toEqual(before)
    const text = shown.join('')
    for (const part of [
      'Rollback of origin/stable to v1.1.0',
      'previous release, chosen by default',
      'feat: work for 1.2.0',
      'Releases no longer on origin/stable: v1.2.0',
      result.backup_tag,
      result.push.command,
      result.undo_command,
      'Dry run: nothing was changed',
    ]) {
      expect(text).toContain(part)
    }
  })

  it('moves a checked-out stable with its files, and --no-local leaves the local branch alone', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    await git(repos.work, repos.env, 'switch', '--quiet', 'stable')
    await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    expect(await git(repos.work, repos.env, 'rev-parse', 'HEAD')).toBe(releases['v1.1.0'])
    expect(await git(repos.work, repos.env, 'symbolic-ref', 'HEAD')).toBe('refs/heads/stable')
    expect(await readFile(path.join(repos.work, 'app.txt'), 'utf8')).not.toContain('1.2.0')

    const other = await createRepos()
    await withReleases(other)
    const result = await rollback(other, {to: 'v1.0.0', confirm: 'v1.0.0', local: false})
    expect(result.local_outcome).toMatchObject({action: 'skipped'})
    expect(await git(other.work, other.env, 'rev-parse', 'refs/heads/stable')).toBe(await git(other.work, other.env, 'rev-parse', 'v1.2.0^{commit}'))
    expect(head).toHaveLength(40)
  })

  it('refuses to move a local stable that holds unpushed commits, unless --no-local (exit 3)', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    await git(repos.work, repos.env, 'switch', '--quiet', 'stable')
    await commit(repos, repos.work, 'local only, never pushed')
    await git(repos.work, repos.env, 'switch', '--quiet', 'main')
    const before = await remoteHead(repos)
    expect(await failure(rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'}))).toMatchObject({exitCode: 3, code: 'E_LOCAL_AHEAD'})
    expect(await remoteHead(repos)).toBe(before)
    await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0', local: false})
    expect(await remoteHead(repos)).not.toBe(before)
  })

  it('--undo restores exactly the previous head, and is itself reversible', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const hotfix = await pushHotfix(repos)
    const first = await rollback(repos, {to: 'v1.0.0', confirm: 'v1.0.0', reason: 'bad release'})
    const undo = await rollback(repos, {undo: {}, confirm: first.backup_tag})
    expect(undo).toMatchObject({
      kind: 'undo',
      target: {tag: first.backup_tag, sha: hotfix, by_default: true},
      discarded: [],
      releases_restored: ['v1.2.0', 'v1.1.0'],
    })
    expect(undo.restored).toHaveLength(3)
    expect(undo.reason).toBe(`undo of ${first.backup_tag}`)
    expect(await remoteHead(repos)).toBe(hotfix)
    expect(await git(repos.work, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(hotfix)
    // The undo has its own backup, of the rolled-back head.
    expect(await git(repos.origin, repos.env, 'rev-parse', `refs/tags/${undo.backup_tag}^{commit}`)).toBe(first.target.sha)
  })

  it('--undo of a given backup warns about commits pushed after the rollback, and refuses other tags (exit 4)', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const first = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    const later = await pushHotfix(repos, 'fix: pushed after the rollback')
    // Without a named backup, a branch that moved since the rollback is refused: tags can be forged.
    expect(await failure(rollback(repos, {undo: {}, dryRun: true}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('has moved since the latest rollback'),
    })
    const undo = await rollback(repos, {undo: {backupTag: first.backup_tag}, dryRun: true})
    expect(undo.discarded.map((c) => c.sha)).toEqual([later])
    expect(undo.warnings).toEqual([expect.stringContaining('1 commit(s) reached origin/stable after that rollback')])
    expect(await failure(rollback(repos, {undo: {backupTag: 'v1.0.0'}, confirm: 'v1.0.0'}))).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('not an llmops backup tag'),
    })
    expect(await failure(rollback(repos, {undo: {backupTag: 'llmops/backup/stable-19990101T000000Z'}}))).toMatchObject({exitCode: 4})
  })

  it('--list shows past rollbacks, newest first, also to a colleague who only fetched', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0', reason: 'first'})
    await rollback(repos, {to: 'v1.0.0', confirm: 'v1.0.0', reason: 'second'})
    const other = {...repos, work: path.join(repos.root, 'viewer')}
    await git(repos.root, repos.env, 'clone', '--quiet', '--no-tags', repos.origin, other.work)
    const shown: string[] = []
    const list = await runRollbackList({branch: 'stable', remote: 'origin'}, {cwd: other.work, env: repos.env, show: (t) => shown.push(t)})
    expect(list.warnings).toEqual([])
    expect(list.rollbacks.map((r) => [r.kind, r.from.sha, r.to.label, r.reason, r.by])).toEqual([
      ['rollback', releases['v1.1.0'], 'v1.0.0', 'second', 'Release Engineer <re@example.com>'],
      ['rollback', head, 'v1.1.0', 'first', 'Release Engineer <re@example.com>'],
    ])
    expect(shown.join('')).toMatch(
      /Rollbacks of origin\/stable, newest first:[\s\S]*v1\.1\.0 \(\w{7}\) -> v1\.0\.0[\s\S]*reason {2}second[\s\S]*reason {2}first/,
    )
    const none = await runRollbackList({branch: 'main', remote: 'origin'}, {cwd: other.work, env: repos.env})
    expect(none.rollbacks).toEqual([])
  })
})

describe('rollback --undo trusts only backups it can verify', () => {
  /** What someone who can push tags (not branches) can do: a backup tag on an unreviewed commit. */
  async function forgeBackup(repos: Repos, realTag: string, head: string, fromSha: string): Promise<{tag: string; sha: string}> {
    const dir = await colleagueClone(repos)
    await git(dir, repos.env, 'checkout', '--quiet', '--detach', fromSha)
    const sha = await commit(repos, dir, 'chore: nothing to see here', {author: 'Mallory', file: 'payload.txt'})
    const stamp = realTag.slice(-16, -1)
    const later = `${stamp.slice(0, -2)}${String(Number(stamp.slice(-2)) + 1).padStart(2, '0')}`
    const tag = `llmops/backup/stable-${later}Z`
    const message = [
      'llmops rollback: origin/stable forged',
      '',
      'kind: rollback',
      'branch: stable',
      'remote: origin',
      `from: ${sha} v1.2.0`,
      `to: ${head} v1.1.0`,
      'by: Release Engineer <re@example.com>',
      `at: 2999-01-01T00:00:00Z`,
      'reason: routine',
      '',
    ].join('\n')
    await git(dir, repos.env, 'tag', '-a', '-m', message, tag, sha)
    await git(dir, repos.env, 'push', '--quiet', 'origin', `refs/tags/${tag}`)
    return {tag, sha}
  }

  it('passes over a forged backup tag on an unreviewed commit and restores the real one', async () => {
    const repos = await createRepos()
    const {head: released} = await withReleases(repos)
    const first = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    const forged = await forgeBackup(repos, first.backup_tag, first.target.sha, released)
    const plan = await rollback(repos, {undo: {}, dryRun: true})
    expect(plan.target).toMatchObject({tag: first.backup_tag, sha: released})
    expect(plan.verification).toEqual({verified: true, detail: expect.stringContaining('is a release on origin/main')})
    expect(plan.warnings).toEqual([expect.stringContaining(`passed over an unverified backup: ${forged.tag}`)])
    expect(plan.restored.map((c) => c.sha)).not.toContain(forged.sha)
  })

  it('refuses (exit 4) when the only backup that matches is forged, and restores it only when named, with a warning', async () => {
    const repos = await createRepos()
    const {head: released} = await withReleases(repos)
    const first = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    await git(repos.origin, repos.env, 'tag', '-d', first.backup_tag)
    await git(repos.work, repos.env, 'tag', '-d', first.backup_tag)
    const forged = await forgeBackup(repos, first.backup_tag, first.target.sha, released)
    expect(await failure(rollback(repos, {undo: {}, dryRun: true}))).toMatchObject({
      exitCode: 4,
      code: 'E_UNVERIFIED_BACKUP',
      message: expect.stringContaining(`${forged.tag} (${forged.sha.slice(0, 12)} is no release on origin/main`),
    })
    const named = await rollback(repos, {undo: {backupTag: forged.tag}, dryRun: true})
    expect(named.verification?.verified).toBe(false)
    expect(named.warnings[0]).toMatch(/^UNVERIFIED BACKUP: .*it may never have been on the branch/)
    // the plan names every commit that would come back, with its author
    expect(named.restored).toEqual(expect.arrayContaining([expect.objectContaining({sha: forged.sha, author: 'Mallory'})]))
  })

  it('a backup whose tag does not point at the commit its record names is unverified', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const first = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    const plan = await rollback(repos, {undo: {}, dryRun: true})
    expect(plan.verification?.verified).toBe(true)
    // retarget the real tag name at another commit, keeping its message
    const message = await git(repos.work, repos.env, 'tag', '-l', '--format=%(contents)', first.backup_tag)
    await git(repos.work, repos.env, 'tag', '-f', '-a', '-m', message, first.backup_tag, 'v1.0.0')
    await git(repos.work, repos.env, 'push', '--quiet', '--force', 'origin', `refs/tags/${first.backup_tag}`)
    const named = await rollback(repos, {undo: {backupTag: first.backup_tag}, dryRun: true})
    expect(named.verification).toEqual({verified: false, detail: expect.stringContaining('but its record says it saved')})
  })
})

describe('rollback chooses no target that a pushed tag can decide', () => {
  it('refuses a default target when two release tags share a commit, and ignores lightweight tags', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    const dir = await colleagueClone(repos)
    // a duplicate release on the head, and a lightweight "release" inside 1.2.0
    await git(dir, repos.env, 'tag', '-a', '-m', 'Release v1.2.1', 'v1.2.1', head)
    await git(dir, repos.env, 'push', '--quiet', 'origin', 'refs/tags/v1.2.1')
    expect(await failure(rollback(repos, {dryRun: true}))).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/v1\.2\.1 and v1\.2\.0 point at the same commit|v1\.2\.0 and v1\.2\.1 point at the same commit/),
    })
    await git(dir, repos.env, 'push', '--quiet', 'origin', ':refs/tags/v1.2.1')
    await git(repos.work, repos.env, 'tag', '-d', 'v1.2.1')
    await git(dir, repos.env, 'tag', 'v1.1.5', `${releases['v1.2.0']}~0`)
    await git(dir, repos.env, 'push', '--quiet', 'origin', 'refs/tags/v1.1.5')
    const plan = await rollback(repos, {dryRun: true})
    expect(plan.target.tag).toBe('v1.1.0')
  })

  it('--undo passes over a copied backup that names an unreleased commit on main', async () => {
    const repos = await createRepos()
    const {head: released} = await withReleases(repos)
    const first = await rollback(repos, {to: 'v1.1.0', confirm: 'v1.1.0'})
    // work on main that was never released
    const wip = await commit(repos, repos.work, 'wip: unreleased experiment')
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')
    const message = (await git(repos.work, repos.env, 'tag', '-l', '--format=%(contents)', first.backup_tag))
      .replace(/^from: \S+/m, `from: ${wip} v1.2.0`)
      .replace(/^at: .*$/m, 'at: 2999-01-01T00:00:00Z')
    await git(repos.work, repos.env, 'tag', '-a', '-m', message, 'llmops/backup/stable-29990101T000000Z', wip)
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'refs/tags/llmops/backup/stable-29990101T000000Z')
    const plan = await rollback(repos, {undo: {}, dryRun: true})
    expect(plan.target).toMatchObject({tag: first.backup_tag, sha: released})
    expect(plan.warnings.join('\n')).toContain('passed over an unverified backup: llmops/backup/stable-29990101T000000Z')
  })
})
