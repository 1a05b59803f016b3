import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {createGunzip} from 'node:zlib'

import {isLlmopsError, usageError} from '../errors.js'

export type InputSource =
  | {kind: 'file'; path: string; display: string}
  | {kind: 'stdin'; display: '-'}
  /** Bytes already in memory: the base side of a file, read from git objects. */
  | {kind: 'bytes'; bytes: Uint8Array; display: string}

/**
 * Bytes per read, and so per frame of lines: large enough that reading never leaves the CPU
 * idle, small enough that a frame and its output stay small in memory (measured: 256 KiB frames
 * raised peak RSS by 40 MB for no speed).
 */
export const CHUNK_SIZE = 64 * 1024

function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT': {
      return 'not found'
    }

    case 'EACCES':
    case 'EPERM': {
      return 'permission denied'
    }

    case 'EISDIR': {
      return 'is a directory, not a file'
    }

    default: {
      return `cannot be read (${code ?? (error as Error).message})`
    }
  }
}

/** Check every input before reading any, so a typo in the third file fails at once (exit 2). */
export async function resolveInputs(args: readonly string[], cwd: string): Promise<InputSource[]> {
  if (args.filter((a) => a === '-').length > 1) throw usageError('stdin (-) can be given only once', 'E_USAGE')
  const sources: InputSource[] = []
  for (const arg of args) {
    if (arg === '-') {
      sources.push({kind: 'stdin', display: '-'})
      continue
    }

    const full = path.resolve(cwd, arg)
    try {
      const info = await stat(full)
      if (info.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'})
    } catch (error) {
      throw usageError(`input file ${arg} ${ioProblem(error)}`, 'E_INPUT_NOT_FOUND', [
        'Give the path of a JSON Lines log file, or - to read standard input.',
      ])
    }

    // Shown, and fingerprinted, relative to the working directory with / separators: the same
    // file gives the same fingerprints however it was named on the command line.
    const relative = path.relative(cwd, full)
    const display = relative.startsWith('..') || path.isAbsolute(relative) ? arg : relative.split(path.sep).join('/')
    sources.push({kind: 'file', path: full, display})
  }

  return sources
}

async function* passThrough(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

/**
 * The bytes of one input, gunzipped transparently when they start with the gzip magic bytes
 * (whatever the file name). Errors are usage errors that name the input.
 */
export async function* openChunks(source: InputSource, stdin: NodeJS.ReadableStream, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const raw = source.kind === 'stdin' ? stdin : source.kind === 'bytes' ? Readable.from([Buffer.from(source.bytes)]) : createReadStream(source.path, {highWaterMark: CHUNK_SIZE})
  // Ctrl-C must work while a pipe is silent (`kubectl logs -f | llmops monitor -`): stop reading.
  const stop = (): void => {
    ;(raw as NodeJS.ReadableStream & {destroy: () => void}).destroy()
  }

  signal?.addEventListener('abort', stop, {once: true})
  try {
    const iterator = (raw as AsyncIterable<Buffer>)[Symbol.asyncIterator]()
    const first = await iterator.next()
    if (first.done) return
    const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value
    if (head[0] !== 0x1f || head[1] !== 0x8b) {
      yield* passThrough(head, iterator)
      return
    }

    const gunzip = createGunzip({chunkSize: 64 * 1024})
    // pipeline forwards a read error into gunzip, where the loop below sees it.
    pipeline(Readable.from(passThrough(head, iterator)), gunzip).catch(() => {})
    try {
      yield* gunzip as AsyncIterable<Buffer>
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_') || (error as Error).message === 'unexpected end of file') {
        throw usageError(`${source.display}: not a valid gzip stream (${(error as Error).message})`, 'E_INPUT_GZIP')
      }

      throw error
    }
  } catch (error) {
    if (signal?.aborted) return
    if (isLlmopsError(error)) throw error
    throw usageError(`input ${source.display} ${ioProblem(error)}`, 'E_INPUT_READ')
  } finally {
    signal?.removeEventListener('abort', stop)
  }
}
