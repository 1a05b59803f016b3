import {copyFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {BIN, ROOT, jsonLines, llmops, tempDir} from '../helpers.js'

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

  it('runs patterns from the config in linear time: backtracking patterns cannot hang it', async () => {
    // Each of these takes minutes to hours on a backtracking engine with the line below.
    const dir = await sampleDir({
      rules: {
        custom: [
          {
            id: 'acme.nested',
            type: 'ACME',
            category: 'pii',
            severity: 'low',
            pattern: '(x+x+)+y',
            examples: {match: ['xxy'], noMatch: [{text: 'xx', reason: 'no y'}]},
          },
        ],
      },
      allowlist: {patterns: [String.raw`([a-z0-9]+\.?)+@saas-startup\.com`]},
    })
    const local = 'a'.repeat(5000)
    await writeFile(
      path.join(dir, 'hostile.jsonl'),
      `${JSON.stringify({id: 'h1', user_query: `${'x'.repeat(200_000)}`, bot_response: `write to ${local}.@saas-startup.com!`})}\n`,
    )
    const result = await llmops(['monitor', 'hostile.jsonl', '--format', 'summary'], {cwd: dir, timeout: 30_000})
    expect(result.timedOut).toBe(false)
    expect(result.exitCode).toBe(0)
  }, 40_000)

  it('stops on SIGTERM promptly, even with hostile patterns and long lines', async () => {
    const dir = await sampleDir({allowlist: {patterns: [String.raw`([a-z0-9]+\.?)+@saas-startup\.com`]}})
    const line = JSON.stringify({id: 'h', user_query: 'q', bot_response: `${'a'.repeat(40)}.@saas-startup.com `.repeat(20_000)})
    await writeFile(path.join(dir, 'big.jsonl'), `${line}\n`.repeat(40))
    const child = execa('node', [BIN, 'monitor', 'big.jsonl', '--quiet'], {cwd: dir, reject: false})
    await new Promise((resolve) => setTimeout(resolve, 1500))
    child.kill('SIGTERM')
    const result = await child
    // exit 130 (interrupted) or done already; either way it did not hang (the test timeout is the guard)
    expect([0, 130]).toContain(result.exitCode)
  }, 20_000)

  it.each([
    [
      'a custom rule with a lookahead',
      {rules: {custom: [{id: 'acme.look', type: 'ACME', category: 'pii', severity: 'low', pattern: 'a(?![a-z]*!)'}]}},
      /rule acme\.look: the pattern is not supported .*lookarounds or backreferences/,
    ],
    [
      'a custom prefilter with a backreference',
      {rules: {custom: [{id: 'acme.back', type: 'ACME', category: 'pii', severity: 'low', pattern: 'ab', prefilter: '(a)\\1'}]}},
      /rule acme\.back: the prefilter is not supported/,
    ],
    [
      'an allowlist pattern with a lookbehind',
      {allowlist: {patterns: ['(?<=x)help@saas-startup\\.com']}},
      /allowlist\.patterns\[0\]: the pattern is not supported/,
    ],
  ])('refuses %s before reading anything (exit 2)', async (_name, config, message) => {
    const dir = await sampleDir(config)
    const result = await llmops(['monitor'], {cwd: dir})
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toMatch(message)
    expect(result.stdout).toBe('')
  })
})
