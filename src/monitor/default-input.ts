/** What `llmops monitor` reads when no FILE is named. */
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

/**
 * Standard input when it is a pipe or a redirected file that gives at least one byte
 * (`cat logs.jsonl | llmops monitor`); else the default file. A terminal, /dev/null, a socket
 * and a pipe that ends without a byte (cron, CI runners) leave the default file as the input.
 */
export async function defaultInput(options: DefaultInputOptions): Promise<DefaultInput> {
  if (options.changedSince) return {files: []}
  if (options.follow) return {files: [DEFAULT_LOG_FILE]}
  const {notes} = options
  const onWait =
    notes === undefined
      ? undefined
      : () => {
          notes.write(`Waiting for log lines on standard input (a pipe). To scan ${DEFAULT_LOG_FILE} instead, name it or add </dev/null.\n`)
        }

  const stdin = await pipedStdin(options.stdin, {onWait})
  return stdin === undefined ? {files: [DEFAULT_LOG_FILE]} : {files: ['-'], stdin}
}
