import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, llmops, tempDir} from '../helpers.js'

describe('llmops monitor --redact-out', () => {
  it('writes the logs with every finding replaced and every other byte kept', async () => {
    const dir = await tempDir()
    const out = path.join(dir, 'clean.jsonl')
    const result = await llmops(['monitor', '--quiet', '--format', 'summary', '--redact-out', out])
    expect(result.exitCode).toBe(0)
    const original = (await readFile(path.join(ROOT, 'sample_chatbot_logs.jsonl'), 'utf8')).split('\n')
    const clean = (await readFile(out, 'utf8')).split('\n')
    expect(clean).toHaveLength(original.length)
    expect(clean[1]).toBe(original[1]?.replace('help@saas-startup.com', 'h***@s***.com'))
    expect(clean[2]).toBe(original[2]?.replace('555-123-4567', '***-***-**67'))
    for (const i of [0, 3, 4]) expect(clean[i]).toBe(original[i])
    expect(await readdir(dir)).toEqual(['clean.jsonl'])
  })

  it('uses the redaction operator, and gives the same copy with and without worker threads', async () => {
    const dir = await tempDir()
    const input = path.join(dir, 'big.jsonl')
    const lines: string[] = []
    for (let i = 0; i < 6000; i++) {
      lines.push(
        JSON.stringify({
          id: `r${i}`,
          timestamp: '2030-01-01T00:00:00.000Z',
          user_query: 'q',
          bot_response: i % 7 === 0 ? `write to user${i}@example.com` : 'fine, thanks  '.repeat(8),
        }),
      )
      if (i % 500 === 0) lines.push('', '{"broken": "jane@example.com')
    }

    await writeFile(input, lines.join('\n') + '\n')
    const copies: string[] = []
    const outputs: string[] = []
    for (const jobs of ['0', '1']) {
      const out = path.join(dir, `clean-${jobs}.jsonl`)
      const result = await llmops(['monitor', input, '--quiet', '--jobs', jobs, '--redact-operator', 'replace', '--redact-out', out])
      expect(result.exitCode).toBe(0)
      copies.push(await readFile(out, 'utf8'))
      outputs.push(String(result.stdout))
    }

    expect(copies[1]).toBe(copies[0])
    expect(outputs[1]).toBe(outputs[0])
    expect(copies[0]?.split('\n')).toHaveLength(lines.length + 1)
    expect(copies[0]).not.toMatch(/@example\.com/)
    expect(copies[0]).toContain('"bot_response":"write to <EMAIL>"')
    expect(copies[0]).toContain('{"broken": "<EMAIL>')
  })

  it('refuses a directory that does not exist before reading anything (exit 2)', async () => {
    const result = await llmops(['monitor', '--redact-out', '/nonexistent-dir/clean.jsonl'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('cannot write /nonexistent-dir/clean.jsonl: its directory does not exist')
    expect(result.stdout).toBe('')
  })
})
