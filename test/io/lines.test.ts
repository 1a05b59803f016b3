import {describe, expect, it} from 'vitest'

import {LineSplitter, OversizedLine, type LineBatch} from '../../src/io/lines.js'

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
