import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {FIXTURES, llmops, tempDir} from '../helpers.js'
import {SUMMARY_FILE_VERSION} from '../../src/results/summary-file.js'

/** zod's own wording, and an errno code such as ENOTDIR: neither is for the people who read errors. */
const MACHINE_WORDING = /Invalid input|Invalid option|received|\bE[A-Z]{4,}\b/

describe('error messages name the file, key or flag in words, without errno codes or zod wording', () => {
  it('a config with wrong types: each key and what it must be', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'c.json'), JSON.stringify({monitor: {slowMs: 'fast', fields: 3, failOn: ['pi']}}))
    const result = await llmops(['monitor', '--config', 'c.json', path.join(FIXTURES, 'mixed.jsonl')], {cwd: dir})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('monitor.slowMs: must be a number, not a string')
    expect(result.stderr).toContain('monitor.fields: must be a list (JSON array), not a number')
    expect(result.stderr).toContain('monitor.failOn[0]: must be one of "pii", "secret", "error", "slow"')
    expect(result.stderr).not.toMatch(MACHINE_WORDING)
  })

  it('an input below a file, an ignore file that is a directory, a summary file of the wrong shape', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'logs.jsonl'), '{}\n')
    await mkdir(path.join(dir, 'ignore-dir'))
    await writeFile(path.join(dir, 'part.json'), JSON.stringify({format: 'llmops-summary', version: SUMMARY_FILE_VERSION, tool: 3}))
    const below = await llmops(['monitor', 'logs.jsonl/x.jsonl'], {cwd: dir})
    expect(below.stderr).toContain('input file logs.jsonl/x.jsonl not found: a part of its path is a file, not a directory')
    const ignore = await llmops(['monitor', 'logs.jsonl', '--ignore-file', 'ignore-dir'], {cwd: dir})
    expect(ignore.stderr).toContain('ignore file ignore-dir is a directory, not a file')
    const merge = await llmops(['monitor', 'merge', 'part.json'], {cwd: dir})
    expect(merge.stderr).toContain('tool: must be an object, not a number')
    for (const result of [below, ignore, merge]) {
      expect(result.exitCode).toBe(2)
      expect(result.stderr).not.toMatch(MACHINE_WORDING)
    }
  })

  it('feedback of the wrong type names the field', async () => {
    const dir = await tempDir()
    const result = await llmops(['feedback', '--stdin'], {
      cwd: dir,
      input: JSON.stringify({user_id: 5, feedback_type: 'bug_report', description: 'broken link'}),
    })
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('user_id: must be a string, not a number')
    expect(result.stderr).not.toMatch(MACHINE_WORDING)
  })
})
