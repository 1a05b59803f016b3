import {constants} from 'node:fs'
import {lstat, open, stat} from 'node:fs/promises'
import path from 'node:path'

import {usageError} from '../errors.js'
import {writeProblem} from '../io/fs-problem.js'
import {openChunks} from '../io/input.js'
import {LineSplitter} from '../io/lines.js'
import {parseJsonLine} from '../io/jsonl.js'
import type {FeedbackRecord} from './record.js'

export const FEEDBACK_FILE_ENV = 'LLMOPS_FEEDBACK_FILE'

function whyNotWritten(error: unknown): string {
  // O_NOFOLLOW refuses a link with ELOOP: say why, not "a loop".
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') return 'it is a symbolic link (feedback is written only to a regular file, never where a link points)'
  return writeProblem(error)
}

/**
 * Append records to the feedback file, safely when many processes write at once: an exclusive
 * lock (proper-lockfile, with stale-lock recovery) around one append-only write. A torn last line
 * left by a crash is closed with a newline first, so the new records start on a line of their
 * own. New files are readable by the owner only. The file is never truncated or rewritten.
 */
export async function appendRecords(file: string, records: readonly FeedbackRecord[], shown = file): Promise<void> {
  if (records.length === 0) return
  let release: (() => Promise<void>) | undefined
  try {
    // O_NOFOLLOW: a link planted at the feedback file's path cannot redirect the appends.
    const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600)
    await handle.close()
    const {lock} = await import('proper-lockfile')
    release = await lock(file, {stale: 10_000, realpath: false, retries: {retries: 100, minTimeout: 5, maxTimeout: 100, randomize: true}})
    const {size} = await stat(file)
    const fd = await open(file, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW)
    try {
      let torn = false
      if (size > 0) {
        const last = Buffer.alloc(1)
        await fd.read(last, 0, 1, size - 1)
        torn = last[0] !== 0x0a
      }

      const text = (torn ? '\n' : '') + records.map((r) => JSON.stringify(r) + '\n').join('')
      await fd.write(text)
      await fd.sync()
    } finally {
      await fd.close()
    }
  } catch (error) {
    throw usageError(`cannot write ${shown}: ${whyNotWritten(error)}`, 'E_FEEDBACK_WRITE', [
      `Nothing was written. Choose another file with --file or $${FEEDBACK_FILE_ENV}.`,
    ])
  } finally {
    await release?.().catch(() => {})
  }
}

export interface ReadResult {
  /** Records by id, the latest write of an id winning, in order of their last write. */
  records: FeedbackRecord[]
  /** One message per skipped line, naming it. */
  warnings: string[]
}

/** Read the feedback file; a missing file is an empty store, a bad line a warning (torn write). */
export async function readRecords(file: string, shown = path.basename(file)): Promise<ReadResult> {
  const byId = new Map<string, FeedbackRecord>()
  const warnings: string[] = []
  const info = await lstat(file).catch(() => undefined)
  if (info === undefined) return {records: [], warnings}
  if (info.isSymbolicLink()) {
    throw usageError(`cannot read ${shown}: it is a symbolic link (feedback is read only from a regular file)`, 'E_FEEDBACK_MISSING', [
      `Point --file or $${FEEDBACK_FILE_ENV} at the file itself.`,
    ])
  }

  const splitter = new LineSplitter()
  const take = (lines: Array<string | {length: number}>, first: number): void => {
    for (const [i, line] of lines.entries()) {
      if (typeof line !== 'string' || line.trim() === '') continue
      const parsed = parseJsonLine(line)
      const value = parsed.ok ? (parsed.value as Partial<FeedbackRecord> | null) : null
      if (value === null || typeof value !== 'object' || typeof value.id !== 'string' || typeof value.feedback_type !== 'string') {
        warnings.push(`${shown}:${first + i}: skipped a line that is not a feedback record${parsed.ok ? '' : ' (torn or corrupted write)'}`)
        continue
      }

      byId.delete(value.id)
      byId.set(value.id, value as FeedbackRecord)
    }
  }

  for await (const chunk of openChunks({kind: 'file', path: file, display: shown}, process.stdin)) {
    const batch = splitter.push(chunk)
    take(batch.lines, batch.firstLine)
  }

  const last = splitter.end()
  take(last.lines, last.firstLine)
  return {records: [...byId.values()], warnings}
}
