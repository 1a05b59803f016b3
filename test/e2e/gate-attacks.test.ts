/**
 * A pull request written by someone who wants its PII to merge: each way it could try to talk the
 * gate out of its verdict, run against real repositories and fresh clones, as CI sees them.
 */
import {readFile, writeFile} from 'node:fs/promises'
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
