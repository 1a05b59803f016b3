/**
 * Running git: the only place that imports simple-git (lint enforces it). A git call is data, a
 * `GitCommand` (an argument list, the exit codes that are answers, a parser), and `runGit` runs it
 * with an environment that cannot make git execute a program. simple-git's unsafe options stay
 * off; callers pass only validated ref names and full shas, so no value can become a git option.
 */
import {spawn} from 'node:child_process'
import {PassThrough} from 'node:stream'

import type {SimpleGit, SimpleGitOptions} from 'simple-git'

export interface GitOutput {
  exitCode: number
  stdout: string
  stderr: string
}

/** A git command failed in a way its caller did not expect: an internal error, never success. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly output: GitOutput,
  ) {
    super(`git ${args[0] ?? ''} failed (exit ${output.exitCode}): ${firstLines(output.stderr || output.stdout)}`)
    this.name = 'GitCommandError'
  }
}

export function firstLines(text: string, count = 3): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'))
    .slice(0, count)
    .join(' / ')
}

/** One git call as data: what to run, which exit codes are answers, and how to read the output. */
export interface GitCommand<T> {
  args: string[]
  /** Exit codes that are answers rather than failures (default: 0 only). */
  ok?: readonly number[]
  parse: (output: GitOutput) => T
}

/**
 * simple-git refuses to run when a variable that can make git execute a program (GIT_SSH,
 * EDITOR, PAGER...) is passed explicitly, and silently drops every other GIT_* variable. We drop
 * them all ourselves, except identity and the system-config switch, which cannot run anything.
 */
const PASS_THROUGH = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_CONFIG_NOSYSTEM', 'GIT_TERMINAL_PROMPT']
const GUARDED = /^(git_|editor$|visual$|pager$|prefix$|ssh_askpass$)/i

export function gitEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || (GUARDED.test(key) && !PASS_THROUGH.includes(key))) continue
    result[key] = value
  }

  // Messages we parse (push status, errors) must not be translated.
  return {...result, LC_ALL: 'C', LANGUAGE: 'C'}
}

type Factory = (options: Partial<SimpleGitOptions>) => SimpleGit
let loading: Promise<Factory> | undefined
const loadSimpleGit = async (): Promise<Factory> => (loading ??= import('simple-git').then((m) => m.simpleGit as Factory))

/** A repository to run commands in: its directory and the filtered environment. */
export interface GitRunner {
  readonly cwd: string
  run<T>(command: GitCommand<T>): Promise<T>
  /** A blob's bytes, streamed (`git cat-file blob`): binary output that no parser should see as text. */
  stream(args: string[], describe: string): NodeJS.ReadableStream
}

export async function gitRunner(options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<GitRunner> {
  const factory = await loadSimpleGit()
  const env = gitEnvironment(options.env ?? process.env)
  const {cwd} = options
  return {
    cwd,
    async run<T>(command: GitCommand<T>): Promise<T> {
      let result: {exitCode: number; stdErr: Buffer[]} | undefined
      // A fresh instance per call: its error hook sees this call's exit code and stderr only.
      const git = factory({
        baseDir: cwd,
        allowEnvironment: PASS_THROUGH,
        errors(error, outcome) {
          result = outcome
          // A process that ran and exited is a result for our caller; a spawn failure stays an error.
          return outcome.exitCode >= 0 && outcome.exitCode < 256 ? undefined : error
        },
      }).env(env)
      const stdout = await git.raw(command.args)
      const output = {exitCode: result?.exitCode ?? 0, stdout, stderr: Buffer.concat(result?.stdErr ?? []).toString('utf8')}
      if (!(command.ok ?? [0]).includes(output.exitCode)) throw new GitCommandError(command.args, output)
      return command.parse(output)
    },
    stream(args: string[], describe: string): NodeJS.ReadableStream {
      const child = spawn('git', args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      // The bytes end only once git has exited, and with an error unless it succeeded: a blob
      // git could not read (a missing object, a partial clone offline) must never read as empty.
      const out = new PassThrough()
      child.stdout.pipe(out, {end: false})
      child.on('error', (error) => out.destroy(error))
      child.on('close', (code, signal) => {
        if (code === 0) out.end()
        else out.destroy(new Error(`git ${args[0] ?? ''} failed for ${describe}: ${firstLines(stderr) || `exit ${code ?? signal}`}`))
      })
      // A reader that stops early (Ctrl-C, a gate that stopped at its first failure) stops git too.
      out.on('close', () => {
        if (child.exitCode === null && child.signalCode === null) child.kill()
      })
      return out
    },
  }
}
