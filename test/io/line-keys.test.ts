import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {lineKeyInto, LineKeys} from '../../src/io/line-keys.js'

/** The keys of `lines`, as a batch hands them over. */
function keysOf(lines: readonly string[]): Uint32Array {
  const keys = new Uint32Array(4 * lines.length)
  for (const [i, line] of lines.entries()) lineKeyInto(line, keys, 4 * i)
  return keys
}

/** What a line is compared by: its text without a carriage return at its end. */
const text = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line)

describe('LineKeys', () => {
  it('holds exactly the lines added, as a set of their texts would, over growth and batches', () => {
    const line = fc.oneof(
      fc.string({maxLength: 6}),
      fc.string({unit: 'binary', maxLength: 4}).map((s) => `${s}\r`),
      fc.constantFrom('', '\r', 'a', 'a\r'),
    )
    fc.assert(
      fc.property(fc.array(fc.array(line, {maxLength: 300}), {maxLength: 8}), fc.array(line, {maxLength: 50}), (batches, others) => {
        const keys = new LineKeys()
        const expected = new Set<string>()
        for (const batch of batches) {
          keys.addAll(keysOf(batch))
          for (const l of batch) expected.add(text(l))
        }

        expect(keys.size).toBe(expected.size)
        for (const l of [...batches.flat(), ...others]) expect(keys.has(l), JSON.stringify(l)).toBe(expected.has(text(l)))
      }),
      {numRuns: 200},
    )
  })

  it('keeps its memory flat per line and shares it: a set rebuilt from its state reads the same table', () => {
    const lines = Array.from({length: 5000}, (_, i) => `{"id":"r${i}"}`)
    const keys = new LineKeys()
    keys.addAll(keysOf(lines))
    const {table, count} = keys.state
    expect(count).toBe(5000)
    // At most half full, at 16 bytes a slot: 32 bytes a line or less once past the first table.
    expect(table.byteLength).toBeLessThanOrEqual(32 * 2 * 5000)
    expect(table.buffer).toBeInstanceOf(SharedArrayBuffer)
    const copy = new LineKeys(structuredClone(keys.state))
    expect(lines.every((l) => copy.has(l))).toBe(true)
    expect(copy.has('{"id":"r5000"}')).toBe(false)
  })
})
