/**
 * From the bytes of an input to UTF-8 text lines, whatever its container: gzip is unwrapped (also
 * gzip inside gzip, a few levels deep), UTF-16 and UTF-32 with a byte order mark are transcoded,
 * and content the monitor cannot read (other compressions, archives, a Git LFS pointer instead
 * of the log, a decompression bomb, invalid UTF-16) raises Unscannable, naming why. The decision
 * is taken on the content, never on the file name.
 */
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {createGunzip} from 'node:zlib'

import {usageError} from '../errors.js'

/** The input's content could not be read as text: the caller reports it and fails a PII gate. */
export class Unscannable extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'Unscannable'
  }
}

export interface DecodeLimits {
  /** Most bytes one input may decompress to. */
  maxDecodedBytes: number
  /** Most times larger than its compressed size an input may become (checked past 16 MiB). */
  maxExpansion: number
}

export const DEFAULT_LIMITS: DecodeLimits = {maxDecodedBytes: 1024 * 1024 * 1024, maxExpansion: 100}

/** Decompressed size from which the expansion ratio is checked: small files compress very well. */
const RATIO_FLOOR = 16 * 1024 * 1024
/** gzip inside gzip inside gzip is still read; one more level is not. */
const MAX_GZIP_DEPTH = 3

type Kind = {type: 'plain'} | {type: 'gzip'} | {type: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be'; bom: number} | {type: 'unreadable'; reason: string}

const starts = (head: Buffer, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b)

const LFS = Buffer.from('version https://git-lfs.github.com/spec/')
const SIGNATURES = [
  [0x1f, 0x8b],
  [0xff, 0xfe, 0x00, 0x00],
  [0x00, 0x00, 0xfe, 0xff],
  [0x42, 0x5a, 0x68],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
  [0x28, 0xb5, 0x2f, 0xfd],
  [0x04, 0x22, 0x4d, 0x18],
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07],
  [...LFS],
]

/** The bytes so far are shorter than some signature they begin: more are needed to decide. */
function mayBeSignature(head: Buffer): boolean {
  return SIGNATURES.some((sig) => head.length < sig.length && starts(head, sig.slice(0, head.length)))
}

/** What the first bytes say the content is. */
export function sniff(head: Buffer): Kind {
  if (starts(head, [0x1f, 0x8b])) return {type: 'gzip'}
  // UTF-32 first: its little-endian mark begins like UTF-16's.
  if (starts(head, [0xff, 0xfe, 0x00, 0x00])) return {type: 'utf32le', bom: 4}
  if (starts(head, [0x00, 0x00, 0xfe, 0xff])) return {type: 'utf32be', bom: 4}
  if (starts(head, [0xff, 0xfe])) return {type: 'utf16le', bom: 2}
  if (starts(head, [0xfe, 0xff])) return {type: 'utf16be', bom: 2}
  const unreadable: Array<[number[], string]> = [
    [[0x42, 0x5a, 0x68], 'bzip2-compressed'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed'],
    [[0x04, 0x22, 0x4d, 0x18], 'lz4-compressed'],
    [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
    [[0x50, 0x4b, 0x05, 0x06], 'a zip archive'],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
    [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  ]
  for (const [magic, what] of unreadable) {
    if (starts(head, magic)) return {type: 'unreadable', reason: `${what} content: only plain text and gzip can be scanned`}
  }

  if (starts(head, [...LFS])) {
    return {type: 'unreadable', reason: 'a Git LFS pointer: the log itself is not in the repository, so it cannot be scanned'}
  }

  return {type: 'plain'}
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

/** gunzip with limits; any data after the last gzip member is refused (a reader would skip it). */
async function* gunzip(input: AsyncIterable<Buffer>, limits: DecodeLimits, display: string): AsyncGenerator<Buffer> {
  const zlib = createGunzip({chunkSize: 64 * 1024})
  let bytesIn = 0
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      bytesIn += chunk.length
      yield chunk
    }
  }

  let failure: unknown
  // pipeline forwards a read error into zlib, where the loop below sees it; it also stops the
  // reader when the loop stops early.
  const feeding = pipeline(Readable.from(counted()), zlib).catch((error: unknown) => {
    failure ??= error
  })
  let bytesOut = 0
  let complete = false
  try {
    for await (const out of zlib as AsyncIterable<Buffer>) {
      bytesOut += out.length
      if (bytesOut > limits.maxDecodedBytes) {
        throw new Unscannable(`decompresses to more than ${limits.maxDecodedBytes} bytes (monitor.maxDecodedBytes); possibly a decompression bomb`)
      }

      if (bytesOut > RATIO_FLOOR && bytesOut > limits.maxExpansion * Math.max(1, zlib.bytesWritten)) {
        throw new Unscannable(`expands more than ${limits.maxExpansion} times (monitor.maxExpansion); possibly a decompression bomb`)
      }

      yield out
    }

    complete = true
  } catch (error) {
    if (error instanceof Unscannable) throw error
    const zlibError = (error as NodeJS.ErrnoException).code?.startsWith('Z_') === true || (error as Error).message === 'unexpected end of file'
    if (!zlibError) throw error
    throw usageError(`${display}: not a valid gzip stream (${(error as Error).message})`, 'E_INPUT_GZIP')
  } finally {
    // Stopped early (a limit, or the caller stopped reading): stop the reader too.
    if (!complete) zlib.destroy()
    await feeding
  }

  // The gzip stream ended while the input went on: the reader fails (written after the end), or
  // the rest is already counted but was never consumed.
  if (failure !== undefined || zlib.bytesWritten < bytesIn) {
    throw usageError(`${display}: data after the end of the gzip stream, which a gzip reader skips`, 'E_INPUT_GZIP', [
      'Recompress the file (gunzip -c FILE | gzip > NEW), so that every line is inside the gzip stream.',
    ])
  }
}

/** UTF-16 or UTF-32 (after its byte order mark) as UTF-8; invalid code units are unscannable. */
async function* transcode(input: AsyncIterable<Buffer>, kind: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be', bom: number): AsyncGenerator<Buffer> {
  let skip = bom
  let carry = Buffer.alloc(0)
  const decoder = kind.startsWith('utf16') ? new TextDecoder(kind === 'utf16le' ? 'utf-16le' : 'utf-16be', {fatal: true}) : undefined
  for await (const raw of input) {
    let chunk = raw
    if (skip > 0) {
      const dropped = Math.min(skip, chunk.length)
      chunk = chunk.subarray(dropped)
      skip -= dropped
    }

    if (decoder !== undefined) {
      try {
        yield Buffer.from(decoder.decode(chunk, {stream: true}), 'utf8')
      } catch {
        throw new Unscannable(`not valid ${kind === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} despite its byte order mark`)
      }

      continue
    }

    const data = Buffer.concat([carry, chunk])
    const whole = data.length - (data.length % 4)
    carry = data.subarray(whole)
    let text = ''
    for (let i = 0; i < whole; i += 4) {
      const cp = kind === 'utf32le' ? data.readUInt32LE(i) : data.readUInt32BE(i)
      if (cp > 0x10_ff_ff || (cp >= 0xd8_00 && cp <= 0xdf_ff))
        throw new Unscannable(`not valid ${kind === 'utf32le' ? 'UTF-32LE' : 'UTF-32BE'} despite its byte order mark`)
      text += String.fromCodePoint(cp)
    }

    yield Buffer.from(text, 'utf8')
  }

  if (decoder !== undefined) {
    try {
      const tail = decoder.decode()
      if (tail !== '') yield Buffer.from(tail, 'utf8')
    } catch {
      throw new Unscannable('ends in the middle of a UTF-16 character')
    }
  } else if (carry.length > 0) throw new Unscannable('ends in the middle of a UTF-32 character')
}

/**
 * The text bytes of one input. Throws Unscannable (the content cannot be read as text) or a
 * usage error (a corrupt gzip stream), both naming the input.
 */
export async function* decodeInput(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  display: string,
  limits: DecodeLimits = DEFAULT_LIMITS,
  depth = 0,
): AsyncGenerator<Buffer> {
  const iterator =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (async function* () {
          yield* chunks
        })()
  // Read only as far as the first bytes could still begin a known signature: a live pipe that
  // sent one short line is not kept waiting.
  let head: Buffer = Buffer.alloc(0)
  while (head.length === 0 || mayBeSignature(head)) {
    const next = await iterator.next()
    if (next.done) break
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value])
  }

  const rest = prepend(head, iterator)
  const kind = sniff(head)
  switch (kind.type) {
    case 'plain': {
      yield* rest
      return
    }

    case 'gzip': {
      if (depth >= MAX_GZIP_DEPTH) throw new Unscannable(`gzip nested more than ${MAX_GZIP_DEPTH} levels deep`)
      yield* decodeInput(gunzip(rest, limits, display), display, limits, depth + 1)
      return
    }

    case 'unreadable': {
      throw new Unscannable(kind.reason)
    }

    default: {
      yield* transcode(rest, kind.type, kind.bom)
    }
  }
}
