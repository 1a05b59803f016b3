import {copyFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, jsonLines, llmops, tempDir} from '../helpers.js'

async function sampleDir(config: unknown): Promise<string> {
  const dir = await tempDir()
  await copyFile(path.join(ROOT, 'sample_chatbot_logs.jsonl'), path.join(dir, 'sample_chatbot_logs.jsonl'))
  await writeFile(path.join(dir, '.llmops.json'), JSON.stringify(config))
  return dir
}

describe('llmops monitor with detection settings', () => {
  it("suppresses the company's support address and says so in the summary", async () => {
    const dir = await sampleDir({allowlist: {values: ['help@saas-startup.com']}})
    const result = await llmops(['monitor', '--fail-on', 'pii'], {cwd: dir})
    const byId = Object.fromEntries(jsonLines(result.stdout).map((l) => [l.interaction_id, l]))
    expect(byId.int_002).toMatchObject({pii_detected: false, findings: [], suppressed: 1})
    expect(result.stderr).toContain('suppressed by the allowlist: 1 EMAIL')
    // the phone number of int_003 still fails the gate
    expect(result.exitCode).toBe(1)
  })

  it('replaces values with their type with --redact-operator replace', async () => {
    const result = await llmops(['monitor', '--redact-operator', 'replace', '--quiet'])
    const int003 = jsonLines(result.stdout).find((l) => l.interaction_id === 'int_003') as {original_interaction: {bot_response: string}}
    expect(int003.original_interaction.bot_response).toBe('I understand. You can reach our 24/7 support line directly at <PHONE> for urgent matters.')
  })

  it('refuses a custom rule that could hang the monitor (exit 2)', async () => {
    const dir = await sampleDir({rules: {custom: [{id: 'acme.bad', type: 'ACME', category: 'pii', severity: 'low', pattern: '(x+x+)+y'}]}})
    const result = await llmops(['monitor'], {cwd: dir})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/rule acme\.bad: the pattern can take .* time on crafted input/)
    expect(result.stdout).toBe('')
  }, 60_000)
})
