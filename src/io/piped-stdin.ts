/**
 * Standard input that a user meant as the input: `cat logs.jsonl | llmops monitor` or
 * `llmops monitor < logs.jsonl`, without `-`.
 *
 * "Not a terminal" is not enough: cron, `docker run`, CI runners and scripts run with stdin on
 * /dev/null, a socket a parent process left open, or a pipe closed without a byte, and there the
 * user meant the default file. So stdin counts only when it is a pipe (FIFO) or a regular file,
 * and only once it has given a first byte; anything else, or end of input before a byte, means
 * "no input on stdin".
 */
import {fstatSync} from 'node:fs'
import {Readable} from 'node:stream'

/** Whether fd is a pipe or a regular file (what a shell's `|` and `<` give), by fstat. */
export function isPipeOrFile(fd: number | undefined): boolean {
  if (fd === undefined) return false
  try {
    const info = fstatSync(fd)
    return info.isFIFO() || info.isFile()
  } catch {
    return false
  }
}

/** process.stdin, or a stream standing in for it: `fd` says what it is connected to. */
export type Stdin = NodeJS.ReadableStream & {fd?: number; destroy(): void}

export interface PipedStdinOptions {
  /**
   * Called once when no byte has come after `waitMs` (a pipe that stays open and silent): `stop`
   * gives up on stdin (it is closed, and the result is undefined), `wait` goes on waiting.
   */
  onWait?: () => 'stop' | 'wait'
  waitMs?: number
}

const STOP = Symbol('stop')

/**
 * Stdin's bytes, first byte included, when stdin is a pipe or a file that gives at least one
 * byte; undefined when it is anything else, ends before its first byte, or stays silent until
 * `onWait` says stop. Stdin is not touched unless it is a pipe or a file (reading a terminal
 * would wait for the keyboard).
 */
export async function pipedStdin(stdin: Stdin, options: PipedStdinOptions = {}): Promise<Readable | undefined> {
  if (!isPipeOrFile(stdin.fd)) return undefined
  const chunks = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  let giveUp: (() => void) | undefined
  const stopped = new Promise<typeof STOP>((resolve) => {
    giveUp = () => resolve(STOP)
  })
  const {onWait} = options
  const timer = onWait === undefined ? undefined : setTimeout(() => onWait() === 'stop' && giveUp?.(), options.waitMs ?? 5000)
  timer?.unref()
  let first: IteratorResult<Buffer | string>
  try {
    do {
      const next = chunks.next()
      const won = await Promise.race([next, stopped])
      if (won === STOP) {
        // The read still pending ends with the stream: nothing is left waiting on it.
        next.catch(() => undefined)
        stdin.destroy()
        return undefined
      }

      first = won
    } while (first.done !== true && first.value.length === 0)
  } finally {
    clearTimeout(timer)
  }

  if (first.done === true) return undefined
  const head = first.value
  async function* all(): AsyncGenerator<Buffer | string> {
    yield head
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield next.value
  }

  const bytes = Readable.from(all(), {objectMode: false})
  // Stopping the copy (Ctrl-C on a silent pipe) must stop reading stdin too, or the process stays.
  bytes.once('close', () => stdin.destroy())
  return bytes
}
