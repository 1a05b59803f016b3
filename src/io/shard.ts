/**
 * Deterministic shares of the inputs for `--shard K/N` (1-based): every worker computes the same
 * plan from the same inputs, and every line belongs to exactly one shard.
 * - Several files: whole files, balanced by size (largest first, each to the shard with the
 *   fewest bytes so far; ties by path and by shard number).
 * - One plain file: line-aligned byte ranges, by the Hadoop input-split rule: the range
 *   [size*(K-1)/N, size*K/N) owns every line that starts inside it. A worker reads its range and
 *   counts the newlines before it (a byte scan, no parsing), so line numbers stay exact.
 */
import {open, stat} from 'node:fs/promises'

import {usageError} from '../errors.js'
import {sniff} from './decode.js'
import type {InputSource} from './input.js'

export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

const PROBE = 64 * 1024

/** The first line start at or after `offset` (0, a position just after a newline, or `size`). */
async function lineStartFrom(handle: Awaited<ReturnType<typeof open>>, offset: number, size: number): Promise<number> {
  if (offset <= 0) return 0
  const buffer = Buffer.allocUnsafe(PROBE)
  for (let at = offset - 1; at < size; at += PROBE) {
    const {bytesRead} = await handle.read(buffer, 0, PROBE, at)
    if (bytesRead === 0) break
    const newline = buffer.subarray(0, bytesRead).indexOf(10)
    if (newline !== -1) return at + newline + 1
  }

  return size
}

/** Newlines in [0, end): the number of the line that starts at `end`, minus one. */
async function newlinesBefore(handle: Awaited<ReturnType<typeof open>>, end: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  let count = 0
  for (let at = 0; at < end;) {
    const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, end - at), at)
    if (bytesRead === 0) break
    let i = buffer.indexOf(10, 0)
    while (i !== -1 && i < bytesRead) {
      count++
      i = buffer.indexOf(10, i + 1)
    }

    at += bytesRead
  }

  return count
}

async function rangeOf(source: Extract<InputSource, {kind: 'file'}>, shard: Shard): Promise<InputSource[]> {
  const handle = await open(source.path, 'r')
  try {
    const {size} = await handle.stat()
    const head = Buffer.alloc(Math.min(size, 16))
    await handle.read(head, 0, head.length, 0)
    const kind = sniff(head)
    if (kind.type !== 'plain') {
      throw usageError(
        `--shard splits one file by byte ranges, which needs plain text; ${source.display} is ${kind.type === 'unreadable' ? 'not text' : kind.type}`,
        'E_USAGE',
        ['Decompress it first, or split it into several files (each shard then takes whole files).'],
      )
    }

    const start = await lineStartFrom(handle, Math.floor((size * (shard.index - 1)) / shard.count), size)
    const end = await lineStartFrom(handle, Math.floor((size * shard.index) / shard.count), size)
    if (start >= end) return []
    return [{...source, range: {start, end}, firstLine: 1 + (await newlinesBefore(handle, start))}]
  } finally {
    await handle.close()
  }
}

/** This shard's share of the inputs. */
export async function shardSources(sources: InputSource[], shard: Shard): Promise<InputSource[]> {
  if (shard.count === 1) return sources
  const files = sources.filter((s): s is Extract<InputSource, {kind: 'file'}> => s.kind === 'file')
  if (files.length !== sources.length) throw usageError('--shard needs log files: standard input and git objects cannot be split', 'E_USAGE')
  if (files.length === 1) return rangeOf(files[0] as Extract<InputSource, {kind: 'file'}>, shard)
  const sized = await Promise.all(files.map(async (file) => ({file, size: (await stat(file.path)).size})))
  sized.sort((a, b) => b.size - a.size || (a.file.display < b.file.display ? -1 : a.file.display > b.file.display ? 1 : 0))
  const load = Array.from({length: shard.count}, () => 0)
  const mine: InputSource[] = []
  for (const {file, size} of sized) {
    const target = load.indexOf(Math.min(...load))
    load[target] = (load[target] ?? 0) + size
    if (target === shard.index - 1) mine.push(file)
  }

  // Input order for this shard: as named on the command line.
  return sources.filter((s) => mine.includes(s))
}
