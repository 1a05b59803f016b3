import path from 'node:path'

import {AtomicFile} from '../io/atomic-file.js'
import {StreamWriter} from '../io/output.js'
import {toCsv, toLangfuse, type ExportFormat} from './export.js'
import {readFiltered, type ReadFlags} from './read-cli.js'

/** Control characters (not line breaks or tabs) as `\uXXXX`: what a terminal shows instead of obeying them. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`)
}

/** Write the export to --output (atomically) or stdout. */
export async function exportFeedback(
  format: ExportFormat,
  flags: ReadFlags & {output?: string | undefined},
): Promise<{count: number; skipped: number; target: string}> {
  const {records} = await readFiltered(flags)
  // Oldest first: the order they were given in.
  const ordered = [...records].reverse()
  let text: string
  let count = ordered.length
  let skipped = 0
  if (format === 'csv') text = toCsv(ordered)
  else if (format === 'jsonl') text = ordered.map((r) => JSON.stringify(r) + '\n').join('')
  else {
    const {scores, skipped: left} = toLangfuse(ordered)
    text = scores.map((s) => JSON.stringify(s) + '\n').join('')
    count = scores.length
    skipped = left
  }

  if (flags.output === undefined) {
    // On a terminal, a description cannot move the cursor or change colours: escape controls.
    await new StreamWriter(process.stdout).write(process.stdout.isTTY === true ? terminalSafe(text) : text)
    return {count, skipped, target: 'stdout'}
  }

  await AtomicFile.write(path.resolve(flags.output), text, flags.output)

  return {count, skipped, target: flags.output}
}
