import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {frameLines, LineSplitter, OversizedLine, type LineBatch} from '../../src/io/lines.js'

function splitAll(chunks: Buffer[], max?: number): Array<[number, string | OversizedLine]> {
  const splitter = new LineSplitter(max)
  const out: Array<[number, string | OversizedLine]> = []
  const take = (batch: LineBatch): void => {
    for (const [i, line] of batch.lines.entries()) out.push([batch.firstLine + i, line])
  }

  for (const chunk of chunks) take(splitter.push(chunk))
  take(splitter.end())
  return out
}

describe('LineSplitter', () => {
  it('numbers lines across chunks and keeps the last line without a newline', () => {
    expect(splitAll([Buffer.from('a\nb'), Buffer.from('c\n\nd')])).toEqual([
      [1, 'a'],
      [2, 'bc'],
      [3, ''],
      [4, 'd'],
    ])
  })

  it('decodes a multi-byte character split between chunks', () => {
    const bytes = Buffer.from('x😀y\n')
    const chunks = [...bytes].map((b) => Buffer.from([b]))
    expect(splitAll(chunks)).toEqual([[1, 'x😀y']])
  })

  it('strips CRLF and a leading BOM', () => {
    expect(splitAll([Buffer.from('\uFEFF{"a":1}\r\n{"b":2}\r\n')])).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
    ])
  })

  it('joins a huge line from many chunks', () => {
    const big = 'z'.repeat(3_000_000)
    const chunks: Buffer[] = []
    for (let i = 0; i < big.length; i += 65_536) chunks.push(Buffer.from(big.slice(i, i + 65_536)))
    chunks.push(Buffer.from('\nnext\n'))
    const lines = splitAll(chunks)
    expect(lines).toHaveLength(2)
    expect((lines[0]?.[1] as string).length).toBe(3_000_000)
    expect(lines[1]).toEqual([2, 'next'])
  })

  it('drops the text of a line over the limit but keeps counting', () => {
    const lines = splitAll([Buffer.from('ok\n' + 'y'.repeat(50)), Buffer.from('y'.repeat(50) + '\nafter\n')], 64)
    expect(lines[0]).toEqual([1, 'ok'])
    expect(lines[1]?.[1]).toBeInstanceOf(OversizedLine)
    expect((lines[1]?.[1] as OversizedLine).length).toBe(100)
    expect(lines[2]).toEqual([3, 'after'])
  })

  it('yields nothing for empty input', () => {
    expect(splitAll([])).toEqual([])
  })
})

describe('frameLines spans', () => {
  // Lines of text, of bytes that are not UTF-8, with carriage returns, byte order marks and replacement characters.
  const piece = fc.oneof(
    fc.string({unit: 'grapheme', maxLength: 20}).map((s) => Buffer.from(s, 'utf8')),
    fc.uint8Array({maxLength: 6}).map((b) => Buffer.from(b)),
    fc.constantFrom(Buffer.from('\r'), Buffer.from('\uFEFF'), Buffer.from('\uFFFD'), Buffer.from([0xf1, 0x80, 0x80]), Buffer.from([0xe9])),
  )
  const frame = fc
    .array(
      fc.array(piece, {maxLength: 5}).map((parts) => Buffer.concat(parts)),
      {maxLength: 12},
    )
    .map((lines) => Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])))

  it('give each line the bytes it was read from, where reading them as UTF-8 gives the line', () => {
    fc.assert(
      fc.property(frame, fc.boolean(), fc.integer({min: 4, max: 200}), (bytes, atStart, max) => {
        const spans: number[] = []
        const lines = frameLines(bytes, max, atStart, spans)
        expect(spans).toHaveLength(2 * lines.length)
        for (const [i, line] of lines.entries()) {
          const [start, end] = [spans[2 * i] as number, spans[2 * i + 1] as number]
          if (start < 0) {
            expect(end).toBe(-1)
            continue
          }

          expect(typeof line).toBe('string')
          const own = bytes.subarray(start, end)
          expect(new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(own)).toBe(line)
        }

        expect(frameLines(bytes, max, atStart)).toEqual(lines)
      }),
      {numRuns: 400},
    )
  })

  it('have none for a line read leniently or too long', () => {
    const spans: number[] = []
    const lines = frameLines(Buffer.from('ok\njos\xe9\n' + 'y'.repeat(20) + '\n', 'latin1'), 10, true, spans)
    expect(lines[1]).toBe('josé')
    expect(lines[2]).toBeInstanceOf(OversizedLine)
    expect(spans).toEqual([0, 2, -1, -1, -1, -1])
  })
})
