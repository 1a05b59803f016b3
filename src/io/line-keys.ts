/**
 * The lines a change's base side already had (--changed-since), as a set of 128-bit keys (the
 * first 16 bytes of each line's SHA-1) in one flat table: 32 to 64 bytes a line (it doubles when
 * half full), in shared memory, so that every worker thread reads the same table instead of a
 * copy. A base side of a million lines held 80 MB of strings in each thread; now 32 to 64 MB for
 * all of them. The keys come from the lines as the monitor reads them (decoded, framed), so a
 * line counts as unchanged only when the head side reads the very same text.
 */
import {createHash} from 'node:crypto'

/** Words (32 bits) per key. */
const WORDS = 4

/** The table as plain data: what crosses to a worker thread (the memory is shared, not copied). */
export interface LineKeysState {
  table: Uint32Array
  count: number
}

/**
 * The key of a line, written at `out[at..at + 4)`: the same text gives the same key, whatever
 * ends it (a carriage return before the newline is not part of the line). The first word is odd,
 * so that an empty slot (all zero) is never a key.
 */
export function lineKeyInto(line: string, out: Uint32Array, at: number): void {
  const digest = createHash('sha1')
    .update(line.endsWith('\r') ? line.slice(0, -1) : line)
    .digest()
  out[at] = digest.readUInt32LE(0) | 1
  out[at + 1] = digest.readUInt32LE(4)
  out[at + 2] = digest.readUInt32LE(8)
  out[at + 3] = digest.readUInt32LE(12)
}

/** An open-addressing set of keys; grows by doubling while it is filled, read-only once shared. */
export class LineKeys {
  private table: Uint32Array
  private count: number
  /** The key `has` hashes into (one per set: a set is used by one thread at a time). */
  private readonly probe = new Uint32Array(WORDS)

  constructor(state?: LineKeysState) {
    this.table = state?.table ?? LineKeys.empty(1024)
    this.count = state?.count ?? 0
  }

  private static empty(slots: number): Uint32Array {
    return new Uint32Array(new SharedArrayBuffer(slots * WORDS * Uint32Array.BYTES_PER_ELEMENT))
  }

  get size(): number {
    return this.count
  }

  /** Plain data for a worker thread (its memory is shared). */
  get state(): LineKeysState {
    return {table: this.table, count: this.count}
  }

  /** Adds each key of `keys` (4 words each, from `lineKeyInto`). */
  addAll(keys: Uint32Array): void {
    for (let at = 0; at + WORDS <= keys.length; at += WORDS) this.add(keys, at)
  }

  /** The line's text was among the keys. */
  has(line: string): boolean {
    lineKeyInto(line, this.probe, 0)
    return this.slotOf(this.table, this.probe, 0) >= 0
  }

  private add(keys: Uint32Array, at: number): void {
    const slot = this.slotOf(this.table, keys, at)
    if (slot >= 0) return
    // At most half full: probes stay short.
    if (2 * (this.count + 1) > this.table.length / WORDS) this.grow()
    this.put(this.table, keys, at)
    this.count++
  }

  /** Where the key is (>= 0), or -1 - the empty slot where it would go. */
  private slotOf(table: Uint32Array, keys: Uint32Array, at: number): number {
    const mask = table.length / WORDS - 1
    // The key is a hash already: its second word picks the first slot.
    for (let slot = (keys[at + 1] as number) & mask; ; slot = (slot + 1) & mask) {
      const base = slot * WORDS
      const first = table[base] as number
      if (first === 0) return -1 - slot
      if (first === keys[at] && table[base + 1] === keys[at + 1] && table[base + 2] === keys[at + 2] && table[base + 3] === keys[at + 3]) return slot
    }
  }

  private put(table: Uint32Array, keys: Uint32Array, at: number): void {
    const base = (-1 - this.slotOf(table, keys, at)) * WORDS
    for (let k = 0; k < WORDS; k++) table[base + k] = keys[at + k] as number
  }

  private grow(): void {
    const old = this.table
    const table = LineKeys.empty((2 * old.length) / WORDS)
    for (let base = 0; base < old.length; base += WORDS) if (old[base] !== 0) this.put(table, old, base)
    this.table = table
  }
}
