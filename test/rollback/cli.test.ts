import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {execa} from 'execa'

import {BIN, llmops} from '../helpers.js'
import {colleaguePushesFirst, createRepos, git, protectBranch, remoteHead, snapshot, withReleases, type Repos} from '../support/git-repos.js'

/** The built CLI, run in the user's clone with the isolated environment (and nothing else). */
const cli = (repos: Repos, args: string[], options: {input?: string; env?: Record<string, string>} = {}) =>
  llmops(['rollback', ...args], {cwd: repos.work, env: {...repos.env, ...options.env}, extendEnv: false, input: options.input ?? ''})

/**
 * Runs the CLI in a pseudo-terminal (util-linux `script`), answering the prompt like a person:
 * this is the real interactive path, with stdin and stdout both terminals.
 */
async function inTerminal(repos: Repos, args: string[], answer: string): Promise<{exitCode: number | undefined; screen: string}> {
  const command = ['node', BIN, 'rollback', ...args].map((a) => `'${a}'`).join(' ')
  const child = execa('script', ['-qec', command, '/dev/null'], {cwd: repos.work, env: repos.env, extendEnv: false, reject: false})
  let screen = ''
  let answered = false
  child.stdout?.on('data', (chunk: Buffer) => {
    screen += chunk.toString()
    if (!answered && screen.includes('type v1.1.0:')) {
      answered = true
      child.stdin?.write(answer)
    }
  })
  const result = await child
  return {exitCode: result.exitCode, screen}
}

const hasScript = existsSync('/usr/bin/script') || existsSync('/bin/script')

const json = (stdout: unknown): Record<string, unknown> => JSON.parse(String(stdout)) as Record<string, unknown>

describe('llmops rollback (built CLI)', () => {
  it('rolls back with --confirm, prints plan and result, and moves origin/stable', async () => {
    const repos = await createRepos()
    const {releases} = await withReleases(repos)
    const result = await cli(repos, ['--to', 'v1.1.0', '--confirm', 'v1.1.0', '--reason', 'v1.2.0 leaks e-mails'])
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Rollback of origin/stable to v1.1.0')
    expect(result.stdout).toContain('git push --porcelain --atomic --force-with-lease=refs/heads/stable:')
    expect(result.stdout).toMatch(/Done: origin\/stable is now at \w{7} \(v1\.1\.0\); it was at \w{7} \(v1\.2\.0\)\./)
    expect(result.stdout).toMatch(/To undo: llmops rollback --undo llmops\/backup\/stable-\d{8}T\d{6}Z --branch stable --remote origin/)
    expect(await remoteHead(repos)).toBe(releases['v1.1.0'])
  })

  it('--dry-run --json prints the plan object, exits 0 and changes no ref', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    const before = [await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]
    const result = await cli(repos, ['--dry-run', '--json'])
    expect(result.exitCode).toBe(0)
    expect(json(result.stdout)).toMatchObject({
      status: 'dry_run',
      kind: 'rollback',
      remote: 'origin',
      branch: 'stable',
      current: {sha: head, label: 'v1.2.0'},
      target: {sha: releases['v1.1.0'], tag: 'v1.1.0', by_default: true},
      releases_removed: ['v1.2.0'],
      backup_tag: expect.stringMatching(/^llmops\/backup\/stable-/),
      push: {args: expect.arrayContaining(['--atomic', `--force-with-lease=refs/heads/stable:${head}`])},
    })
    expect([await snapshot(repos, repos.work), await snapshot(repos, repos.origin)]).toEqual(before)
  })

  it('does not take piped input as consent (exit 6, nothing changed)', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    const result = await cli(repos, ['--to', 'v1.1.0'], {input: 'v1.1.0\ny\n'})
    expect(result.exitCode).toBe(6)
    expect(result.stderr).toContain('there is no terminal to ask in; nothing was changed')
    expect(result.stderr).toContain('Hint: Pass --confirm v1.1.0 to confirm.')
    expect(await remoteHead(repos)).toBe(head)
  })

  it('keeps each exit code in --json mode, with the error as JSON', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    const marker = path.join(repos.root, 'pwned')
    const expectError = async (args: string[], exitCode: number, code: string) => {
      const result = await cli(repos, [...args, '--json'])
      expect(result.exitCode, args.join(' ')).toBe(exitCode)
      expect(json(result.stdout), args.join(' ')).toMatchObject({error: {code, exit_code: exitCode, message: expect.any(String)}})
    }

    await expectError([`--to=--upload-pack=touch ${marker}`, '--confirm', 'x'], 2, 'E_BAD_REF_NAME')
    await expectError(['--to', 'v7.7.7', '--confirm', 'v7.7.7'], 4, 'E_INVALID_TARGET')
    await expectError(['--to', 'v1.1.0'], 6, 'E_NOT_CONFIRMED')
    await writeFile(path.join(repos.work, 'stray.txt'), 'x')
    await expectError(['--to', 'v1.1.0', '--confirm', 'v1.1.0'], 3, 'E_DIRTY_TREE')
    await git(repos.work, repos.env, 'clean', '-fq')
    await protectBranch(repos)
    await expectError(['--to', 'v1.1.0', '--confirm', 'v1.1.0'], 7, 'E_PUSH_REFUSED')
    expect(existsSync(marker)).toBe(false)
    expect(await remoteHead(repos)).toBe(head)
  })

  it('exits 5 when a colleague pushes a hotfix just before our push, and the hotfix stays', async () => {
    const repos = await createRepos()
    await withReleases(repos)
    const hotfix = await colleaguePushesFirst(repos, repos.work)
    const result = await cli(repos, ['--to', 'v1.1.0', '--confirm', 'v1.1.0', '--json'])
    expect(result.exitCode).toBe(5)
    expect(json(result.stdout)).toMatchObject({error: {code: 'E_REMOTE_MOVED', exit_code: 5}})
    expect(await remoteHead(repos)).toBe(hotfix)
    expect(await git(repos.origin, repos.env, 'tag', '-l', 'llmops/*')).toBe('')
  })

  it('under GitHub Actions writes the outputs and a job summary, and keeps --json clean', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    const outputFile = path.join(repos.root, 'github-output')
    const summaryFile = path.join(repos.root, 'github-summary')
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
    const env = {GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_ACTOR: 'octocat'}
    const result = await cli(repos, ['--confirm', 'v1.1.0', '--reason', 'incident 42', '--json'], {env})
    expect(result.exitCode).toBe(0)
    const {backup_tag: backupTag, who} = json(result.stdout)
    expect(who).toBe('Release Engineer <re@example.com> (GitHub Actions, actor octocat)')
    const outputs = await readFile(outputFile, 'utf8')
    for (const [name, value] of [
      ['from_sha', head],
      ['to_sha', releases['v1.1.0']],
      ['backup_tag', backupTag],
    ]) {
      expect(outputs).toMatch(new RegExp(`^${name}<<(\\S+)\\n${String(value)}\\n\\1$`, 'm'))
    }

    const summary = await readFile(summaryFile, 'utf8')
    expect(summary).toContain('### llmops rollback: origin/stable')
    expect(summary).toContain(`| to | \`${releases['v1.1.0']?.slice(0, 7)}\` | v1.1.0 |`)
    expect(summary).toContain('- Reason: incident 42')
  })

  it('--list and --undo work from the command line', async () => {
    const repos = await createRepos()
    const {head} = await withReleases(repos)
    expect((await cli(repos, ['--list'])).stdout).toBe('No rollback of origin/stable recorded (no llmops/backup/ tags for it).\n')
    const done = json((await cli(repos, ['--confirm', 'v1.1.0', '--reason', 'bad', '--json'])).stdout)
    const list = await cli(repos, ['--list', '--json'])
    expect(json(list.stdout)).toMatchObject({rollbacks: [{backup_tag: done.backup_tag, kind: 'rollback', from: {sha: head}, reason: 'bad'}]})
    const wrong = await cli(repos, ['--undo', String(done.backup_tag), '--confirm', 'v1.2.0'])
    expect(wrong.exitCode).toBe(6)
    const undo = await cli(repos, ['--undo', String(done.backup_tag), '--confirm', String(done.backup_tag)])
    expect(undo.exitCode).toBe(0)
    expect(undo.stdout).toContain(`Undo of a rollback of origin/stable, back to backup ${String(done.backup_tag)}`)
    expect(await remoteHead(repos)).toBe(head)
    expect((await cli(repos, ['v1.0.0'])).exitCode).toBe(2)
    expect((await cli(repos, ['--list', '--to', 'v1.0.0'])).exitCode).toBe(2)
  })

  it.skipIf(!hasScript)('in a real (pseudo-)terminal, asks for the tag and goes ahead only when it is typed', async () => {
    const repos = await createRepos()
    const {releases, head} = await withReleases(repos)
    const refused = await inTerminal(repos, ['--to', 'v1.1.0'], 'yes\r')
    expect(refused.screen).toContain('To roll back origin/stable to v1.1.0, type v1.1.0:')
    expect(refused.exitCode).toBe(6)
    expect(await remoteHead(repos)).toBe(head)
    const accepted = await inTerminal(repos, ['--to', 'v1.1.0'], 'v1.1.0\r')
    expect(accepted.screen).toContain('Done: origin/stable is now at')
    expect(accepted.exitCode).toBe(0)
    expect(await remoteHead(repos)).toBe(releases['v1.1.0'])
  })

  it('documents flags, examples and exit codes in --help', async () => {
    const repos = await createRepos()
    const help = await cli(repos, ['--help'])
    expect(help.exitCode).toBe(0)
    for (const part of ['--to=TAG', '--confirm=TAG', '--[no-]local', '--undo', '--list', 'EXAMPLES', 'EXIT CODES', '5    remote moved', '7    push refused'])
      expect(help.stdout).toContain(part)
  })
})
