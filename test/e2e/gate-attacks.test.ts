/**
 * A pull request written by someone who wants its PII to merge: each way it could try to talk the
 * gate out of its verdict, run against real repositories and fresh clones, as CI sees them.
 */
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {gzipSync} from 'node:zlib'

import {describe, expect, it} from 'vitest'

import {llmops} from '../helpers.js'
import {git} from '../support/git-repos.js'
import {prRepo, rec, type PrRepo} from '../support/pr-repo.js'

const BASE_LOG = rec('b1', 'nothing personal here') + '\n'
const LEAK = [rec('p1', 'mail jane.attacker@example.com'), rec('p2', 'card 4111 1111 1111 1111')].join('\n') + '\n'

/** The pull request as actions/checkout gives it: a fresh clone of the PR branch. */
async function freshClone(repo: PrRepo): Promise<string> {
  await git(repo.work, repo.env, 'push', '-q', 'origin', 'main', 'feature')
  const clone = path.join(repo.root, `clone-${Math.random().toString(36).slice(2)}`)
  await git(repo.root, repo.env, 'clone', '-q', '--branch', 'feature', repo.origin, clone)
  await git(clone, repo.env, 'fetch', '-q', 'origin', 'main:main')
  return clone
}

async function gate(cwd: string, repo: PrRepo, extra: string[] = []) {
  return llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii,secret', '--format', 'summary', ...extra], {cwd, env: repo.env})
}

describe('content the checkout shows differently from what git holds', () => {
  it('a .gitattributes working-tree-encoding does not hide the committed log', async () => {
    // the log is committed as UTF-8, then the attribute that re-encodes its checkout
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/new.jsonl': LEAK})
    await writeFile(path.join(repo.work, '.gitattributes'), 'logs/new.jsonl working-tree-encoding=UTF-16LE-BOM\n')
    await git(repo.work, repo.env, 'add', '.gitattributes')
    await git(repo.work, repo.env, 'commit', '-q', '-m', 'attributes')
    const clone = await freshClone(repo)
    // the clone's working tree really is UTF-16 (what the old gate read and could not decode)
    expect((await readFile(path.join(clone, 'logs/new.jsonl'))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]))
    const committed = await gate(clone, repo)
    expect(committed.exitCode, String(committed.stderr)).toBe(1)
    expect(String(committed.stdout)).toMatch(/FAILED: 2 pii/)
    // and the working tree, when asked for, is decoded by its byte order mark
    const worktree = await gate(clone, repo, ['--uncommitted'])
    expect(worktree.exitCode).toBe(1)
    expect(String(worktree.stdout)).toMatch(/FAILED: 2 pii/)
  })

  it('a filter that would clean the checkout is never run: the gate reads blobs', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'.gitattributes': 'logs/*.jsonl filter=scrub\n', 'logs/new.jsonl': LEAK})
    const clone = await freshClone(repo)
    await git(clone, repo.env, 'config', 'filter.scrub.smudge', 'sed s/jane/nobody/')
    const result = await gate(clone, repo)
    expect(result.exitCode).toBe(1)
    expect(String(result.stdout)).toMatch(/FAILED: 2 pii/)
  })

  it.each([
    ['UTF-16 committed as such', Buffer.from(`\uFEFF${LEAK}`, 'utf16le'), /FAILED: 2 pii/],
    ['gzip inside gzip', gzipSync(gzipSync(LEAK)), /FAILED: 2 pii/],
    ['a bzip2 file', Buffer.from('BZh91AY&SY compressed'), /FAILED: 1 unscanned/],
  ])('%s', async (_name, bytes, verdict) => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {})
    await writeFile(path.join(repo.work, 'logs', 'new.jsonl'), bytes)
    await git(repo.work, repo.env, 'add', '-A')
    await git(repo.work, repo.env, 'commit', '-q', '-m', 'add a log')
    const result = await gate(repo.work, repo)
    expect(result.exitCode, String(result.stderr)).toBe(1)
    expect(String(result.stdout)).toMatch(verdict)
  })

  it('says which changes are left out when they are not committed', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {})
    await writeFile(path.join(repo.work, 'logs', 'wip.jsonl'), LEAK)
    const result = await gate(repo.work, repo)
    expect(result.exitCode).toBe(0)
    expect(String(result.stderr)).toMatch(/1 log file with uncommitted changes not scanned .*logs\/wip\.jsonl; commit them, or pass --uncommitted/)
    expect((await gate(repo.work, repo, ['--uncommitted'])).exitCode).toBe(1)
  })
})

describe('git objects the gate cannot read', () => {
  it('a blob git fails to give fails the gate, naming the file, and never reads as an empty log', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': BASE_LOG + LEAK})
    // A missing object (a damaged or partial clone): `git cat-file blob` exits 128 after no bytes.
    const blob = await git(repo.work, repo.env, 'rev-parse', 'feature:logs/chat.jsonl')
    await rm(path.join(repo.work, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
    const result = await gate(repo.work, repo)
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toMatch(/^Error: input logs\/chat\.jsonl cannot be read: git cat-file failed for logs\/chat\.jsonl at [0-9a-f]{12}/m)
    expect(String(result.stdout)).not.toMatch(/passed/i)
  })

  it('the base side names itself in its errors; a path that was a directory at the base is all new', async () => {
    // The base holds a cut gzip; the change, a plain log.
    const corrupt = await prRepo({'logs/chat.jsonl': gzipSync(BASE_LOG).subarray(0, 30)}, {'logs/chat.jsonl': LEAK})
    const cut = await gate(corrupt.work, corrupt)
    expect(cut.exitCode).toBe(2)
    expect(String(cut.stderr)).toContain('logs/chat.jsonl at the base: not a valid gzip stream')

    const dir = await prRepo({'logs/chat.jsonl/a.txt': 'a directory at the base\n'}, {})
    await git(dir.work, dir.env, 'rm', '-q', '-r', 'logs/chat.jsonl')
    await mkdir(path.join(dir.work, 'logs'), {recursive: true})
    await writeFile(path.join(dir.work, 'logs', 'chat.jsonl'), BASE_LOG + LEAK)
    await git(dir.work, dir.env, 'add', '-A')
    await git(dir.work, dir.env, 'commit', '-q', '-m', 'a log where a directory was')
    const replaced = await gate(dir.work, dir)
    expect(replaced.exitCode, String(replaced.stderr)).toBe(1)
    expect(String(replaced.stdout)).toMatch(/FAILED: 2 pii/)
  })
})

describe("a pull request's own config cannot weaken its gate", () => {
  const nested = rec('n1', 'ok', {meta: {contact: 'jane.nested@example.com'}}) + '\n'
  const weakening: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['excludes its own file', {gate: {exclude: [{path: 'logs/new.jsonl', reason: 'trust me'}]}}, LEAK, /gate\.exclude adds "logs\/new\.jsonl"/],
    ['narrows gate.paths', {gate: {paths: ['docs/**/*.jsonl']}}, LEAK, /gate\.paths no longer lists "\*\*\/\*\.jsonl"/],
    ['allowlists every value', {allowlist: {patterns: ['.*']}}, LEAK, /allowlist\.patterns adds "\.\*"/],
    ['allowlists the leaked address', {allowlist: {values: ['jane.attacker@example.com']}}, LEAK, /allowlist\.values adds "j\*\*\*@e\*\*\*\.com"/],
    ['disables the rules', {rules: {disable: ['pii.email', 'pii.credit_card']}}, LEAK, /rules\.disable adds "pii\.email", "pii\.credit_card"/],
    ['raises minConfidence', {rules: {minConfidence: 1}}, LEAK, /rules\.minConfidence rises from 0\.5 to 1/],
    ['stops scanning other fields', {monitor: {scanAllFields: false}}, nested, /monitor\.scanAllFields is turned off/],
  ]

  it.each(weakening)('%s: the base config decides, and reviewers are told', async (_name, config, log, notice) => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'.llmops.json': JSON.stringify(config), 'logs/new.jsonl': log})
    const result = await gate(repo.work, repo)
    expect(result.exitCode, String(result.stderr)).toBe(1)
    expect(String(result.stderr)).toMatch(/This change's config would weaken the gate \(this run used the base's config\)/)
    expect(String(result.stderr)).toMatch(notice)
    expect(String(result.stderr)).not.toContain('jane.attacker')
  })

  it('the Action config file is read from the base too, and the notice reaches the annotations and the job summary', async () => {
    const repo = await prRepo(
      {'logs/chat.jsonl': BASE_LOG, '.github/llmops-gate.json': JSON.stringify({gate: {paths: ['**/*.jsonl']}})},
      {'.github/llmops-gate.json': JSON.stringify({gate: {paths: ['nothing/*.jsonl']}}), 'logs/new.jsonl': LEAK},
    )
    const summary = path.join(repo.root, 'summary.md')
    await writeFile(summary, '')
    const result = await llmops(
      ['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--format', 'summary', '--config', '.github/llmops-gate.json', '--github'],
      {cwd: repo.work, env: {...repo.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary}},
    )
    expect(result.exitCode).toBe(1)
    expect(String(result.stdout)).toMatch(/::notice title=llmops%3A this change's config would weaken the gate::gate\.paths no longer lists/)
    expect(await readFile(summary, 'utf8')).toMatch(/This change's config would weaken the gate/)
  })

  it('--fail-on-weakened-config, or the base asking for it, fails a change that only weakens the config', async () => {
    const repo = await prRepo(
      {'logs/chat.jsonl': BASE_LOG},
      {'.llmops.json': JSON.stringify({rules: {disable: ['pii.email']}}), 'logs/new.jsonl': rec('c1', 'clean') + '\n'},
    )
    expect((await gate(repo.work, repo)).exitCode).toBe(0)
    const flagged = await gate(repo.work, repo, ['--fail-on-weakened-config'])
    expect(flagged.exitCode).toBe(1)
    expect(String(flagged.stdout)).toMatch(/FAILED: weakened_config \(rules\.disable adds "pii\.email"\)/)

    const strict = await prRepo(
      {'logs/chat.jsonl': BASE_LOG, '.llmops.json': JSON.stringify({gate: {failOnWeakenedConfig: true}})},
      {'.llmops.json': JSON.stringify({gate: {failOnWeakenedConfig: false}, allowlist: {emailDomains: ['example.com']}})},
    )
    const result = await gate(strict.work, strict)
    expect(result.exitCode).toBe(1)
    expect(String(result.stdout)).toMatch(/weakened_config \(.*gate\.failOnWeakenedConfig is turned off.*allowlist\.emailDomains adds "example\.com"/)
  })

  it('a config that only makes the gate stricter is no notice', async () => {
    const repo = await prRepo(
      {'logs/chat.jsonl': BASE_LOG},
      {'.llmops.json': JSON.stringify({rules: {minConfidence: 0.3}, gate: {failOnWeakenedConfig: true}})},
    )
    const result = await gate(repo.work, repo, ['--fail-on-weakened-config'])
    expect(result.exitCode).toBe(0)
    expect(String(result.stderr)).not.toMatch(/weaken/)
  })
})

describe('one error, one exit code', () => {
  it('the monitor outside a repository, or in a clone too shallow for the base, exits 3 as rollback does', async () => {
    const {tempDir} = await import('../helpers.js')
    const outside = await tempDir()
    const result = await llmops(['monitor', '--changed-since', 'main'], {cwd: outside})
    expect(result.exitCode).toBe(3)
    expect(String(result.stderr)).toMatch(/needs a git repository/)
    const rollback = await llmops(['rollback', '--dry-run'], {cwd: outside})
    expect(rollback.exitCode).toBe(3)

    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/new.jsonl': LEAK})
    await git(repo.work, repo.env, 'push', '-q', 'origin', 'main', 'feature')
    const shallow = path.join(repo.root, 'shallow')
    await git(repo.root, repo.env, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.origin}`, shallow)
    await git(shallow, repo.env, 'fetch', '-q', '--depth', '1', 'origin', 'main:main')
    const gated = await gate(shallow, repo)
    expect(gated.exitCode).toBe(3)
    expect(String(gated.stderr)).toMatch(/no common commit in this clone/)
  })
})

describe("a second attacker's pass: refs, paths and identities the gate must not trust", () => {
  it('a tag named like the base branch is refused as ambiguous, never taken as the base', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/new.jsonl': LEAK})
    const clone = await freshClone(repo)
    // the attacker pushes tags that point at the pull request itself
    await git(repo.work, repo.env, 'push', '-q', 'origin', 'feature:refs/tags/main', 'feature:refs/tags/origin/main')
    await git(clone, repo.env, 'fetch', '-q', '--tags', 'origin')
    for (const ref of ['main', 'origin/main']) {
      const result = await llmops(['monitor', '--changed-since', ref, '--fail-on', 'pii'], {cwd: clone, env: repo.env})
      expect(result.exitCode, ref).toBe(2)
      expect(String(result.stderr)).toMatch(new RegExp(`--changed-since ${ref} is ambiguous: .*refs/tags/${ref}`))
    }

    expect(
      (await llmops(['monitor', '--changed-since', 'refs/remotes/origin/main', '--fail-on', 'pii', '--format', 'summary'], {cwd: clone, env: repo.env}))
        .exitCode,
    ).toBe(1)
  })

  it('an exclusion matches only the case it is written in', async () => {
    const repo = await prRepo(
      {'logs/chat.jsonl': BASE_LOG, '.llmops.json': JSON.stringify({gate: {exclude: [{path: 'test/fixtures/**', reason: 'planted values'}]}})},
      {'Test/Fixtures/prod-export.jsonl': LEAK},
    )
    const result = await gate(repo.work, repo)
    expect(result.exitCode).toBe(1)
    expect(String(result.stdout)).toMatch(/FAILED: 2 pii/)
  })

  it('a file moved in from an excluded fixture is all new, and a value that masks like one at the base is new', async () => {
    const fixture = Array.from({length: 4}, (_, i) => rec(`fx${i}`, `planted jane.roe@example.com in sample ${i}`)).join('\n') + '\n'
    const repo = await prRepo(
      {
        'logs/chat.jsonl': BASE_LOG,
        'test/fixtures/corpus.jsonl': fixture,
        '.llmops.json': JSON.stringify({gate: {exclude: [{path: 'test/fixtures/**', reason: 'planted values'}]}}),
      },
      {},
    )
    await git(repo.work, repo.env, 'mv', 'test/fixtures/corpus.jsonl', 'logs/support-export.jsonl')
    await git(repo.work, repo.env, 'commit', '-q', '-m', 'move the sample')
    const moved = await gate(repo.work, repo)
    expect(moved.exitCode).toBe(1)
    expect(String(moved.stdout)).toMatch(/FAILED: 4 pii/)

    // same record id, field and surroundings, another address with the same mask
    const same = await prRepo(
      {'logs/chat.jsonl': rec('c7', 'contact jane.roe@example.com') + '\n'},
      {'logs/chat.jsonl': rec('c7', 'contact jane.doe@example.com') + '\n'},
    )
    const swapped = await gate(same.work, same)
    expect(swapped.exitCode).toBe(1)
    expect(String(swapped.stdout)).toMatch(/FAILED: 1 pii/)
  })

  it.each([
    ['uncomments a revoked entry', (fp: string) => `# revoked:\n# {"fingerprint":"${fp}","reason":"old ticket"}\n`],
    ['extends an expired entry', (fp: string) => `{"fingerprint":"${fp}","reason":"old ticket","expires":"2024-01-31"}\n`],
  ])('a change that %s is listed as adding it', async (_name, baseIgnore) => {
    // the fingerprint of the finding the change brings back
    const probe = await prRepo({}, {'logs/q4.jsonl': rec('c7', 'contact jane.doe@example.com') + '\n'})
    const json = await llmops(['monitor', '--changed-since', 'main', '--json'], {cwd: probe.work, env: probe.env})
    const fp = /"fingerprint":"([0-9a-f]{32})"/.exec(String(json.stdout))?.[1] as string
    const repo = await prRepo(
      {'logs/chat.jsonl': BASE_LOG, '.llmopsignore': baseIgnore(fp)},
      {'logs/q4.jsonl': rec('c7', 'contact jane.doe@example.com') + '\n', '.llmopsignore': `{"fingerprint":"${fp}","reason":"old ticket"}\n`},
    )
    const result = await gate(repo.work, repo)
    expect(result.exitCode).toBe(0)
    expect(String(result.stderr)).toMatch(new RegExp(`This change adds 1 entry to .*\\n  ${fp}`))
  })
})
