import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {resolveInputs, type InputSource} from '../../src/io/input.js'
import {shardSources} from '../../src/io/shard.js'

/** Lines with their 1-based numbers, as a whole-file reader numbers them (a final line without a newline counts). */
function numberedLines(text: string, from = 1): Array<[number, string]> {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines.map((line, i) => [from + i, line])
}

describe('--shard', () => {
  it('gives every line of one file to exactly one shard, with its own line number, for any N', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'llmops-shard-'))
    const line = fc.oneof(
      fc.constant(''),
      fc.string({maxLength: 40}).map((s) => s.replaceAll('\n', ' ')),
      fc.constant('{"id":"x","bot_response":"é ✓ 😀"}'),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(line, {maxLength: 60}), fc.boolean(), fc.integer({min: 1, max: 8}), async (lines, trailingNewline, count) => {
        const text = lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '')
        const file = path.join(dir, 'log.jsonl')
        await writeFile(file, text)
        const [source] = (await resolveInputs([file], dir)) as [InputSource]
        const seen: Array<[number, string]> = []
        for (let index = 1; index <= count; index++) {
          for (const part of await shardSources([source], {index, count})) {
            if (part.kind !== 'file') throw new Error('a shard of a file is a file')
            const bytes = (await readFile(file)).subarray(part.range?.start ?? 0, part.range?.end)
            seen.push(...numberedLines(bytes.toString('utf8'), part.firstLine ?? 1))
          }
        }

        expect(seen).toEqual(numberedLines(text))
      }),
      {numRuns: 150},
    )
  })

  it('gives each of several files to exactly one shard, balanced by size, the same plan in every worker', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'llmops-shard-'))
    const sizes = [900, 100, 500, 500, 300, 50, 0, 700]
    const names = sizes.map((_, i) => `part-${i}.jsonl`)
    for (const [i, size] of sizes.entries()) await writeFile(path.join(dir, names[i] as string), '{"id":1}\n'.repeat(Math.ceil(size / 9)))
    const sources = await resolveInputs(names, dir)
    for (const count of [1, 2, 3, 8, 11]) {
      const plans = await Promise.all(Array.from({length: count}, async (_, i) => (await shardSources(sources, {index: i + 1, count})).map((s) => s.display)))
      expect(plans.flat().sort()).toEqual([...names].sort())
      // Workers given the files in another order agree on the plan.
      const again = await Promise.all(
        Array.from({length: count}, async (_, i) => (await shardSources([...sources].reverse(), {index: i + 1, count})).map((s) => s.display).sort()),
      )
      expect(again).toEqual(plans.map((p) => [...p].sort()))
    }

    const [first, second] = await Promise.all([1, 2].map(async (index) => (await shardSources(sources, {index, count: 2})).map((s) => s.display)))
    const bytes = async (files: string[] | undefined): Promise<number> =>
      (await Promise.all((files ?? []).map(async (f) => (await readFile(path.join(dir, f))).length))).reduce((a, b) => a + b, 0)
    expect(Math.abs((await bytes(first)) - (await bytes(second)))).toBeLessThanOrEqual(1000)
  })

  it('refuses to split standard input or a compressed single file', async () => {
    await expect(shardSources([{kind: 'stdin', display: '-'}], {index: 1, count: 2})).rejects.toThrow(/--shard needs log files/)
    const dir = await mkdtemp(path.join(tmpdir(), 'llmops-shard-'))
    await writeFile(path.join(dir, 'log.jsonl.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))
    await expect(shardSources(await resolveInputs(['log.jsonl.gz'], dir), {index: 1, count: 2})).rejects.toThrow(/needs plain text; log.jsonl.gz is gzip/)
  })
})
