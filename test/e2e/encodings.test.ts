/**
 * Inputs in every container and encoding a log can arrive in: what the monitor can read is read
 * (gzip, nested gzip, UTF-16/32 with a byte order mark), what it cannot is reported by name as
 * unscannable and fails a PII gate, and the other inputs are still scanned.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {gzipSync} from 'node:zlib'

import {describe, expect, it} from 'vitest'

import {jsonLines, llmops, tempDir} from '../helpers.js'

const LINE = '{"id":"e1","user_query":"q","bot_response":"mail jane.encoded@example.com"}\n'
const CLEAN = '{"id":"c1","user_query":"q","bot_response":"ok"}\n'

function utf32(text: string, littleEndian: boolean): Buffer {
  const points = [0xfe_ff, ...[...text].map((c) => c.codePointAt(0) as number)]
  const out = Buffer.alloc(points.length * 4)
  for (const [i, cp] of points.entries()) {
    if (littleEndian) out.writeUInt32LE(cp, i * 4)
    else out.writeUInt32BE(cp, i * 4)
  }

  return out
}

const utf16be = (text: string): Buffer => Buffer.from(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16())

async function run(files: Record<string, Buffer | string>, extra: string[] = []) {
  const dir = await tempDir()
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content)
  const result = await llmops(['monitor', ...Object.keys(files).filter((f) => f !== 'config.json'), '--fail-on', 'pii', ...extra], {cwd: dir})
  return {dir, result, records: jsonLines(result.stdout)}
}

describe('inputs the monitor decodes', () => {
  it.each([
    ['UTF-16LE with a BOM', Buffer.from(`\uFEFF${LINE}`, 'utf16le')],
    ['UTF-16BE with a BOM', utf16be(LINE)],
    ['UTF-32LE with a BOM', utf32(LINE, true)],
    ['UTF-32BE with a BOM', utf32(LINE, false)],
    ['gzip', gzipSync(LINE)],
    ['gzip inside gzip', gzipSync(gzipSync(LINE))],
    ['gzip of several members', Buffer.concat([gzipSync(CLEAN), gzipSync(LINE)])],
    ['gzip of UTF-16', gzipSync(Buffer.from(`\uFEFF${LINE}`, 'utf16le'))],
  ])('%s: the finding is found and masked', async (_name, bytes) => {
    const {result, records} = await run({'log.jsonl': bytes})
    expect(result.exitCode, String(result.stderr)).toBe(1)
    expect(records.map((r) => r.interaction_id).at(-1)).toEqual('e1')
    expect(String(result.stdout)).not.toContain('jane.encoded')
  })
})

describe('inputs the monitor cannot read fail the gate by name, and the others are scanned', () => {
  const rest = Buffer.from('rest of the file, not read'.repeat(10))
  it.each([
    ['bzip2', Buffer.concat([Buffer.from('BZh91AY&SY'), rest]), /bzip2-compressed content/],
    ['xz', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), rest]), /xz-compressed content/],
    ['zstd', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), rest]), /zstd-compressed content/],
    ['zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), rest]), /a zip archive/],
    ['a Git LFS pointer', Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 123\n'), /Git LFS pointer/],
    ['gzip four levels deep', gzipSync(gzipSync(gzipSync(gzipSync(LINE)))), /gzip nested more than 3 levels/],
    ['invalid UTF-16 after its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]), /not valid UTF-16LE/],
  ])('%s', async (_name, bytes, reason) => {
    const {result, records} = await run({'odd.jsonl': bytes, 'plain.jsonl': CLEAN})
    expect(result.exitCode).toBe(1)
    expect(records.map((r) => [r.file, r.error])).toEqual([
      ['odd.jsonl', 'unscannable'],
      ['plain.jsonl', null],
    ])
    expect(String(records[0]?.parse_error)).toMatch(reason)
    // the summary says where and why, and the gate fails closed
    expect(String(result.stderr)).toMatch(new RegExp(`odd\\.jsonl:1: .*${reason.source}`))
    expect(String(result.stderr)).toMatch(/Gate .*FAILED: 1 unscanned/)
  })

  it('annotates the file it could not read in a GitHub run', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'odd.jsonl'), Buffer.from('BZh91AY&SY rest'))
    const result = await llmops(['monitor', 'odd.jsonl', '--fail-on', 'pii', '--format', 'summary', '--github'], {cwd: dir, env: {GITHUB_ACTIONS: 'true'}})
    expect(result.exitCode).toBe(1)
    expect(String(result.stdout)).toMatch(/::error title=llmops gate%3A not scanned,file=odd\.jsonl,line=1::.*bzip2-compressed content/)
  })

  it('stops a decompression bomb at the expansion limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x0a))
    const {result, records} = await run({'bomb.jsonl.gz': bomb})
    expect(bomb.length).toBeLessThan(200_000)
    expect(result.exitCode).toBe(1)
    expect(records.at(-1)).toMatchObject({file: 'bomb.jsonl.gz', error: 'unscannable'})
    expect(String(records.at(-1)?.parse_error)).toMatch(/expands more than 100 times/)
  })

  it('stops at maxDecodedBytes, and names the setting', async () => {
    const big = gzipSync(Buffer.from(CLEAN.repeat(40_000)))
    const {result, records} = await run({'big.jsonl.gz': big, 'config.json': JSON.stringify({monitor: {maxDecodedBytes: 1024 * 1024}})}, [
      '--config',
      'config.json',
    ])
    expect(result.exitCode).toBe(1)
    expect(String(records.at(-1)?.parse_error)).toMatch(/more than 1048576 bytes \(monitor.maxDecodedBytes\)/)
  })

  it('refuses data hidden after the end of a gzip stream (exit 2, naming the file)', async () => {
    const hidden = Buffer.concat([gzipSync(CLEAN), Buffer.alloc(4), Buffer.from(LINE)])
    const {result} = await run({'trail.jsonl.gz': hidden})
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toMatch(/trail\.jsonl\.gz: data after the end of the gzip stream/)
  })

  it('writes a placeholder for the unread part in --redact-out', async () => {
    const {dir, result} = await run({'odd.jsonl': Buffer.from('BZh9xxxx')}, ['--redact-out', 'clean.jsonl'])
    expect(result.exitCode).toBe(1)
    expect(await readFile(path.join(dir, 'clean.jsonl'), 'utf8')).toContain('"llmops":"unscannable"')
  })
})
