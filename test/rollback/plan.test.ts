import {describe, expect, it} from 'vitest'

import {backupTagName} from '../../src/branch/backup-tag.js'
import {labelFor} from '../../src/branch/commit-view.js'
import {interpretPush} from '../../src/branch/push.js'
import {cleanReason} from '../../src/branch/reason.js'
import {assertSafeName} from '../../src/branch/ref-names.js'
import {releasesNewestFirst, releaseVersion} from '../../src/branch/release-tags.js'
import {compareSemVer, parseSemVer} from '../../src/branch/semver.js'
import type {TagRef} from '../../src/git/index.js'
import {parseBackupMessage, formatBackupMessage} from '../../src/rollback/backup-message.js'
import {checkTarget, defaultTarget} from '../../src/rollback/plan.js'

const sha = (c: string): string => c.repeat(40)
const tag = (name: string, commit: string, message = ''): TagRef => ({
  name,
  sha: sha(commit),
  annotated: true,
  date: '2026-01-01T00:00:00Z',
  tagger: 'x',
  message,
})

describe('names', () => {
  it('rejects values git could read as options, empty values and control characters (exit 2)', () => {
    for (const bad of ['--upload-pack=touch /tmp/x', '-x', '', 'v1 2', 'v1\n2', 'a\u001b[2Jb']) {
      expect(() => assertSafeName('--to', bad), JSON.stringify(bad)).toThrow(expect.objectContaining({exitCode: 2, code: 'E_BAD_REF_NAME'}))
    }

    expect(() => assertSafeName('--to', 'v1.2.0')).not.toThrow()
    expect(() => assertSafeName('--branch', 'release/2026-q4')).not.toThrow()
  })

  it('parses semantic versions strictly and sorts them by precedence', () => {
    for (const bad of ['1.4', '01.2.3', '1.2.3.4', 'v1.2.3', 'latest', '1.2.3-']) expect(parseSemVer(bad), bad).toBeNull()
    expect(releaseVersion('v2.0.0-rc.1+build.5')).toEqual({major: 2, minor: 0, patch: 0, prerelease: ['rc', '1'], build: 'build.5'})
    expect(releaseVersion('2.0.0')).toBeNull()
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ]
    const parsed = order.map((v) => parseSemVer(v)!)
    for (let i = 1; i < parsed.length; i++) expect(compareSemVer(parsed[i - 1]!, parsed[i]!), `${order[i - 1]} < ${order[i]}`).toBe(-1)
  })

  it('names backups by branch and UTC second, with a counter when taken', () => {
    const now = new Date('2026-11-27T14:02:57.123Z')
    expect(backupTagName('stable', now, new Set())).toBe('llmops/backup/stable-20261127T140257Z')
    expect(backupTagName('stable', now, new Set(['llmops/backup/stable-20261127T140257Z']))).toBe('llmops/backup/stable-20261127T140257Z-2')
  })

  it('keeps a reason on one line, without control characters', () => {
    expect(cleanReason('  leaks\ne-mails\u001b[31m  ')).toBe('leaks e-mails [31m')
    expect(cleanReason('   ')).toBeNull()
    expect(cleanReason(undefined)).toBeNull()
  })
})

describe('default target', () => {
  const releases = releasesNewestFirst([tag('v1.0.0', 'a'), tag('v1.10.0', 'c'), tag('v1.2.0', 'b'), tag('not-a-release', 'd'), tag('v1.10.0-rc.1', 'c')])

  it('takes the next lower release on another commit, by version (1.10 > 1.2)', () => {
    expect(releases.map((r) => r.name)).toEqual(['v1.10.0', 'v1.10.0-rc.1', 'v1.2.0', 'v1.0.0'])
    const {current, target} = defaultTarget(releases, 'origin/stable')
    expect([current.name, target.name]).toEqual(['v1.10.0', 'v1.2.0'])
  })

  it('prefers the previous release recorded by llmops release, skipping one rolled back earlier', () => {
    const recorded = releasesNewestFirst([tag('v1.3.0', 'd', 'Release v1.3.0\n\nprevious: v1.1.0\n'), tag('v1.2.0', 'c'), tag('v1.1.0', 'b')])
    expect(defaultTarget(recorded, 'origin/stable').target.name).toBe('v1.1.0')
  })

  it('is an invalid target (exit 4) when there is no release, or only one', () => {
    expect(() => defaultTarget([], 'origin/stable')).toThrow(expect.objectContaining({exitCode: 4, message: expect.stringContaining('no release tag')}))
    expect(() => defaultTarget(releasesNewestFirst([tag('v1.0.0', 'a')]), 'origin/stable')).toThrow(
      expect.objectContaining({exitCode: 4, message: expect.stringContaining('only release')}),
    )
  })

  it('labels commits by the release they are at or after', () => {
    const [v110] = releases
    expect(labelFor(sha('c'), v110, 0)).toBe('v1.10.0')
    expect(labelFor(sha('e'), v110, 2)).toBe('v1.10.0+2')
    expect(labelFor(sha('e'), undefined, 0)).toBe('eeeeeee')
  })

  it('refuses a target that is the head, or (for a rollback) not in its history', () => {
    const base = {tag: 'v1.2.0', targetSha: sha('b'), headSha: sha('c'), inHistory: true, where: 'origin/stable'}
    expect(() => checkTarget({...base, kind: 'rollback'})).not.toThrow()
    expect(() => checkTarget({...base, kind: 'rollback', headSha: sha('b')})).toThrow(
      expect.objectContaining({exitCode: 4, message: expect.stringContaining('already at')}),
    )
    expect(() => checkTarget({...base, kind: 'rollback', inHistory: false})).toThrow(
      expect.objectContaining({exitCode: 4, message: expect.stringContaining('not in the history')}),
    )
    expect(() => checkTarget({...base, kind: 'undo', inHistory: false})).not.toThrow()
  })
})

describe('backup message', () => {
  it('round-trips: what a rollback writes, --list reads back', () => {
    const record = {
      kind: 'rollback' as const,
      branch: 'stable',
      remote: 'origin',
      from: {sha: sha('a'), label: 'v1.3.0+1'},
      to: {sha: sha('b'), label: 'v1.2.0'},
      by: 'A <a@x>',
      at: '2026-11-27T14:02:57Z',
      reason: 'leaks: e-mails',
    }
    const message = formatBackupMessage(record)
    expect(parseBackupMessage('llmops/backup/stable-x', message)).toEqual({backup_tag: 'llmops/backup/stable-x', ...record})
    expect(parseBackupMessage('t', formatBackupMessage({...record, reason: null}))?.reason).toBeNull()
    expect(parseBackupMessage('t', 'some other tag message')).toBeNull()
  })
})

describe('interpretPush', () => {
  const out = (exitCode: number, stdout: string, stderr = '') => ({exitCode, stdout, stderr})
  it('finds the cause among atomic-push lines', () => {
    expect(interpretPush(out(0, 'To o\n+\tx:refs/heads/stable\ta...b (forced update)\n*\trefs/tags/t:refs/tags/t\t[new tag]\nDone\n'))).toEqual({ok: true})
    const stale = out(1, 'To o\n!\tx:refs/heads/stable\t[rejected] (stale info)\n!\trefs/tags/t:refs/tags/t\t[rejected] (atomic push failed)\nDone\n')
    expect(interpretPush(stale)).toMatchObject({ok: false, reason: 'stale', detail: '[rejected] (stale info)'})
    const hook = out(
      1,
      '!\tx:refs/heads/stable\t[remote rejected] (pre-receive hook declined)\n',
      'remote: GH006: Protected branch update failed for refs/heads/stable.        \n',
    )
    expect(interpretPush(hook)).toMatchObject({reason: 'refused', detail: 'GH006: Protected branch update failed for refs/heads/stable.'})
    expect(
      interpretPush(out(1, '!\tx:refs/heads/stable\t[rejected] (atomic push failed)\n!\trefs/tags/t:refs/tags/t\t[rejected] (already exists)\n')),
    ).toMatchObject({reason: 'exists'})
    expect(interpretPush(out(128, '', "fatal: 'nowhere' does not appear to be a git repository\n"))).toMatchObject({
      reason: 'failed',
      detail: expect.stringContaining('does not appear'),
    })
  })
})

describe('cleanReason masks what people paste in a hurry', () => {
  it('masks personal data and secrets, keeps the rest on one line', () => {
    const reason = cleanReason('v1.1.0 leaked jane.doe@example.com\nand key ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5')
    expect(reason).toMatch(/^v1\.1\.0 leaked j\*\*\*@e\*\*\*\.com and key ghp_\*+$/)
    expect(cleanReason('   ')).toBeNull()
  })
})
