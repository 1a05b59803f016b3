import {open} from 'node:fs/promises'

import {sniff} from './decode.js'
import type {InputSource} from './input.js'

/**
 * The bytes a run will read, when known before reading: every input is a plain (not compressed,
 * not UTF-16/32) file, so that the bytes read count towards it one for one. Undefined for stdin,
 * git objects or any file that decodes to another size. For the progress line only.
 */
export async function plainInputSize(sources: readonly InputSource[]): Promise<number | undefined> {
  let total = 0
  for (const source of sources) {
    if (source.kind !== 'file') return undefined
    try {
      const handle = await open(source.path, 'r')
      try {
        const head = Buffer.alloc(8)
        const {bytesRead} = await handle.read(head, 0, head.length, source.range?.start ?? 0)
        if (source.range === undefined && sniff(head.subarray(0, bytesRead)).type !== 'plain') return undefined
        total += source.range === undefined ? (await handle.stat()).size : source.range.end - source.range.start
      } finally {
        await handle.close()
      }
    } catch {
      return undefined
    }
  }

  return total
}
