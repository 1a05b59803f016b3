import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {ByteSink} from '../../src/io/byte-sink.js'

type Op = {text: string} | {bytes: Uint8Array; start: number; end: number}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.string({unit: 'binary', maxLength: 40}).map((text) => ({text})),
  fc.string({unit: 'grapheme', maxLength: 300}).map((text) => ({text})),
  fc
    .uint8Array({maxLength: 600})
    .chain((bytes) => fc.tuple(fc.nat(bytes.length), fc.nat(bytes.length)).map(([a, b]) => ({bytes, start: Math.min(a, b), end: Math.max(a, b)}))),
)

describe('ByteSink', () => {
  it('holds exactly what was written, as UTF-8 and copied bytes, whatever it had to grow through', () => {
    fc.assert(
      fc.property(fc.array(op, {maxLength: 40}), fc.nat(300), (ops, capacity) => {
        const sink = new ByteSink(capacity)
        const expected: Buffer[] = []
        for (const o of ops) {
          if ('text' in o) {
            sink.text(o.text)
            expected.push(Buffer.from(o.text, 'utf8'))
          } else {
            sink.copy(o.bytes, o.start, o.end)
            expected.push(Buffer.from(o.bytes.subarray(o.start, o.end)))
          }
        }

        expect(Buffer.from(sink.done()).equals(Buffer.concat(expected))).toBe(true)
      }),
      {numRuns: 300},
    )
  })

  it('owns its memory, so that moving it to another thread moves nothing else', () => {
    const sink = new ByteSink(10)
    sink.text('x'.repeat(100))
    const out = sink.done()
    expect(out.length).toBe(100)
    // Node's pool of small buffers is shared: a view of it has an offset into a larger buffer.
    expect(out.byteOffset).toBe(0)
    // What lies past the bytes written is zeros, not memory used before (freed buffers full of
    // bytes are likely to be handed out again).
    for (let i = 0; i < 50; i++) {
      for (let k = 0; k < 50; k++) Buffer.allocUnsafeSlow(256).fill(0xab)
      const fresh = new ByteSink(10)
      fresh.text('y')
      const bytes = fresh.done()
      expect(new Uint8Array(bytes.buffer).subarray(bytes.length).every((b) => b === 0)).toBe(true)
    }

    const copy = structuredClone(out, {transfer: [out.buffer as ArrayBuffer]})
    expect(Buffer.from(copy).toString()).toBe('x'.repeat(100))
  })

  it('makes room for a long text by its size in bytes, not three times its length', () => {
    const sink = new ByteSink(256)
    sink.text('a'.repeat(100_000))
    sink.text('é'.repeat(50_000))
    const out = sink.done()
    expect(out.length).toBe(200_000)
    expect(out.buffer.byteLength).toBeLessThan(2 * 200_000)
  })
})
