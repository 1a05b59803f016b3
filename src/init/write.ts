/**
 * The files' half of init: read what is there, decide per file (create, leave, overwrite or
 * refuse), then write. Every file is checked before the first one is written, so a refusal
 * leaves the repository exactly as it was; each file is written whole (temporary file + rename).
 */
import {mkdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {fail} from '../errors.js'
import {AtomicFile} from '../io/atomic-file.js'
import type {FileOutcome} from './types.js'

export interface PlannedFile {
  path: string
  text: string
  /** What is there now: absent, the same text, or something else. */
  now: 'absent' | 'same' | 'different'
}

async function current(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw fail('E_OUTPUT', `cannot read ${file}: ${code === 'EISDIR' ? 'it is a directory' : (code ?? 'error')}`)
  }
}

export async function planFiles(root: string, files: ReadonlyArray<{path: string; text: string}>): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = []
  for (const file of files) {
    const text = await current(path.join(root, file.path))
    planned.push({...file, now: text === undefined ? 'absent' : text === file.text ? 'same' : 'different'})
  }

  return planned
}

/** Refuses (exit 3) when a file exists with other content and --force was not given. */
export function checkOverwrites(planned: readonly PlannedFile[], force: boolean): void {
  const differing = planned.filter((f) => f.now === 'different').map((f) => f.path)
  if (differing.length === 0 || force) return
  throw fail('E_FILE_EXISTS', `${differing.join(', ')} already ${differing.length === 1 ? 'exists' : 'exist'} with other content; nothing was written`, [
    'Run with --dry-run to see what llmops init would write, then --force to overwrite (or edit the file by hand).',
  ])
}

export function fileOutcomes(planned: readonly PlannedFile[], dryRun: boolean, force: boolean): FileOutcome[] {
  return planned.map((f) => ({
    path: f.path,
    status:
      f.now === 'same'
        ? 'unchanged'
        : f.now === 'absent'
          ? dryRun
            ? 'would_create'
            : 'created'
          : !force
            ? 'differs'
            : dryRun
              ? 'would_overwrite'
              : 'overwritten',
  }))
}

/** Writes the files that are absent or (with --force) different. */
export async function writeFiles(root: string, planned: readonly PlannedFile[]): Promise<void> {
  for (const file of planned) {
    if (file.now === 'same') continue
    const full = path.join(root, file.path)
    await mkdir(path.dirname(full), {recursive: true}).catch((error: NodeJS.ErrnoException) => {
      throw fail('E_OUTPUT', `cannot create the folder of ${file.path} (${error.code ?? 'error'}): a file may stand where the folder should be`)
    })
    await AtomicFile.write(full, file.text, file.path)
  }
}
