/**
 * A hint for inputs that are JSON but not JSON Lines: a whole file that is one array, or one
 * pretty-printed object, reads as a run of malformed lines. Only the first bytes are looked at.
 */
import {open} from 'node:fs/promises'

export async function notJsonLinesHint(file: string, shown: string): Promise<string | undefined> {
  let head: string
  try {
    const handle = await open(file, 'r')
    try {
      const buffer = Buffer.alloc(512)
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0)
      head = buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
    } finally {
      await handle.close()
    }
  } catch {
    return undefined
  }

  const quoted = /^[\w./@+-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`
  if (/^\s*\[/.test(head))
    return `${shown} looks like one JSON array, not JSON Lines (one object per line): convert it with jq -c '.[]' ${quoted} | llmops monitor -`
  if (/^\s*\{\s*\n/.test(head))
    return `${shown} looks like pretty-printed JSON, not JSON Lines (one object per line): convert it with jq -c . ${quoted} | llmops monitor -`
  return undefined
}
