import {open, stat, type FileHandle} from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'

import {usageError} from '../errors.js'
import {sniff} from './decode.js'
import {CHUNK_SIZE} from './input.js'

/** Yielded when the followed file was truncated or replaced: the reader starts a new file. */
export const RESTARTED = Symbol('restarted')

export interface FollowOptions {
  signal: AbortSignal
  pollMs?: number
}

async function inode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).ino
  } catch {
    return undefined
  }
}

/**
 * `tail -f` as an async generator: the file's bytes from the start, then whatever is appended.
 * Survives truncation (start again at 0) and rotation (drain the old file, then open the new one
 * at the same path). Ends, without error, when `signal` aborts.
 */
export async function* followChunks(path: string, display: string, options: FollowOptions): AsyncGenerator<Buffer | typeof RESTARTED> {
  const pollMs = options.pollMs ?? 250
  let handle: FileHandle = await open(path, 'r')
  let ino = (await handle.stat()).ino
  let position = 0
  const buffer = Buffer.allocUnsafe(CHUNK_SIZE)
  try {
    const head = await handle.read(buffer, 0, 2, 0)
    if (sniff(buffer.subarray(0, head.bytesRead)).type === 'gzip') {
      throw usageError(`--follow reads plain text logs; ${display} is gzip-compressed`, 'E_USAGE')
    }

    while (!options.signal.aborted) {
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, position)
      if (bytesRead > 0) {
        position += bytesRead
        yield Buffer.from(buffer.subarray(0, bytesRead))
        continue
      }

      const currentIno = await inode(path)
      if (currentIno !== undefined && currentIno !== ino) {
        // Rotated: the old file is drained (we are at its end), switch to the new one.
        await handle.close()
        handle = await open(path, 'r')
        ino = (await handle.stat()).ino
        position = 0
        yield RESTARTED
        continue
      }

      if ((await handle.stat()).size < position) {
        position = 0
        yield RESTARTED
        continue
      }

      try {
        await sleep(pollMs, undefined, {signal: options.signal})
      } catch {
        return
      }
    }
  } finally {
    await handle.close()
  }
}
