import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {Readable} from 'node:stream'

import {isLlmopsError, usageError} from '../errors.js'
import {decodeInput, DEFAULT_LIMITS, Unscannable, type DecodeLimits} from './decode.js'
import {readProblem} from './fs-problem.js'

export type InputSource =
  /** A file; with `range`, only the lines that start in it (a shard of one file), numbered from `firstLine`. */
  | {kind: 'file'; path: string; display: string; range?: {start: number; end: number}; firstLine?: number}
  | {kind: 'stdin'; display: '-'}
  /**
   * Bytes read on demand: a file as a commit holds it (git objects, not the working tree: the
   * change, and its base side), or a library caller's stream; `live` when lines arrive over time
   * and each is reported at once; `label` names it in messages ("chat.jsonl at the base").
   */
  | {kind: 'stream'; open: () => AsyncIterable<Buffer>; display: string; live?: boolean; label?: string}

/**
 * Bytes per read, and so per frame of lines: large enough that reading never leaves the CPU
 * idle, small enough that a frame and its output stay small in memory (measured: 256 KiB frames
 * raised peak RSS by 40 MB for no speed).
 */
export const CHUNK_SIZE = 64 * 1024

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
      throw usageError(`input file ${arg} ${readProblem(error)}`, 'E_INPUT_NOT_FOUND', ['Give the path of a JSON Lines log file, or - to read standard input.'])
    }

    // Shown, and fingerprinted, relative to the working directory with / separators: the same
    // file gives the same fingerprints however it was named on the command line.
    const relative = path.relative(cwd, full)
    const display = relative.startsWith('..') || path.isAbsolute(relative) ? arg : relative.split(path.sep).join('/')
    sources.push({kind: 'file', path: full, display})
  }

  return sources
}

/**
 * The text bytes of one input, decoded by content (gzip, UTF-16/32: see decode.ts), whatever the
 * file name. Read errors are usage errors that name the input; content that cannot be read as
 * text raises Unscannable.
 */
export async function* openChunks(
  source: InputSource,
  stdin: NodeJS.ReadableStream | undefined,
  signal?: AbortSignal,
  limits: DecodeLimits = DEFAULT_LIMITS,
): AsyncGenerator<Buffer> {
  const raw =
    source.kind === 'stdin'
      ? (stdin ?? process.stdin)
      : source.kind === 'stream'
        ? Readable.from(source.open())
        : createReadStream(source.path, {
            highWaterMark: CHUNK_SIZE,
            ...(source.range === undefined ? {} : {start: source.range.start, end: source.range.end - 1}),
          })
  // Ctrl-C must work while a pipe is silent (`kubectl logs -f | llmops monitor -`): stop reading.
  const stop = (): void => {
    ;(raw as NodeJS.ReadableStream & {destroy: () => void}).destroy()
  }

  // How messages name the input: a base side says so.
  const named = source.kind === 'stream' ? (source.label ?? source.display) : source.display
  signal?.addEventListener('abort', stop, {once: true})
  try {
    async function* bytes(): AsyncGenerator<Buffer> {
      for await (const chunk of raw as AsyncIterable<Buffer | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    }

    // A range past the start of a file that was sniffed as plain text is plain text: a line there
    // that happens to begin like a compressed file is still a line.
    if (source.kind === 'file' && source.range !== undefined && source.range.start > 0) yield* bytes()
    else yield* decodeInput(bytes(), named, limits)
  } catch (error) {
    if (signal?.aborted) return
    if (isLlmopsError(error) || error instanceof Unscannable) throw error
    throw usageError(`input ${named} ${readProblem(error)}`, 'E_INPUT_READ')
  } finally {
    signal?.removeEventListener('abort', stop)
  }
}
