/** What `llmops monitor` reads when no FILE is named. */
import {existsSync} from 'node:fs'
import type {Readable} from 'node:stream'

import {pipedStdin, type Stdin} from '../io/piped-stdin.js'

export const DEFAULT_LOG_FILE = 'sample_chatbot_logs.jsonl'

export interface DefaultInputOptions {
  /** --changed-since: the changed log files of the repository are the input, never stdin. */
  changedSince: boolean
  /** --follow follows a file; it never reads stdin. */
  follow: boolean
  stdin: Stdin
  /** Where to say that a pipe stays silent (undefined: say nothing, e.g. with --json). */
  notes?: NodeJS.WritableStream | undefined
}

export interface DefaultInput {
  files: string[]
  /** Standard input as the run reads it (its first bytes already taken), when it is the input. */
  stdin?: Readable
}

/** How long a silent pipe is waited for before the default file is scanned instead (when there is one). */
export const SILENT_PIPE_MS = 5000

/**
 * Standard input when it is a pipe or a redirected file that gives at least one byte
 * (`cat logs.jsonl | llmops monitor`); else the default file. A terminal, /dev/null, a socket
 * and a pipe that ends without a byte (cron, CI runners) leave the default file as the input.
 * A pipe that stays open and silent (a parent process that never writes nor closes it) is given
 * up after SILENT_PIPE_MS when the default file exists, so such a run cannot hang; without it,
 * the run waits, as `cat` would. `-` always waits for stdin.
 */
export async function defaultInput(options: DefaultInputOptions): Promise<DefaultInput> {
  if (options.changedSince) return {files: []}
  if (options.follow) return {files: [DEFAULT_LOG_FILE]}
  const {notes} = options
  const onWait = (): 'stop' | 'wait' => {
    if (existsSync(DEFAULT_LOG_FILE)) {
      notes?.write(
        `No log lines on standard input after ${SILENT_PIPE_MS / 1000} s: scanning ${DEFAULT_LOG_FILE}. To wait for a slow pipe, give - as the FILE.\n`,
      )
      return 'stop'
    }

    notes?.write(`Waiting for log lines on standard input (a pipe). To scan a file instead, name it.\n`)
    return 'wait'
  }

  const stdin = await pipedStdin(options.stdin, {onWait, waitMs: SILENT_PIPE_MS})
  return stdin === undefined ? {files: [DEFAULT_LOG_FILE]} : {files: ['-'], stdin}
}
