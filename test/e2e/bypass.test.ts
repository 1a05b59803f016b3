/**
 * Each way a PII value or secret once slipped past `llmops monitor --fail-on pii,secret` or
 * reached an output raw, run through the real CLI: the gate must fail (exit 1) and the raw value
 * must appear on no surface (stdout, stderr, the sanitized copy, every report). The properties in
 * test/monitor/encoding.property.test.ts are the general guard; these are the known cases.
 */
import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {jsonLines, llmops, tempDir} from '../helpers.js'
import {MAX_SPREAD_OCCURRENCES} from '../../src/engine/detect.js'

interface Case {
  name: string
  /** The log, as bytes or lines. */
  log: string[] | Buffer
  /** Raw values that must not appear anywhere. */
  raw: string[]
  config?: Record<string, unknown>
  /** Types the run must report. */
  types?: string[]
}

/** An Azure storage key with `/` written as `\/` (JSON allows both; PHP writes the second). */
const AZURE_KEY = String.raw`6wni3eyw\/pHeDryn0V4P5GE1JaWQ8SnJqd5q\/BcCiHALbUaAqx\/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ==`

const cases: Case[] = [
  {
    name: '1. \\/ inside a database URL',
    log: [String.raw`{"id":"u1","user_query":"q","bot_response":"DATABASE_URL=postgres:\/\/app:gAqqOcnk3hj8brBOJjE5@db.internal:5432\/prod"}`],
    raw: ['gAqqOcnk3hj8brBOJjE5'],
    types: ['SECRET'],
  },
  {
    name: '1. \\/ inside an Azure storage key',
    log: [
      `{"id":"u2","user_query":"q","bot_response":"DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"}`,
    ],
    raw: ['pHeDryn0V4P5GE1JaWQ8SnJqd5q', 'lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ'],
    types: ['SECRET'],
  },
  {
    name: '1. \\t escapes between a password and its value',
    log: [String.raw`{"id":"u3","user_query":"q","bot_response":"config: password =\t\tKp9vR2mXq7LwZ4tB"}`],
    raw: ['Kp9vR2mXq7LwZ4tB'],
    types: ['SECRET'],
  },
  {
    name: '2. context words in neighbouring fields',
    log: [
      '{"id":"o1","user_query":"where is my order","order":"A1","phone":"415-555-0123","bot_response":"ok"}',
      '{"id":"o2","user_query":"q","bot_response":"ok","build":"b7","ip":"198.51.100.23"}',
    ],
    raw: ['555-0123', '198.51.100.23'],
    types: ['IP_ADDRESS', 'PHONE'],
  },
  {
    name: '3. numbers and an allowlisted value in the same record',
    config: {allowlist: {values: ['help@saas-startup.com']}},
    log: ['{"id":"x2","user_query":"refund","bot_response":"questions? help@saas-startup.com","card":4111111111111111,"ssn":123456789,"phone":"4155550123"}'],
    raw: ['4111111111111111', '123456789', '4155550123'],
    types: ['CREDIT_CARD', 'PHONE', 'US_SSN'],
  },
  {
    name: '4. a duplicate key next to an allowlisted domain',
    config: {allowlist: {emailDomains: ['saas-startup.com']}},
    log: ['{"id":"d","user_query":"q","bot_response":"help@saas-startup.com","x":"jane.hidden@example.com","x":"ok"}'],
    raw: ['jane.hidden'],
    types: ['EMAIL'],
  },
  {
    name: '5. escapes in a malformed line, a deep record and a shadowed key',
    log: [
      String.raw`{"id":"m4","user_query":"q","bot_response":"mail jane.doe\u0040example.com, card \u0034111 1111 1111 1111"}}`,
      `{"id":"m5","a":${'['.repeat(300)}"mail jane.deep@example.com"${']'.repeat(300)}}`,
      String.raw`{"id":"m6","bot_response":"jane.dup\u0040example.com","bot_response":"ok"}`,
    ],
    raw: ['jane.doe', '1111 1111 1111', 'jane.deep', 'jane.dup'],
    types: ['CREDIT_CARD', 'EMAIL'],
  },
  {
    name: '10. zero-width, no-break and full-width characters, HTML references',
    log: [
      JSON.stringify({id: 'z1', user_query: 'q', bot_response: 'mail jane.zw\u200B@example.com or 4111\u200B1111\u200B1111\u200B1111'}),
      JSON.stringify({id: 'z2', user_query: 'q', bot_response: 'call 415\u00A0555\u00A00188, key AKIAQKIK5I72\u200BIFRJ3LW4'}),
      JSON.stringify({id: 'z3', user_query: 'q', bot_response: 'write to jane.fw\uFF20example.com, card \uFF14\uFF11\uFF11\uFF11 1111 1111 1111'}),
      JSON.stringify({id: 'z4', user_query: 'q', bot_response: 'write to jane.html&#64;example.com'}),
    ],
    raw: ['jane.zw', 'jane.fw', 'jane.html', 'IFRJ3LW4', '0188', '1111\u200B1111'],
    types: ['CREDIT_CARD', 'EMAIL', 'PHONE', 'SECRET'],
  },
  {
    name: '10. a Latin-1 log (not UTF-8)',
    log: Buffer.concat([
      Buffer.from('{"id":"l1","user_query":"q","bot_response":"write to jos'),
      Buffer.from([0xe9]),
      Buffer.from('@example.com"}\n{"id":"l2","user_query":"q","bot_response":"ren'),
      Buffer.from([0xe9]),
      Buffer.from('e.m'),
      Buffer.from([0xfc]),
      Buffer.from('ller@example.com"}\n'),
    ]),
    raw: ['jos\u00E9@', 'jos\uFFFD', 'ren\u00E9e', 'ller@example', 'ren\uFFFD'],
    types: ['EMAIL'],
  },
  // Found by an attacker's pass over the first version of these guarantees.
  {
    name: 'a lone surrogate earlier in the run does not switch normalisation off',
    log: [
      String.raw`{"id":"a","user_query":"q","bot_response":"ok \udb40 and \ud835 and \ud83c"}`,
      JSON.stringify({id: 'b', user_query: 'q', bot_response: 'mail jane.tag@exa\u{E0020}mple.com, card \u{1D7D2}\u{1D7CF}\u{1D7CF}\u{1D7CF} 1111 1111 1111'}),
    ],
    raw: ['jane.tag', '\u{1D7CF}\u{1D7CF}'],
    types: ['CREDIT_CARD', 'EMAIL'],
  },
  {
    name: 'numbers read as JSON.parse reads them, and printed only masked',
    log: [
      '{"id":0.00000000000000000000000000000000000000004111111111111111e56,"user_query":"q","bot_response":"ok"}',
      '{"id":"n2","user_query":"q","bot_response":"ok","model_version":4111111111111111.000000000000000001,"latency_ms":"4242424242424242"}',
    ],
    raw: ['4111111111111111', '4242424242424242'],
    types: ['CREDIT_CARD'],
  },
  {
    name: 'a stray quote in a malformed line does not pair a value with its neighbour',
    log: ['"{"note":"order","v":"555-123-4567"}', '"{"note":"phone","v":"472-50-9508"}'],
    raw: ['555-123-4567', '472-50-9508'],
    types: ['PHONE', 'US_SSN'],
  },
  {
    name: 'other invisible, blank and dash characters, other scripts, padded references',
    log: [
      JSON.stringify({
        id: 'i1',
        user_query: 'q',
        bot_response: 'a jane.one@exa\uFFF9mple.com b jane.two@exa\u{E0400}mple.com c jane.three@exa\u{13430}mple.com',
      }),
      JSON.stringify({
        id: 'i2',
        user_query: 'q',
        bot_response: 'card 4111\u28001111\u28001111\u28001111, ssn 472\u058A50\u058A9508, tab 4242\t4242\t4242\t4242',
      }),
      JSON.stringify({
        id: 'i3',
        user_query: 'q',
        bot_response: 'adlam \u{1E954}\u{1E951}\u{1E951}\u{1E951} 1111 1111 1111 and jane.four&#x0000040;example.com',
      }),
    ],
    raw: ['jane.one', 'jane.two', 'jane.three', 'jane.four', '\u28001111', '472\u058A50', '4242\t4242', '\u{1E951}\u{1E951}'],
    types: ['CREDIT_CARD', 'EMAIL', 'US_SSN'],
  },
  {
    name: 'a number key under a phone field, an address under a versioned key',
    log: ['{"id":"k1","user_query":"q","bot_response":"x","phone":{"5551234567":"ok"},"client_ip_v4":"192.0.2.14"}'],
    raw: ['5551234567', '192.0.2.14'],
    types: ['IP_ADDRESS', 'PHONE'],
  },
  {
    // OpenTelemetry writes a message list as JSON inside a string attribute; Python's json.dumps
    // escapes non-ASCII (and a logger may escape anything) as \uXXXX, which stays in the text
    // once the line's own JSON is decoded.
    name: 'an address in JSON encoded twice, @ and é written as \\u escapes',
    log: [
      JSON.stringify({
        id: 'otel',
        user_query: 'q',
        bot_response: 'x',
        attributes: [
          {
            key: 'gen_ai.input.messages',
            value: {stringValue: String.raw`[{"role":"user","content":"write to jane.twice\u0040example.com or ren\u00e9e.fan@example.com"}]`},
          },
        ],
      }),
    ],
    raw: ['jane.twice', 'ren\\u00e9e', 'renée', 'ren\\\\u00e9e'],
    types: ['EMAIL'],
  },
  {
    // The line-level test once split camelCase in the whole line ("TeLePhOnE" read as
    // "Te Le Ph On E"), while the value's own scan reads it whole: the word was lost before the
    // value was looked at, and a number that needs its word next to it went through.
    name: 'a phone word in alternating case next to a plain national number',
    log: [JSON.stringify({id: 'mc', user_query: 'q', bot_response: 'TeLePhOnE 0612345678'})],
    raw: ['0612345678'],
    types: ['PHONE'],
  },
  {
    name: 'the letters of an IBAN are masked too',
    log: [JSON.stringify({id: 'ib', user_query: 'q', bot_response: 'IBAN CH36 1071 0W3E WAD4 LNFT S'})],
    raw: ['0W3E', 'WAD4', 'LNFT'],
    types: ['IBAN'],
  },
]

async function setUp(c: Case): Promise<{dir: string; file: string; args: string[]}> {
  const dir = await tempDir()
  const file = path.join(dir, 'logs.jsonl')
  await writeFile(file, Buffer.isBuffer(c.log) ? c.log : c.log.join('\n') + '\n')
  const args = ['monitor', file, '--fail-on', 'pii,secret', '--redact-out', path.join(dir, 'clean.jsonl')]
  if (c.config !== undefined) {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(c.config))
    args.push('--config', path.join(dir, 'config.json'))
  }

  return {dir, file, args}
}

/** Every file a run wrote, and what it printed. */
async function surfaces(dir: string, result: {stdout: unknown; stderr: unknown}): Promise<string> {
  const written = await Promise.all((await readdir(dir)).filter((f) => f !== 'logs.jsonl').map(async (f) => readFile(path.join(dir, f), 'utf8')))
  return [String(result.stdout), String(result.stderr), ...written].join('\n')
}

describe('known bypasses fail the gate and leak nothing', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const {dir, args} = await setUp(c)
    const result = await llmops([...args, '--json'])
    expect(result.exitCode, String(result.stderr)).toBe(1)
    const summary = (JSON.parse(String(result.stdout)) as {summary: {findings: {by_type: Record<string, number>}}}).summary
    expect(Object.keys(summary.findings.by_type).sort()).toEqual(c.types)
    const everything = await surfaces(dir, result)
    // The sanitized copy exists and has one line per input line.
    const clean = await readFile(path.join(dir, 'clean.jsonl'), 'utf8')
    expect(clean.split('\n').length).toBe((Buffer.isBuffer(c.log) ? c.log.toString('latin1').split('\n').length - 1 : c.log.length) + 1)
    for (const value of c.raw) expect(everything).not.toContain(value)
  })

  it('6. PII in a key path stays masked in annotations, SARIF, JUnit, Markdown and the job summary', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'logs.jsonl')
    await writeFile(file, '{"id":"f1","user_query":"q","bot_response":"ok","by_ssn":{"123-45-6789":"mail jane.path@example.com"}}\n')
    const summaryFile = path.join(dir, 'step-summary.md')
    const outputFile = path.join(dir, 'step-output.txt')
    await writeFile(summaryFile, '')
    await writeFile(outputFile, '')
    const args = [
      'monitor',
      file,
      '--fail-on',
      'pii',
      '--format',
      'summary',
      '--sarif',
      path.join(dir, 'r.sarif'),
      '--junit',
      path.join(dir, 'r.xml'),
      '--markdown',
      path.join(dir, 'r.md'),
      '--github',
    ]
    const result = await llmops(args, {env: {GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, CI: 'true'}})
    expect(result.exitCode, String(result.stderr)).toBe(1)
    const everything = await surfaces(dir, result)
    expect(everything).toContain('::error')
    expect(everything).toContain('by_ssn.***-**-****')
    for (const value of ['123-45-6789', 'jane.path']) expect(everything).not.toContain(value)
  })

  it('7. a line with 150,000 addresses is masked and counted; the next line is still reported', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'logs.jsonl')
    const addresses = Array.from({length: 150_000}, (_, i) => `u${i}.bulk@example.com`).join(' ')
    const digits = '4'.repeat(2_000_000)
    const lines = [
      JSON.stringify({id: 'big', user_query: 'q', bot_response: addresses}),
      JSON.stringify({id: 'digits', user_query: digits, bot_response: 'ok'}),
      JSON.stringify({id: 'after', user_query: 'q', bot_response: 'mail last.one@example.com'}),
    ]
    await writeFile(file, lines.join('\n') + '\n')
    const result = await llmops(['monitor', file, '--fail-on', 'pii', '--redact-out', path.join(dir, 'clean.jsonl')])
    expect(result.exitCode, String(result.stderr).slice(0, 500)).toBe(1)
    const records = jsonLines(result.stdout)
    expect(records.map((r) => r.interaction_id)).toEqual(['big', 'digits', 'after'])
    const big = records[0] as {findings: unknown[]; findings_omitted: number}
    expect(big.findings).toHaveLength(1000)
    expect(big.findings_omitted).toBe(149_000)
    expect(String(result.stderr)).toMatch(/150,001 findings/)
    const clean = await readFile(path.join(dir, 'clean.jsonl'), 'utf8')
    expect(clean).not.toMatch(/u\d+\.bulk@/)
    expect(String(result.stdout)).not.toMatch(/u\d+\.bulk@|last\.one@/)
  }, 60_000)

  it('a line whose found values repeat past MAX_SPREAD_OCCURRENCES is unscannable, fails the gate and stays out of the sanitized copy', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'logs.jsonl')
    // Found once after "call"; then repeated glued to a letter, where no rule reads it in place.
    const spread = `call 555-0100 and ${'x555-0100'.repeat(MAX_SPREAD_OCCURRENCES + 1)}`
    await writeFile(
      file,
      `${JSON.stringify({id: 'spread', user_query: 'q', bot_response: spread})}\n${JSON.stringify({id: 'next', user_query: 'q', bot_response: 'call 555-0199'})}\n`,
    )
    const result = await llmops(['monitor', file, '--fail-on', 'pii', '--redact-out', path.join(dir, 'clean.jsonl')])
    expect(result.exitCode).toBe(1)
    const records = jsonLines(result.stdout)
    expect(records.map((r) => [r.line, r.error])).toEqual([
      [1, 'unscannable'],
      [2, null],
    ])
    expect(String(records[0]?.parse_error)).toMatch(/further occurrences of found values/)
    expect(String(result.stdout)).not.toMatch(/555-0100/)
    expect(await readFile(path.join(dir, 'clean.jsonl'), 'utf8')).not.toMatch(/555-0100/)
  }, 60_000)

  // The deadline counts values, and matches and further occurrences inside one value.
  for (const [name, response] of [
    [
      'a line over its time budget is reported as unscannable and fails the gate, and the run goes on',
      Array.from({length: 20_000}, (_, i) => `slow${i}.budget@example.com`),
    ],
    [
      'the time budget also holds inside one long value: its matches count, not only its values',
      Array.from({length: 40_000}, (_, i) => `slow${i}.budget@example.com`).join(' '),
    ],
  ] as const) {
    it(name, async () => {
      const dir = await tempDir()
      const file = path.join(dir, 'logs.jsonl')
      await writeFile(
        file,
        `${JSON.stringify({id: 'slow', user_query: 'q', bot_response: response})}\n${JSON.stringify({id: 'next', user_query: 'q', bot_response: 'ok'})}\n`,
      )
      await writeFile(path.join(dir, 'config.json'), JSON.stringify({monitor: {maxLineMs: 1}}))
      const result = await llmops([
        'monitor',
        file,
        '--config',
        path.join(dir, 'config.json'),
        '--fail-on',
        'pii',
        '--redact-out',
        path.join(dir, 'clean.jsonl'),
      ])
      expect(result.exitCode).toBe(1)
      const records = jsonLines(result.stdout)
      expect(records.map((r) => [r.line, r.error])).toEqual([
        [1, 'unscannable'],
        [2, null],
      ])
      expect(String(records[0]?.parse_error)).toMatch(/longer than 1 ms/)
      expect(String(result.stderr)).toMatch(/unscanned/)
      expect(await readFile(path.join(dir, 'clean.jsonl'), 'utf8')).not.toMatch(/budget@/)
    })
  }

  it('8. --no-redact with --redact-out is refused before anything is written', async () => {
    const {dir, args} = await setUp(cases[0] as Case)
    const result = await llmops([...args, '--no-redact'])
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toMatch(/--redact-out.*--no-redact/)
    expect(await readdir(dir)).toEqual(['logs.jsonl'])
  })

  it('9. maxLineBytes counts bytes, wherever the line falls and however it is read', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'logs.jsonl')
    // 400 CJK characters: 400 UTF-16 units, 1,200 bytes
    const cjk = JSON.stringify({id: 'cjk', user_query: 'q', bot_response: '你'.repeat(400)})
    const small = JSON.stringify({id: 's', user_query: 'q', bot_response: 'ok'})
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({monitor: {maxLineBytes: 1024}}))
    for (const order of [
      [cjk, small],
      [small, cjk],
    ]) {
      await writeFile(file, order.join('\n') + '\n')
      for (const input of [[file], ['-']]) {
        const result = await llmops(['monitor', ...input, '--config', path.join(dir, 'config.json')], input[0] === '-' ? {inputFile: file} : {})
        const tooLong = jsonLines(result.stdout)
          .filter((r) => r.error === 'line_too_long')
          .map((r) => r.line)
        expect(tooLong).toEqual([order.indexOf(cjk) + 1])
      }
    }
  })
})
