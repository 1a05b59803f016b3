import {readdir, readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {gzipSync} from 'node:zlib'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {jsonLines, llmops, tempDir} from '../helpers.js'
import {git} from '../support/git-repos.js'
import {prRepo, rec} from '../support/pr-repo.js'

const PLANTED = 'planted.surface@example.com'
const base = [rec('a1', 'Hello'), rec('a2', 'Old address old.one@example.com'), rec('a3', 'Bye')].join('\n') + '\n'

describe('llmops monitor --changed-since (the gate from the command line)', () => {
  it('scans only the added records, and no surface holds the planted value', async () => {
    const repo = await prRepo({'logs/chat.jsonl': base, 'logs/other.txt': 'not a log'}, {'logs/chat.jsonl': base + rec('a4', `Mail ${PLANTED} now`) + '\n'})
    const outputs = path.join(repo.root, 'gh-output.txt')
    const summary = path.join(repo.root, 'gh-summary.md')
    await writeFile(outputs, '')
    await writeFile(summary, '')
    const result = await llmops(
      ['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--sarif', 'r.sarif', '--junit', 'r.xml', '--markdown', 'r.md', '--github'],
      {cwd: repo.work, env: {...repo.env, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary}},
    )
    expect(result.exitCode).toBe(1)
    const lines = jsonLines(
      String(result.stdout)
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .join('\n'),
    )
    expect(lines.map((l) => l.interaction_id)).toEqual(['a4'])
    expect(result.stderr).toMatch(/To accept a finding, add its line to \S*\/\.llmopsignore/)
    const surfaces = [String(result.stdout), String(result.stderr), await readFile(outputs, 'utf8'), await readFile(summary, 'utf8')]
    for (const file of ['r.sarif', 'r.xml', 'r.md']) surfaces.push(await readFile(path.join(repo.work, file), 'utf8'))
    expect(surfaces.join('\n')).toContain('p***@e***.com')
    for (const surface of surfaces) expect(surface).not.toContain(PLANTED)
  })

  it('names an unknown ref (exit 2) and refuses an option-like one', async () => {
    const repo = await prRepo({'logs/chat.jsonl': base}, {})
    const unknown = await llmops(['monitor', '--changed-since', 'no-such-branch'], {cwd: repo.work, env: repo.env})
    expect(unknown.exitCode).toBe(2)
    expect(unknown.stderr).toContain('unknown ref no-such-branch')
    expect(unknown.stderr).toContain('Hint: Fetch it first (git fetch origin no-such-branch)')
    // The hint fetches the ref that was named, from the remote it names.
    await git(repo.work, repo.env, 'remote', 'add', 'upstream', repo.origin)
    for (const [ref, fetch] of [
      ['origin/foo', 'git fetch origin foo'],
      ['upstream/dev', 'git fetch upstream dev'],
      ['refs/remotes/upstream/x', 'git fetch upstream x'],
      ['v9.9', 'git fetch origin v9.9'],
    ]) {
      const missing = await llmops(['monitor', '--changed-since', ref as string], {cwd: repo.work, env: repo.env})
      expect(missing.exitCode).toBe(2)
      expect(String(missing.stderr)).toContain(`Fetch it first (${fetch})`)
    }
    const injected = await llmops(['monitor', '--changed-since=--output=/tmp/x'], {cwd: repo.work, env: repo.env})
    expect(injected.exitCode).toBe(2)
  })

  it('checks thresholds with enough samples, also against the base side', async () => {
    const slow = (i: number, ms: number) => rec(`s${i}`, 'fine', {latency_ms: ms})
    const baseLog = Array.from({length: 30}, (_, i) => slow(i, 100)).join('\n') + '\n'
    const head = baseLog + Array.from({length: 30}, (_, i) => slow(100 + i, 400)).join('\n') + '\n'
    const repo = await prRepo({'logs/chat.jsonl': baseLog}, {'logs/chat.jsonl': head})
    const rise = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--max-p95-increase', '50'], {cwd: repo.work, env: repo.env})
    expect(rise.exitCode).toBe(1)
    expect(rise.stdout).toMatch(/p95_increase \(p95 400 ms is 300% above the base's 100 ms/)
    const absolute = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--max-p95-latency', '300'], {cwd: repo.work, env: repo.env})
    expect(absolute.exitCode).toBe(1)
    const fewSamples = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--max-p95-latency', '300', '--min-samples', '100'], {
      cwd: repo.work,
      env: repo.env,
    })
    expect(fewSamples.exitCode).toBe(0)
  })

  it('reports unused ignore entries, fails on them when asked, and writes a baseline that makes the gate pass', async () => {
    const repo = await prRepo(
      {'logs/chat.jsonl': base},
      {
        'logs/chat.jsonl': base + rec('a4', 'Mail someone@example.com') + '\n',
        '.llmopsignore': '{"fingerprint":"0123456789abcdef0123456789abcdef","reason":"stale"}\n',
      },
    )
    const unused = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--fail-on-unused-ignores'], {cwd: repo.work, env: repo.env})
    expect(unused.exitCode).toBe(1)
    expect(unused.stderr).toMatch(/1 entry in \S*\.llmopsignore matched no finding/)
    // A baseline over a change would accept what the change adds: refused, nothing written.
    const refused = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--write-baseline', '--quiet'], {cwd: repo.work, env: repo.env})
    expect(refused.exitCode).toBe(2)
    expect(String(refused.stderr)).toContain('with --changed-since it would accept what this change adds')
    expect(await readFile(path.join(repo.work, '.llmopsignore'), 'utf8')).not.toContain('baseline of')
    const baseline = await llmops(['monitor', 'logs/chat.jsonl', '--format', 'summary', '--write-baseline', '--quiet'], {cwd: repo.work, env: repo.env})
    expect(baseline.exitCode).toBe(0)
    expect(await readFile(path.join(repo.work, '.llmopsignore'), 'utf8')).toMatch(/"reason":"baseline of \d{4}-\d\d-\d\d/)
    const after = await llmops(['monitor', '--changed-since', 'main', '--format', 'summary', '--fail-on', 'pii'], {cwd: repo.work, env: repo.env})
    expect(after.exitCode).toBe(0)
    expect(after.stdout).toContain('accepted by the ignore file: 1 finding')
  })
})

describe('a plain CI step (GITHUB_ACTIONS=true) running the CLI', () => {
  it('gets annotations on stderr when stdout carries records, and stdout stays pure JSON Lines', async () => {
    const repo = await prRepo({'logs/chat.jsonl': base}, {'logs/chat.jsonl': base + rec('a4', 'Mail someone@example.com') + '\n'})
    const env = {...repo.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '', GITHUB_OUTPUT: ''}
    const result = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii'], {cwd: repo.work, env})
    expect(result.exitCode).toBe(1)
    expect(String(result.stderr)).toMatch(/^::error title=[^\n]*,file=logs\/chat\.jsonl,line=\d+::/m)
    expect(String(result.stdout)).not.toContain('::')
    expect(jsonLines(result.stdout).map((r) => r.interaction_id)).toEqual(['a4'])
    // --json keeps stderr for nothing but errors, unless --github is asked for
    const json = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--json'], {cwd: repo.work, env})
    expect(String(json.stderr)).toBe('')
    const asked = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--json', '--github'], {cwd: repo.work, env})
    expect(String(asked.stderr)).toMatch(/^::error /m)
    expect(() => JSON.parse(String(asked.stdout))).not.toThrow()
  })
})

describe('report paths', () => {
  it('are checked before any input is read: a bad path is exit 2 with nothing printed or left behind', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'chat.jsonl'), `${rec('r1', 'Mail someone@example.com')}\n`)
    for (const flag of ['--sarif', '--junit', '--markdown']) {
      for (const target of [path.join(dir, 'no', 'such', 'dir', 'x.out'), dir]) {
        const result = await llmops(['monitor', 'chat.jsonl', flag, target, '--redact-out', 'clean.jsonl'], {cwd: dir})
        expect(result.exitCode, `${flag} ${target}`).toBe(2)
        expect(String(result.stdout)).toBe('')
        expect(String(result.stderr)).toMatch(/cannot write .*(its directory does not exist|it is a directory)/)
      }
    }

    expect((await readdir(dir)).sort()).toEqual(['chat.jsonl'])
  })

  it('and every other usage error come before the base side of a change is read', async () => {
    // The base side cannot be read (a cut gzip): a run that read it first would stop on that instead.
    const repo = await prRepo({'logs/chat.jsonl': gzipSync(base).subarray(0, 30)}, {'logs/chat.jsonl': base})
    const unreadable = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii'], {cwd: repo.work, env: repo.env})
    expect(unreadable.exitCode).toBe(2)
    expect(String(unreadable.stderr)).toContain('logs/chat.jsonl at the base')
    for (const [args, message] of [
      [['--sarif', path.join(repo.work, 'no', 'dir', 'r.sarif')], /cannot write .*its directory does not exist/],
      [['--exit-on-first'], /--exit-on-first stops at the first record that fails the gate: give --fail-on/],
      [['--shard', '1/2', '--fail-on', 'pii'], /--shard splits log files; it cannot be combined with --changed-since/],
      [['--summary-out', path.join(repo.work, 'no', 'dir', 's.json')], /cannot write .*its directory does not exist/],
      [['--redact-out', path.join(repo.work, 'no', 'dir', 'clean.jsonl')], /cannot write .*its directory does not exist/],
    ] as const) {
      const result = await llmops(['monitor', '--changed-since', 'main', ...args], {cwd: repo.work, env: repo.env})
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(String(result.stderr), args.join(' ')).toMatch(message)
      expect(String(result.stderr)).not.toContain('at the base')
    }
  })
})

describe('crafted logs cannot write to the terminal or the workflow', () => {
  it('prints keys and file names with control characters escaped, so no line starts a workflow command', async () => {
    const key = 'x\n::notice title=INJECTED::hello\n'
    const repo = await prRepo(
      {'logs/chat.jsonl': base},
      {'logs/chat.jsonl': base + JSON.stringify({id: 'k1', user_query: 'q', bot_response: 'ok', [key]: 'mail k.one@example.com'}) + '\n'},
    )
    const result = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--format', 'summary', '--github'], {cwd: repo.work, env: repo.env})
    expect(result.exitCode).toBe(1)
    const lines = `${String(result.stdout)}\n${String(result.stderr)}`.split('\n')
    expect(lines.filter((l) => l.startsWith('::notice title=INJECTED'))).toEqual([])
    expect(String(result.stderr)).toContain('\\u000a::notice')
  })
})

describe('what counts as new', () => {
  it('an edited record or a renamed file keeps its old findings as already there (not new)', async () => {
    const edited = base.replaceAll('"latency_ms":100}', '"latency_ms":100,"model_version":"v2"}')
    const repo = await prRepo({'logs/chat.jsonl': base}, {'logs/chat.jsonl': edited})
    const result = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--format', 'summary'], {cwd: repo.work, env: repo.env})
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('already there before this change: 1 finding')

    const renamed = await prRepo({'logs/chat.jsonl': base}, {})
    await execa('git', ['mv', 'logs/chat.jsonl', 'logs/renamed.jsonl'], {cwd: renamed.work, env: renamed.env})
    const moved = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--format', 'summary'], {cwd: renamed.work, env: renamed.env})
    expect(moved.exitCode).toBe(0)
  })

  it('a base side of many frames, streamed and read by worker threads, knows every line and finding it had', async () => {
    // Over 8 frames of 64 KiB: with --jobs 1 most of the base side is read by the worker thread.
    // Its last records hold addresses; the change moves them to the top, edits one record, adds one.
    const filler = Array.from({length: 7000}, (_, i) => rec(`f${i}`, `Order ${i} shipped; nothing personal here, just words to fill a line.`))
    const old = Array.from({length: 40}, (_, i) => rec(`o${i}`, `Write to old.${i}@example.com`))
    const before = [...filler, ...old].join('\n') + '\n'
    const after =
      [...old, ...filler.slice(0, 3000), rec('f3000', 'Edited: call 415-555-0142 today'), ...filler.slice(3001), rec('n1', `Mail ${PLANTED}`)].join('\n') + '\n'
    expect(before.length).toBeGreaterThan(9 * 64 * 1024)
    const repo = await prRepo({'logs/chat.jsonl': before}, {'logs/chat.jsonl': after})
    for (const jobs of ['0', '1']) {
      const result = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--json', '--jobs', jobs], {cwd: repo.work, env: repo.env})
      expect(result.exitCode, `--jobs ${jobs}`).toBe(1)
      const {records, summary} = JSON.parse(String(result.stdout)) as {records: Array<{interaction_id: string}>; summary: {unchanged_lines: number}}
      expect(
        records.map((r) => r.interaction_id),
        `--jobs ${jobs}`,
      ).toEqual(['f3000', 'n1'])
      expect(summary.unchanged_lines, `--jobs ${jobs}`).toBe(7039)
    }
  })

  it('names paths from the repository root, so fingerprints and the ignore file do not depend on the directory', async () => {
    const repo = await prRepo({'logs/chat.jsonl': base}, {'logs/chat.jsonl': base + rec('a4', 'mail sub.dir@example.com') + '\n'})
    const fromRoot = await llmops(['monitor', '--changed-since', 'main', '--json'], {cwd: repo.work, env: repo.env})
    const fromLogs = await llmops(['monitor', '--changed-since', 'main', '--json'], {cwd: path.join(repo.work, 'logs'), env: repo.env})
    const fp = (r: typeof fromRoot) =>
      (JSON.parse(String(r.stdout)) as {records: Array<{file: string; findings: Array<{fingerprint: string}>}>}).records.map((x) => [
        x.file,
        x.findings[0]?.fingerprint,
      ])
    expect(fp(fromLogs)).toEqual(fp(fromRoot))
    expect(fp(fromRoot)[0]?.[0]).toBe('logs/chat.jsonl')
  })

  it('refuses named files that are missing or not logs, and symbolic links; scans .JSONL too', async () => {
    const repo = await prRepo({'logs/chat.jsonl': base}, {'logs/NEW.JSONL': rec('u1', 'mail upper.case@example.com') + '\n', 'logs/notes.txt': 'x\n'})
    const upper = await llmops(['monitor', '--changed-since', 'main', '--fail-on', 'pii', '--format', 'summary'], {cwd: repo.work, env: repo.env})
    expect(upper.exitCode).toBe(1)
    const missing = await llmops(['monitor', '--changed-since', 'main', 'logs/typo.jsonl'], {cwd: repo.work, env: repo.env})
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('input file logs/typo.jsonl not found')
    const notLog = await llmops(['monitor', '--changed-since', 'main', 'logs/notes.txt'], {cwd: repo.work, env: repo.env})
    expect(notLog.exitCode).toBe(2)
    expect(notLog.stderr).toContain('logs/notes.txt is not a log file for the gate')

    // a symbolic link, committed (git holds it as a link) or only in the working tree
    const linked = await prRepo({'logs/chat.jsonl': base}, {})
    await symlink('/dev/null', path.join(linked.work, 'logs', 'link.jsonl'))
    const untracked = await llmops(['monitor', '--changed-since', 'main', '--uncommitted'], {cwd: linked.work, env: linked.env})
    expect(untracked.exitCode).toBe(2)
    expect(untracked.stderr).toContain('logs/link.jsonl is a symbolic link')
    await git(linked.work, linked.env, 'add', '-A')
    await git(linked.work, linked.env, 'commit', '-q', '-m', 'add a link')
    const committed = await llmops(['monitor', '--changed-since', 'main'], {cwd: linked.work, env: linked.env})
    expect(committed.exitCode).toBe(2)
    expect(committed.stderr).toContain('logs/link.jsonl is a symbolic link')
  })

  it('counts every finding in the hint of a long failing run, and a baseline accepts all of them', async () => {
    const dir = await tempDir()
    const many = 700 // more than a run without reports keeps details for
    await writeFile(path.join(dir, 'big.jsonl'), Array.from({length: many}, (_, i) => rec(`m${i}`, `Mail user${i}@example.com`)).join('\n') + '\n')
    const failing = await llmops(['monitor', 'big.jsonl', '--fail-on', 'pii', '--format', 'summary'], {cwd: dir})
    expect(failing.exitCode).toBe(1)
    expect(failing.stderr).toContain(`... and ${many - 20} more: llmops monitor --write-baseline`)
    const baseline = await llmops(['monitor', 'big.jsonl', '--fail-on', 'pii', '--format', 'summary', '--write-baseline'], {cwd: dir})
    expect(baseline.stderr).toContain(`${many} new entries`)
    expect((await readFile(path.join(dir, '.llmopsignore'), 'utf8')).trim().split('\n')).toHaveLength(many)
    const again = await llmops(['monitor', 'big.jsonl', '--fail-on', 'pii', '--format', 'summary', '--quiet'], {cwd: dir})
    expect(again.exitCode).toBe(0)
  })
})
