import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {closeSync, openSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {BIN, jsonLines, llmops, ROOT, tempDir} from '../helpers.js'
import {prRepo, rec} from '../support/pr-repo.js'

const SAMPLE_IDS = ['int_001', 'int_002', 'int_003', 'int_004', 'int_005']

/** Runs `script` in sh, in the repository (where the sample file is): real pipes and redirections. */
async function shell(script: string, cwd = ROOT, env: Record<string, string> = {}) {
  return execa('sh', ['-c', script], {
    cwd,
    reject: false,
    env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', CI: '', GITHUB_ACTIONS: '', LLMOPS_BIN: BIN, ...env},
    stdin: 'ignore',
  })
}

async function twoRecords(): Promise<string> {
  const file = path.join(await tempDir(), 'two.jsonl')
  await writeFile(file, [rec('p1', 'Mail jane.doe@example.com'), rec('p2', 'Hello')].join('\n') + '\n')
  return file
}

describe('llmops monitor with no FILE: piped stdin or the default file', () => {
  it('reads a pipe (cat x | llmops monitor), as with -', async () => {
    const file = await twoRecords()
    const result = await shell(`cat '${file}' | node "$LLMOPS_BIN" monitor --quiet`)
    expect(result.exitCode).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines.map((l) => [l.interaction_id, l.file])).toEqual([
      ['p1', '-'],
      ['p2', '-'],
    ])
    expect(result.stdout).not.toContain('jane.doe@example.com')
  })

  it('reads a redirected file (llmops monitor < x)', async () => {
    const file = await twoRecords()
    const result = await shell(`node "$LLMOPS_BIN" monitor --fail-on pii < '${file}'`)
    expect(result.exitCode).toBe(1)
    expect(jsonLines(result.stdout).map((l) => l.interaction_id)).toEqual(['p1', 'p2'])
    expect(result.stderr).toContain('2 records from -')
  })

  it.each([
    ['stdin on /dev/null (cron, docker run)', 'node "$LLMOPS_BIN" monitor --quiet < /dev/null'],
    ['a pipe that ends before its first byte (CI runners)', 'true | node "$LLMOPS_BIN" monitor --quiet'],
    ['an empty file', ': > "$TMPDIR/empty.jsonl" && node "$LLMOPS_BIN" monitor --quiet < "$TMPDIR/empty.jsonl"'],
  ])('reads the default file with %s', async (_what, script) => {
    const result = await shell(script, ROOT, {TMPDIR: await tempDir()})
    expect(result.exitCode).toBe(0)
    expect(jsonLines(result.stdout).map((l) => [l.interaction_id, l.file])).toEqual(SAMPLE_IDS.map((id) => [id, 'sample_chatbot_logs.jsonl']))
  })

  it('gives up a pipe that stays open and silent after 5 s and scans the default file, so such a run cannot hang', async () => {
    // A parent that keeps the pipe open and writes nothing: this test holds the write end of a FIFO.
    const fifo = path.join(await tempDir(), 'pipe')
    await execa('mkfifo', [fifo])
    const fd = openSync(fifo, 'r+')
    try {
      const started = Date.now()
      // Node's spawn hands the FIFO itself to the child as its standard input.
      const child = spawn('node', [BIN, 'monitor'], {
        cwd: ROOT,
        stdio: [fd, 'pipe', 'pipe'],
        env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', CI: '', GITHUB_ACTIONS: ''},
      })
      let stdout = ''
      let stderr = ''
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
      const [exitCode] = (await once(child, 'close')) as [number | null]
      const result = {exitCode, stdout, stderr}
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(result.exitCode).toBe(0)
      expect(jsonLines(result.stdout).map((l) => l.interaction_id)).toEqual(SAMPLE_IDS)
      expect(result.stderr).toContain('No log lines on standard input after 5 s: scanning sample_chatbot_logs.jsonl')
    } finally {
      closeSync(fd)
    }
  }, 40_000)

  it('keeps waiting for a silent pipe when there is no default file to scan, and reads what comes', async () => {
    const dir = await tempDir()
    const file = await twoRecords()
    const result = await shell(`(sleep 6; cat '${file}') | node "$LLMOPS_BIN" monitor --quiet`, dir)
    expect(result.exitCode).toBe(0)
    expect(jsonLines(result.stdout).map((l) => l.interaction_id)).toEqual(['p1', 'p2'])
  }, 40_000)

  it('reads the default file when stdin is a socket a parent process left open, even with data in it', async () => {
    // execa, like Node's child_process, gives the child a socket: a program that starts llmops names its input.
    const result = await llmops(['monitor', '--quiet'], {input: rec('s1', 'hello') + '\n'})
    expect(result.exitCode).toBe(0)
    expect(jsonLines(result.stdout).map((l) => l.interaction_id)).toEqual(SAMPLE_IDS)
  })

  it('never reads stdin with --changed-since: the changed files are the input', async () => {
    const repo = await prRepo({'logs/chat.jsonl': rec('a1', 'Hello') + '\n'}, {'logs/chat.jsonl': rec('a1', 'Hello') + '\n' + rec('a2', 'Bye') + '\n'})
    const file = await twoRecords()
    const result = await shell(`cat '${file}' | node "$LLMOPS_BIN" monitor --changed-since main --fail-on pii`, repo.work, repo.env)
    expect(result.exitCode).toBe(0)
    expect(jsonLines(result.stdout).map((l) => [l.interaction_id, l.file])).toEqual([['a2', 'logs/chat.jsonl']])
  })

  it('never takes piped text for a file name (monitor merge needs its FILE)', async () => {
    const result = await shell(`echo '{"user_query": "jane.doe@example.com"}' | node "$LLMOPS_BIN" monitor merge`)
    expect(result.exitCode).toBe(2)
    expect(result.stderr).not.toContain('jane.doe')
  })
})
