import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {llmops, tempDir} from '../helpers.js'

/** Obviously fake values planted in every place a value could leak from. */
const EMAIL = 'planted.canary@example.com'
const PHONE = '555-010-0188'
const PLANTED = [EMAIL, PHONE, 'planted.canary', '010-0188']

async function plantedLog(): Promise<string> {
  const dir = await tempDir()
  const file = path.join(dir, 'planted.jsonl')
  const lines = [
    JSON.stringify({id: 'p1', user_query: `I am ${EMAIL}`, bot_response: `Call ${PHONE}`, latency_ms: 2500}),
    JSON.stringify({id: 'p2', user_query: 'hi', bot_response: null, messages: [{content: `again ${EMAIL}`}]}),
    `{"id": "p3", "user_query": "truncated ${EMAIL} and ${PHONE}`,
    JSON.stringify(`${EMAIL} ${PHONE}`),
    // the value hides where a parser does not look, or is shown outside original_interaction
    `{"id": "p5", "user_query": "q", "bot_response": "mail ${EMAIL}", "bot_response": "ok"}`,
    JSON.stringify({id: EMAIL, user_query: 'q', bot_response: 'a', model_version: PHONE}),
    JSON.stringify({id: 'p7', user_query: 'q', bot_response: 'a', contacts: {[EMAIL]: 'primary'}}),
    JSON.stringify({id: 'p8', user_query: 'q', bot_response: `${PHONE}@example.com`}),
    `{"id": "p9", "user_query": "q", "bot_response": "mail planted.canary\\u0040example.com"}`,
  ]
  await writeFile(file, lines.join('\n') + '\n')
  return file
}

const variants: string[][] = [
  [],
  ['--json'],
  ['--format', 'summary'],
  ['--fail-on', 'pii,error,slow'],
  ['--json', '--fail-on', 'pii'],
  ['--fields', 'bot_response,user_query,messages[].content'],
]

describe('redaction is a property of every output surface', () => {
  it.each(variants.map((v) => [v.join(' ') || '(defaults)', v] as const))('no planted value leaks with %s', async (_name, extra) => {
    const file = await plantedLog()
    const result = await llmops(['monitor', file, ...extra])
    expect([0, 1]).toContain(result.exitCode)
    const everything = `${String(result.stdout)}\n${String(result.stderr)}`
    expect(everything.length).toBeGreaterThan(50)
    for (const value of PLANTED) expect(everything).not.toContain(value)
  })

  it('finds the planted values (so the test above can fail) and shows them with --no-redact', async () => {
    const file = await plantedLog()
    const redacted = await llmops(['monitor', file, '--json', '--fields', 'bot_response,user_query,messages[].content'])
    const output = JSON.parse(String(redacted.stdout)) as {summary: {findings: {by_type: Record<string, number>}}}
    // p1: email + phone; p2: nested email; p3 (malformed): email + phone; p4 (not an object): email + phone;
    // p5: duplicate key (reported on $line; the record is re-serialised, not echoed); p6: id email +
    // group phone; p7: key email; p8: phone and email overlapping (one finding); p9: escaped @
    expect(output.summary.findings.by_type).toEqual({EMAIL: 9, PHONE: 4})

    const raw = await llmops(['monitor', file, '--no-redact'])
    expect(String(raw.stdout)).toContain(EMAIL)
    expect(String(raw.stdout)).toContain(PHONE)
  })
})
