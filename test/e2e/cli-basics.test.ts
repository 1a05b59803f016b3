/**
 * What users expect of any CLI, through the built bin/run.js: -h and --help everywhere (exit 0),
 * -v and --version, "did you mean" for commands and flags, shell completion, a root help with
 * examples and the docs, and a version check that costs about as much as starting Node.
 */
import {spawnSync} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {BIN, llmops, ROOT, tempDir} from '../helpers.js'

/** oclif wraps error lines at 80 columns behind " ›   ": one line again. */
const unwrap = (text: unknown): string => String(text).replaceAll(/\s*\n ›\s+/g, ' ')

const COMMANDS = ['monitor', 'monitor merge', 'feedback', 'feedback list', 'feedback stats', 'feedback export', 'release', 'rollback', 'init', 'autocomplete']

describe('llmops: help, version, typos, completion (built CLI)', () => {
  it('-h and --help exit 0 on the root and on every command, and show that command', async () => {
    for (const flag of ['-h', '--help']) {
      const root = await llmops([flag])
      expect(root.exitCode, `llmops ${flag}`).toBe(0)
      expect(root.stdout).toContain('COMMANDS')
      for (const command of COMMANDS) {
        const result = await llmops([...command.split(' '), flag])
        expect(result.exitCode, `llmops ${command} ${flag}: ${String(result.stderr)}`).toBe(0)
        expect(result.stdout, `llmops ${command} ${flag}`).toContain(`$ llmops ${command}`)
      }
    }
  }, 120_000)

  it('-v and --version print the same line as oclif, exit 0', async () => {
    const pjson = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {name: string; version: string}
    // What oclif itself would print (its user agent), loaded from the same package.
    const oclif = await execa(
      'node',
      ['--input-type=module', '-e', `import {Config} from '@oclif/core'; console.log((await Config.load(${JSON.stringify(ROOT)})).userAgent)`],
      {cwd: ROOT},
    )
    for (const flag of ['-v', '--version']) {
      const result = await llmops([flag])
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toBe(`${oclif.stdout}\n`)
      expect(result.stdout).toMatch(new RegExp(`^${pjson.name}/${pjson.version.replaceAll('.', '\\.')} \\S+-\\S+ node-v\\d+`))
    }
  })

  it('a mistyped command is exit 2 with the command it probably meant, and runs nothing', async () => {
    const cases: Array<[string[], string]> = [
      [['monitr'], 'Did you mean "llmops monitor"?'],
      [['relase', '1.0.0'], 'Did you mean "llmops release"?'],
      [['feedback', 'lst'], 'Did you mean "llmops feedback list"?'],
      [['deploy'], 'Run llmops --help for the list of commands.'],
    ]
    for (const [args, hint] of cases) {
      const result = await llmops(args)
      expect(result.exitCode, args.join(' ')).toBe(2)
      expect(unwrap(result.stderr), args.join(' ')).toContain(hint)
      expect(result.stdout).toBe('')
    }
  })

  it('a mistyped flag is exit 2 and names the flag it probably meant', async () => {
    const dir = await tempDir()
    const formt = await llmops(['monitor', 'x.jsonl', '--formt', 'summary'], {cwd: dir})
    expect(formt.exitCode).toBe(2)
    expect(formt.stderr).toContain('Nonexistent flag: --formt (did you mean --format?)')
    const two = await llmops(['release', '1.0.0', '--dryrun', '--jsn'], {cwd: dir})
    expect(two.exitCode).toBe(2)
    expect(unwrap(two.stderr)).toContain('--dryrun (did you mean --dry-run?), --jsn (did you mean --json?)')
    const json = await llmops(['feedback', 'list', '--usr-id', 'x', '--json'], {cwd: dir})
    expect(json.exitCode).toBe(2)
    expect(JSON.parse(String(json.stdout))).toMatchObject({error: {exit_code: 2, message: expect.stringContaining('--usr-id (did you mean --user-id?)')}})
    const far = await llmops(['monitor', '--zzzzzz'], {cwd: dir})
    expect(far.exitCode).toBe(2)
    // Nothing close enough to suggest: the flag is named, and the hint points at the help.
    expect(String(far.stderr)).toContain('Nonexistent flag: --zzzzzz\n')
    expect(String(far.stderr)).not.toContain('did you mean')
    expect(String(far.stderr)).toContain('Hint: See llmops monitor --help.')
  })

  it('the root help has examples and the docs link', async () => {
    const help = await llmops(['--help'])
    expect(help.stdout).toMatch(/EXAMPLES\n[\s\S]*\$ llmops monitor logs\.jsonl[\s\S]*\$ llmops init /)
    expect(help.stdout).toContain('DOCUMENTATION\n  https://github.com/llmops-dev/llmops#readme')
    expect(help.stdout).toContain('llmops autocomplete')
  })

  it('bash completion completes commands and flags, offline, with its cache under HOME', async () => {
    const home = await tempDir('llmops-home-')
    const env = {HOME: home, XDG_CACHE_HOME: path.join(home, '.cache')}
    const setup = await llmops(['autocomplete', 'bash'], {env})
    expect(setup.exitCode).toBe(0)
    expect(setup.stdout).toContain('llmops autocomplete script bash')
    const script = await llmops(['autocomplete', 'script', 'bash'], {env})
    expect(script.exitCode).toBe(0)
    const complete = (words: string[]): string => {
      const program = `${String(script.stdout)}\nsource "$LLMOPS_AC_BASH_SETUP_PATH"\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _llmops_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`
      return spawnSync('bash', ['-c', program], {env: {...process.env, ...env}, encoding: 'utf8'}).stdout
    }

    expect(complete(['llmops', 'mon']).split('\n')).toContain('monitor')
    expect(complete(['llmops', 'monitor', '--for']).split('\n')).toContain('--format')
    expect(complete(['llmops', 'in']).split('\n')).toContain('init')
  })

  it('llmops --version starts within 2x a bare node start (medians of alternating runs)', () => {
    const time = (args: string[]): number => {
      const start = process.hrtime.bigint()
      const run = spawnSync(process.execPath, args, {stdio: 'ignore'})
      expect(run.status).toBe(0)
      return Number(process.hrtime.bigint() - start) / 1e6
    }

    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
    const bare: number[] = []
    const cli: number[] = []
    for (let i = 0; i < 11; i++) {
      bare.push(time(['-e', '0']))
      cli.push(time([BIN, '--version']))
    }

    expect(median(cli) / median(bare)).toBeLessThanOrEqual(2)
  }, 60_000)
})
