import path from 'node:path'

import {AtomicFile} from '../io/atomic-file.js'
import {StreamWriter} from '../io/output.js'
import {toCsv, toLangfuse, type ExportFormat} from './export.js'
import {readFiltered, type ReadFlags} from './read-cli.js'

/** Write the export to --output (atomically) or stdout. */
export async function exportFeedback(format: ExportFormat, flags: ReadFlags & {output?: string | undefined}): Promise<{count: number; skipped: number; target: string}> {
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
    await new StreamWriter(process.stdout).write(text)
    return {count, skipped, target: 'stdout'}
  }

  await AtomicFile.write(path.resolve(flags.output), text, flags.output)

  return {count, skipped, target: flags.output}
}
