/**
 * `llmops init` through the built CLI, in real git repositories with a local bare origin: the
 * three files, idempotence, never overwriting without --force, bad input, and --create-stable
 * confirmed like a release.
 */
import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {BIN, llmops} from '../helpers.js'
import {commit, createRepos, git, type Repos} from '../support/git-repos.js'

const FILES = ['.llmops.json', '.llmopsignore', '.github/workflows/pii-gate.yml']

const init = (repos: Repos, args: string[], options: {cwd?: string; input?: string} = {}) =>
  llmops(['init', ...args], {cwd: options.cwd ?? repos.work, env: repos.env, extendEnv: false, input: options.input ?? ''})

const json = (stdout: unknown): Record<string, unknown> => JSON.parse(String(stdout)) as Record<string, unknown>

/** Every file init may write, with its bytes (undefined: absent). */
async function contents(repos: Repos): Promise<Record<string, string | undefined>> {
  const entries = await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(repos.work, f), 'utf8').catch(() => undefined)] as const))
  return Object.fromEntries(entries)
}

/** main pushed to origin, nothing else. */
async function withMain(repos: Repos): Promise<string> {
  const head = await commit(repos, repos.work, 'feat: first commit')
  await git(repos.work, repos.env, 'push', '--quiet', 'origin', 'main')
  return head
}

describe('llmops init (built CLI)', () => {
  it('writes the config, the ignore file and the workflow at the repository root, then changes nothing', async () => {
    const repos = await createRepos()
    const sub = path.join(repos.work, 'services', 'bot')
    await mkdir(sub, {recursive: true})
    const first = await init(repos, ['--email-domain', 'example.com,@Example.org', '--support-phone', '555-0100', '--json'], {cwd: sub})
    expect(first.exitCode, String(first.stderr)).toBe(0)
    expect(json(first.stdout)).toMatchObject({
      root: repos.work,
      dry_run: false,
      changed: true,
      files: FILES.map((p) => ({path: p, status: 'created'})),
      stable: {status: 'not_requested'},
    })
    const written = await contents(repos)
    expect(JSON.parse(written['.llmops.json'] ?? '')).toEqual({
      gate: {paths: ['**/*.jsonl', '**/*.jsonl.gz']},
      allowlist: {emailDomains: ['example.com', 'example.org'], values: ['555-0100']},
    })
    expect(written['.llmopsignore']).toMatch(/^# .*\n(# .*\n)+$/)
    const workflow = parse(written['.github/workflows/pii-gate.yml'] ?? '') as {jobs: {gate: {steps: Array<{uses?: string; with?: Record<string, string>}>}}}
    expect(workflow.jobs.gate.steps.find((s) => s.with?.config)).toMatchObject({uses: 'llmops-dev/llmops@v1', with: {config: '.llmops.json'}})
    // The config is one llmops accepts: a monitor run reads it without complaint.
    await writeFile(path.join(repos.work, 'chat.jsonl'), '{"id":"a1","user_query":"q","bot_response":"Write to help@example.com"}\n')
    const scan = await llmops(['monitor', 'chat.jsonl', '--json'], {cwd: repos.work, env: repos.env, extendEnv: false})
    expect(scan.exitCode, String(scan.stderr)).toBe(0)
    expect(json(scan.stdout)).toMatchObject({records: [{pii_detected: false, suppressed: 1}]})

    const mtimes = await Promise.all(FILES.map(async (f) => (await stat(path.join(repos.work, f))).mtimeMs))
    const again = await init(repos, ['--email-domain', 'example.com,example.org', '--support-phone', '555-0100'])
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toContain('Nothing to do: everything is already set up.')
    expect(await contents(repos)).toEqual(written)
    expect(await Promise.all(FILES.map(async (f) => (await stat(path.join(repos.work, f))).mtimeMs))).toEqual(mtimes)
    const againJson = await init(repos, ['--email-domain', 'example.com,example.org', '--support-phone', '555-0100', '--json'])
    expect(json(againJson.stdout)).toMatchObject({changed: false, files: FILES.map((p) => ({path: p, status: 'unchanged'}))})
  })

  it('never overwrites a file with other content without --force; --dry-run shows what it would write', async () => {
    const repos = await createRepos()
    await mkdir(path.join(repos.work, '.github', 'workflows'), {recursive: true})
    const mine = 'name: my own gate\n'
    await writeFile(path.join(repos.work, '.github/workflows/pii-gate.yml'), mine)

    const refused = await init(repos, ['--email-domain', 'example.com'])
    expect(refused.exitCode).toBe(3)
    expect(refused.stderr).toContain('.github/workflows/pii-gate.yml already exists with other content; nothing was written')
    expect(refused.stderr).toContain('--force')
    // Nothing half-written: the other two files were not created either.
    expect(await contents(repos)).toEqual({'.llmops.json': undefined, '.llmopsignore': undefined, '.github/workflows/pii-gate.yml': mine})
    expect(json((await init(repos, ['--email-domain', 'example.com', '--json'])).stdout)).toMatchObject({error: {code: 'E_FILE_EXISTS', exit_code: 3}})

    const dry = await init(repos, ['--email-domain', 'example.com', '--dry-run'])
    expect(dry.exitCode).toBe(0)
    expect(dry.stdout).toContain('--- .llmops.json (would create) ---\n{\n  "gate"')
    expect(dry.stdout).toContain('--- .github/workflows/pii-gate.yml (exists with other content) ---\n# The llmops PII gate')
    expect(dry.stdout).toMatch(
      /Dry run: nothing was written\.\n {2}would create {4}\.llmops\.json\n {2}would create {4}\.llmopsignore\n {2}differs {9}\.github\/workflows\/pii-gate\.yml/,
    )
    expect(await contents(repos)).toEqual({'.llmops.json': undefined, '.llmopsignore': undefined, '.github/workflows/pii-gate.yml': mine})

    const forced = await init(repos, ['--email-domain', 'example.com', '--force', '--json'])
    expect(forced.exitCode).toBe(0)
    expect(json(forced.stdout)).toMatchObject({
      files: [{status: 'created'}, {status: 'created'}, {path: '.github/workflows/pii-gate.yml', status: 'overwritten'}],
    })
    expect((await contents(repos))['.github/workflows/pii-gate.yml']).toContain('uses: llmops-dev/llmops@v1')
  })

  it('refuses bad values with exit 2 naming the flag, outside a repository with exit 3, and writes nothing', async () => {
    const repos = await createRepos()
    const cases: Array<[string[], string]> = [
      [['--email-domain', 'not a domain'], '--email-domain "not a domain" is not an e-mail domain'],
      [['--support-phone', 'call us'], '--support-phone "call us" is not a phone number'],
      [['--action-ref', 'llmops-dev/llmops'], '--action-ref "llmops-dev/llmops" is not OWNER/REPO@VERSION'],
      [['--action-ref', 'x/y@${{ github.token }}'], '--action-ref "x/y@${{ github.token }}" is not OWNER/REPO@VERSION'],
      [['--runner', 'npx', '--action-ref', 'x/y@v1'], '--action-ref is for --runner action'],
      [['--runner', 'docker'], 'Expected --runner=docker to be one of: action, npx'],
      [['--runner', 'npx', '--npm-version', '1.0; rm -rf /'], '--npm-version "1.0; rm -rf /" is not a version'],
      [['--logs', 'logs/"x".jsonl'], '--logs "logs/\\"x\\".jsonl" is not a file glob'.replaceAll('\\"', '"')],
      [['--confirm', 'stable'], '--confirm is for --create-stable'],
    ]
    for (const [args, message] of cases) {
      const result = await init(repos, ['--email-domain', 'example.com', ...args])
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toContain(message)
      expect(result.stderr).not.toContain('    at ')
    }

    expect(await contents(repos)).toEqual({'.llmops.json': undefined, '.llmopsignore': undefined, '.github/workflows/pii-gate.yml': undefined})
    const outside = await init(repos, ['--email-domain', 'example.com'], {cwd: repos.root})
    expect(outside.exitCode).toBe(3)
    expect(outside.stderr).toContain('is not inside a git working tree')
  })

  it('--runner npx writes a workflow that runs the CLI gate at an exact version', async () => {
    const repos = await createRepos()
    const result = await init(repos, ['--runner', 'npx', '--npm-version', '1.2.3', '--logs', 'logs/**/*.jsonl'])
    expect(result.exitCode, String(result.stderr)).toBe(0)
    const workflow = (await contents(repos))['.github/workflows/pii-gate.yml'] ?? ''
    expect(workflow).toContain('run: npx --yes llmops@1.2.3 monitor --changed-since "$BASE_SHA" --fail-on pii,secret')
    expect(workflow).not.toContain('llmops-dev/llmops@')
    expect(JSON.parse((await contents(repos))['.llmops.json'] ?? '')).toMatchObject({
      gate: {paths: ['logs/**/*.jsonl']},
      allowlist: {emailDomains: [], values: []},
    })
  })
})

describe('llmops init --create-stable (built CLI)', () => {
  it('is confirmed like a release: piped input is no consent (6), --dry-run shows the plan (0), --confirm creates it once', async () => {
    const repos = await createRepos()
    const main = await withMain(repos)
    const branches = () => git(repos.origin, repos.env, 'for-each-ref', '--format=%(refname)', 'refs/heads')

    const piped = await init(repos, ['--create-stable'], {input: 'stable\n'})
    expect(piped.exitCode).toBe(6)
    expect(piped.stdout).toContain(`Create origin/stable at ${main.slice(0, 7)}, the head of origin/main`)
    expect(piped.stderr).toContain('Hint: Pass --confirm stable to confirm.')
    expect(await branches()).toBe('refs/heads/main')
    // Declined: no file was written either.
    expect(await contents(repos)).toEqual({'.llmops.json': undefined, '.llmopsignore': undefined, '.github/workflows/pii-gate.yml': undefined})

    const wrong = await init(repos, ['--create-stable', '--confirm', 'main', '--json'])
    expect(wrong.exitCode).toBe(6)
    expect(json(wrong.stdout)).toMatchObject({error: {code: 'E_NOT_CONFIRMED', exit_code: 6}})

    const dry = await init(repos, ['--create-stable', '--dry-run', '--json'])
    expect(dry.exitCode).toBe(0)
    expect(json(dry.stdout)).toMatchObject({
      dry_run: true,
      stable: {status: 'would_create', sha: main, remote: 'origin', branch: 'stable', from_branch: 'main'},
    })
    expect(await branches()).toBe('refs/heads/main')

    const done = await init(repos, ['--create-stable', '--confirm', 'stable'])
    expect(done.exitCode, String(done.stderr)).toBe(0)
    expect(done.stdout).toContain(`created         origin/stable at ${main.slice(0, 7)} (from main)`)
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(main)

    // Idempotent: the branch exists, nothing to confirm, nothing changes (even when main moved on).
    await withMain(repos)
    const again = await init(repos, ['--create-stable', '--json'])
    expect(again.exitCode).toBe(0)
    expect(json(again.stdout)).toMatchObject({changed: false, stable: {status: 'exists', sha: main}})
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(main)
  })

  it('needs main on the remote (3), and never overwrites a stable created meanwhile (5)', async () => {
    const repos = await createRepos()
    const noMain = await init(repos, ['--create-stable', '--confirm', 'stable'])
    expect(noMain.exitCode).toBe(3)
    expect(noMain.stderr).toContain('origin has no branch "main": stable is created from it')

    const main = await withMain(repos)
    const other = await commit(repos, repos.work, "feat: a colleague's start of stable")
    await git(repos.work, repos.env, 'push', '--quiet', 'origin', `${other}:refs/heads/colleague-wip`)
    await git(repos.work, repos.env, 'reset', '--quiet', '--hard', main)
    // Just before our push lands, a colleague creates stable.
    const wrapper = path.join(repos.root, 'receive-pack-race.sh')
    await writeFile(wrapper, `#!/bin/sh\ngit --git-dir="${repos.origin}" update-ref refs/heads/stable ${other}\nexec git-receive-pack "$@"\n`)
    await chmod(wrapper, 0o755)
    await git(repos.work, repos.env, 'config', 'remote.origin.receivepack', wrapper)
    const raced = await init(repos, ['--create-stable', '--confirm', 'stable'])
    expect(raced.exitCode).toBe(5)
    expect(raced.stderr).toContain('nothing was overwritten')
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(other)
  })

  it('asks for the allowlist and the branch name in a terminal; Ctrl-C at a question writes nothing (6)', async () => {
    const repos = await createRepos()
    const main = await withMain(repos)
    const found = await execa('sh', ['-c', 'command -v script'], {reject: false})
    if (found.exitCode !== 0) throw new Error('this test needs `script` from util-linux (Debian: bsdutils) to give the CLI a pseudo-terminal; install it')
    /** Runs init in a pseudo-terminal, typing each answer when its question shows. */
    async function inTerminal(args: string, answers: Array<[string, string]>) {
      const child = execa('script', ['-qec', `node ${BIN} init ${args}`, '/dev/null'], {
        cwd: repos.work,
        reject: false,
        stdin: 'pipe',
        env: {...repos.env, TERM: 'xterm'},
        extendEnv: false,
      })
      let screen = ''
      child.stdout?.on('data', (data: Buffer) => {
        screen += data.toString()
        const next = answers[0]
        if (next !== undefined && screen.includes(next[0])) {
          answers.shift()
          screen = ''
          child.stdin?.write(next[1])
        }
      })
      return {result: await child, left: answers}
    }

    const cancelled = await inTerminal('', [['e-mail domains', '\u0003']])
    expect(cancelled.result.exitCode).toBe(6)
    expect(cancelled.result.stdout).toContain('stopped at the prompt; nothing was written')
    expect(await contents(repos)).toEqual({'.llmops.json': undefined, '.llmopsignore': undefined, '.github/workflows/pii-gate.yml': undefined})

    const {result, left} = await inTerminal('--create-stable', [
      ['e-mail domains', 'example.com\r'],
      ['support phone numbers', '555-0100\r'],
      ['type stable', 'stable\r'],
    ])
    expect(result.exitCode, String(result.stdout)).toBe(0)
    expect(left).toEqual([])
    expect(await git(repos.origin, repos.env, 'rev-parse', 'refs/heads/stable')).toBe(main)
    expect(JSON.parse((await contents(repos))['.llmops.json'] ?? '')).toMatchObject({allowlist: {emailDomains: ['example.com'], values: ['555-0100']}})
  }, 30_000)
})
