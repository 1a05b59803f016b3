/**
 * The path a new team takes, end to end through the built CLI: `llmops init` in an empty
 * repository, its files merged on main, then a pull request that adds a leaking log line. The
 * gate (the CLI with --changed-since, as the npx workflow runs it) fails on the leak, not on the
 * organisation's own allowlisted contacts, and passes once the finding is accepted in
 * .llmopsignore, which it then lists for reviewers (docs/gate.md).
 */
import {appendFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {jsonLines, llmops} from '../helpers.js'
import {createRepos, git} from '../support/git-repos.js'
import {rec} from '../support/pr-repo.js'

const PLANTED = 'planted.leak@example.net'

describe('llmops init, then a pull request that leaks', () => {
  it('fails the gate on the leak only, and passes once the finding is accepted', async () => {
    const repos = await createRepos()
    const run = (args: string[]) => llmops(args, {cwd: repos.work, env: repos.env, extendEnv: false})
    const setup = await run(['init', '--email-domain', 'example.com', '--support-phone', '555-0100'])
    expect(setup.exitCode, String(setup.stderr)).toBe(0)
    await git(repos.work, repos.env, 'add', '--all')
    await git(repos.work, repos.env, 'commit', '--quiet', '-m', 'chore: llmops init')
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')

    await git(repos.work, repos.env, 'checkout', '--quiet', '-b', 'feature')
    await mkdir(path.join(repos.work, 'logs'))
    const log = [rec('a1', 'Write to help@example.com or call 555-0100'), rec('a2', `Sure, ${PLANTED} is her address`)].join('\n') + '\n'
    await writeFile(path.join(repos.work, 'logs', 'chat.jsonl'), log)
    await git(repos.work, repos.env, 'add', '--all')
    await git(repos.work, repos.env, 'commit', '--quiet', '-m', 'feat: log the new flow')

    const gate = await run(['monitor', '--changed-since', 'main', '--fail-on', 'pii,secret'])
    expect(gate.exitCode).toBe(1)
    const records = jsonLines(gate.stdout)
    expect(records.map((r) => [r.interaction_id, r.pii_detected, r.suppressed])).toEqual([
      ['a1', false, 2],
      ['a2', true, 0],
    ])
    expect(gate.stderr).toContain('Gate (--fail-on pii,secret): FAILED: 1 pii')
    expect(gate.stderr).toContain('suppressed by the allowlist: 1 EMAIL, 1 PHONE')
    expect(`${String(gate.stdout)}${String(gate.stderr)}`).not.toContain(PLANTED)
    const line = /\{"fingerprint":"[0-9a-f]{32}","reason":"<why this is acceptable>"[^\n]*\}/.exec(String(gate.stderr))?.[0]
    expect(line, String(gate.stderr)).toBeDefined()

    // Accepting it: the line the gate printed, with a reason, in the ignore file init wrote.
    await appendFile(path.join(repos.work, '.llmopsignore'), `${(line ?? '').replace('<why this is acceptable>', 'fake address from a support drill')}\n`)
    await git(repos.work, repos.env, 'commit', '--quiet', '--all', '-m', 'chore: accept the drill address')
    const accepted = await run(['monitor', '--changed-since', 'main', '--fail-on', 'pii,secret', '--format', 'summary'])
    expect(accepted.exitCode, String(accepted.stdout)).toBe(0)
    expect(accepted.stdout).toContain('accepted by the ignore file: 1')
    expect(`${String(accepted.stdout)}${String(accepted.stderr)}`).toMatch(/This change adds 1 entry to \S*\.llmopsignore; review/)
  })
})
