import {closeSync, createReadStream, openSync, writeSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {isPipeOrFile, pipedStdin} from '../../src/io/piped-stdin.js'
import {tempDir} from '../helpers.js'

/** A read stream on an open descriptor, as process.stdin is (fd known before the first read). */
const opened = (file: string, highWaterMark?: number) => createReadStream('', {fd: openSync(file, 'r'), highWaterMark})

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let all = ''
  for await (const chunk of stream) all += String(chunk)
  return all
}

/** A named pipe opened for reading and writing: it stays open (and silent) until closed. */
async function fifo(): Promise<{fd: number; stream: ReturnType<typeof createReadStream>}> {
  const file = path.join(await tempDir(), 'pipe')
  await execa('mkfifo', [file])
  const fd = openSync(file, 'r+')
  return {fd, stream: createReadStream('', {fd, autoClose: false})}
}

describe('pipedStdin', () => {
  it('counts pipes and regular files, not character devices', async () => {
    const file = path.join(await tempDir(), 'x.jsonl')
    await writeFile(file, '{}\n')
    const fd = openSync(file, 'r')
    const devNull = openSync('/dev/null', 'r')
    try {
      expect(isPipeOrFile(fd)).toBe(true)
      expect(isPipeOrFile(devNull)).toBe(false)
      expect(isPipeOrFile(undefined)).toBe(false)
    } finally {
      closeSync(fd)
      closeSync(devNull)
    }
  })

  it('gives every byte of a file, the first chunk included', async () => {
    const file = path.join(await tempDir(), 'x.jsonl')
    const lines = Array.from({length: 20_000}, (_, i) => `{"n":${i}}`).join('\n')
    await writeFile(file, lines)
    const stream = opened(file, 1024)
    const piped = await pipedStdin(stream)
    expect(piped).toBeDefined()
    expect(await text(piped as NodeJS.ReadableStream)).toBe(lines)
  })

  it('is undefined for an empty file and for /dev/null', async () => {
    const file = path.join(await tempDir(), 'empty.jsonl')
    await writeFile(file, '')
    expect(await pipedStdin(opened(file))).toBeUndefined()
    // /dev/null is not even read: a character device is never the input
    const devNull = opened('/dev/null')
    expect(await pipedStdin(devNull)).toBeUndefined()
    expect(devNull.bytesRead).toBe(0)
    devNull.destroy()
  })

  it('says once that a pipe stays silent, then reads what comes', async () => {
    const {fd, stream} = await fifo()
    const waits: number[] = []
    const pending = pipedStdin(stream, {
      waitMs: 50,
      onWait: () => {
        waits.push(Date.now())
        return 'wait'
      },
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(waits).toHaveLength(1)
    writeSync(fd, '{"late":true}\n')
    const piped = await pending
    expect(piped).toBeDefined()
    const chunk = await new Promise<string>((resolve) => piped?.once('data', (data: Buffer) => resolve(String(data))))
    expect(chunk).toBe('{"late":true}\n')
    piped?.destroy()
    closeSync(fd)
    expect(waits).toHaveLength(1)
  })

  it('gives a silent pipe up when told to stop, and closes it', async () => {
    const {fd, stream} = await fifo()
    const piped = await pipedStdin(stream, {waitMs: 50, onWait: () => 'stop'})
    expect(piped).toBeUndefined()
    expect(stream.destroyed).toBe(true)
    closeSync(fd)
  })
})
