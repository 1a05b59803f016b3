import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {gzipSync} from 'node:zlib'

import {describe, expect, it} from 'vitest'

import {execa} from 'execa'

import {BIN, FIXTURES, ROOT, jsonLines, llmops, tempDir} from '../helpers.js'

const fixture = (name: string): string => path.join(FIXTURES, name)

describe('llmops monitor (built CLI)', () => {
  it('runs on sample_chatbot_logs.jsonl with no arguments', async () => {
    const result = await llmops(['monitor'])
    expect(result.exitCode).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines.map((l) => l.interaction_id)).toEqual(['int_001', 'int_002', 'int_003', 'int_004', 'int_005'])
    const byId = Object.fromEntries(lines.map((l) => [l.interaction_id, l]))
    expect(byId.int_002?.findings).toEqual([
      {
        type: 'EMAIL',
        category: 'pii',
        rule: 'pii.email',
        field: 'bot_response',
        start: 56,
        end: 77,
        severity: 'high',
        confidence: 0.8,
        masked: 'h***@s***.com',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ])
    expect(byId.int_003?.findings).toMatchObject([{type: 'PHONE', field: 'bot_response', start: 62, end: 74, masked: '***-***-**67'}])
    expect(byId.int_004).toMatchObject({error: 'null_response', pii_detected: false, findings: []})
    for (const id of ['int_001', 'int_005']) expect(byId[id]).toMatchObject({error: null, pii_detected: false, findings: []})
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(
        expect.arrayContaining(['interaction_id', 'timestamp_utc', 'latency_ms', 'pii_detected', 'error', 'slow', 'findings', 'original_interaction']),
      )
      // the sample has no time field: null, never the time of the scan
      expect(line.timestamp_utc).toBeNull()
    }

    expect(result.stderr).toContain('5 records from sample_chatbot_logs.jsonl')
    expect(result.stderr).toMatch(/EMAIL\s+1/)
  })

  it('reports malformed and non-object lines with their line numbers and keeps going', async () => {
    const result = await llmops(['monitor', fixture('mixed.jsonl')])
    expect(result.exitCode).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines.map((l) => [l.line, l.error])).toEqual([
      [1, null],
      [2, 'malformed_json'],
      [4, 'not_object'],
      [5, 'not_object'],
      [6, 'empty_response'],
    ])
    expect(lines[1]?.parse_error).toEqual(expect.any(String))
    expect(lines[4]).toMatchObject({interaction_id: 'ok_2', errors: ['empty_response', 'error_field'], latency_ms: 2400, slow: true})
    expect(result.stderr).toContain('3 malformed lines')
    expect(result.stderr).toMatch(/bot-2024-06\s+1\s+1/)
    const noGroups = await llmops(['monitor', fixture('mixed.jsonl'), '--group-by', 'none'])
    expect(noGroups.stderr).not.toContain('bot-2024-06')
  })

  it('handles an empty file', async () => {
    const result = await llmops(['monitor', fixture('empty.jsonl')])
    expect(result).toMatchObject({exitCode: 0, stdout: ''})
    expect(result.stderr).toContain('0 records')
  })

  it('handles a huge single line', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'huge.jsonl')
    const filler = 'lorem ipsum '.repeat(500_000)
    await writeFile(file, JSON.stringify({id: 'big', user_query: 'q', bot_response: `${filler}mail huge.line@example.com`}) + '\n')
    const result = await llmops(['monitor', file, '--quiet'])
    expect(result.exitCode).toBe(0)
    const [line] = jsonLines(result.stdout)
    expect(line?.findings).toMatchObject([{type: 'EMAIL', start: filler.length + 5, end: filler.length + 5 + 'huge.line@example.com'.length}])
  })

  it('reads gzip files and stdin with the same results as the plain file', async () => {
    const dir = await tempDir()
    const sample = await readFile(path.join(ROOT, 'sample_chatbot_logs.jsonl'))
    await writeFile(path.join(dir, 'logs.jsonl.gz'), gzipSync(sample))
    // the file name is part of the output and of each fingerprint; everything else must be equal
    const strip = (text: unknown) =>
      jsonLines(text).map(({file: _f, findings, ...rest}) => ({
        ...rest,
        findings: (findings as Array<Record<string, unknown>>).map(({fingerprint: _p, ...f}) => f),
      }))
    const plain = await llmops(['monitor', 'sample_chatbot_logs.jsonl', '--quiet'])
    const gz = await llmops(['monitor', path.join(dir, 'logs.jsonl.gz'), '--quiet'])
    const stdin = await llmops(['monitor', '-', '--quiet'], {input: sample})
    expect(gz.exitCode).toBe(0)
    expect(stdin.exitCode).toBe(0)
    expect(strip(gz.stdout)).toEqual(strip(plain.stdout))
    expect(strip(stdin.stdout)).toEqual(strip(plain.stdout))
    expect(jsonLines(stdin.stdout)[0]?.file).toBe('-')
  })

  it('reports a corrupt gzip file by name with exit 2', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'broken.jsonl.gz')
    await writeFile(file, gzipSync(Buffer.from('{"id":1}\n'.repeat(1000))).subarray(0, 40))
    const result = await llmops(['monitor', file])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/broken\.jsonl\.gz: not a valid gzip stream/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('gives UTF-16 offsets that slice exactly the finding after emoji and CJK', async () => {
    const result = await llmops(['monitor', fixture('unicode.jsonl'), '--no-redact', '--quiet'])
    const [line] = jsonLines(result.stdout)
    const original = JSON.parse(await readFile(fixture('unicode.jsonl'), 'utf8')) as {bot_response: string}
    const findings = line?.findings as Array<{start: number; end: number; value: string}>
    expect(findings.map((f) => original.bot_response.slice(f.start, f.end))).toEqual(['555-010-0142', 'ünïcode.fan@example.com'])
    expect(findings.map((f) => f.value)).toEqual(['555-010-0142', 'ünïcode.fan@example.com'])
  })

  it('scans nested fields given by --fields and reads latency aliases', async () => {
    const result = await llmops(['monitor', fixture('nested.jsonl'), '--fields', 'messages[].content,choices[].message.content', '--quiet'])
    const [line] = jsonLines(result.stdout)
    expect(line).toMatchObject({interaction_id: 'req_1', latency_ms: 1800, slow: true})
    expect((line?.findings as Array<{field: string}>).map((f) => f.field)).toEqual(['messages[0].content', 'choices[0].message.content'])
  })
})

describe('llmops monitor exit codes and modes', () => {
  it('exits 1 when --fail-on finds something, 0 when it does not', async () => {
    const failed = await llmops(['monitor', '--fail-on', 'pii,secret'])
    expect(failed.exitCode).toBe(1)
    expect(failed.stderr).toContain('Gate (--fail-on pii,secret): FAILED: 2 pii')
    const passed = await llmops(['monitor', '--fail-on', 'secret,slow'])
    expect(passed.exitCode).toBe(0)
    expect(passed.stderr).toContain('passed')
    expect((await llmops(['monitor', '--fail-on', 'error'])).exitCode).toBe(1)
  })

  it('exits 2 naming the missing file, the bad flag or the bad config', async () => {
    const missing = await llmops(['monitor', 'sample_chatbot_logs.jsonl', 'nope/missing.jsonl'])
    expect(missing.exitCode).toBe(2)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toContain('input file nope/missing.jsonl not found')

    const dir = await tempDir()
    const noDefault = await llmops(['monitor'], {cwd: dir})
    expect(noDefault.exitCode).toBe(2)
    expect(noDefault.stderr).toContain('sample_chatbot_logs.jsonl not found')

    const badFlag = await llmops(['monitor', '--fail-on', 'pii,typo'])
    expect(badFlag.exitCode).toBe(2)
    expect(badFlag.stderr).toMatch(/typo/)

    await writeFile(path.join(dir, '.llmops.json'), JSON.stringify({monitor: {slowMs: 'fast'}}))
    await writeFile(path.join(dir, 'sample_chatbot_logs.jsonl'), '{}\n')
    const badConfig = await llmops(['monitor'], {cwd: dir})
    expect(badConfig.exitCode).toBe(2)
    expect(badConfig.stderr).toContain('monitor.slowMs')
    expect(badConfig.stderr).not.toMatch(/\n\s+at /)

    const badFollow = await llmops(['monitor', '--follow', '-'])
    expect(badFollow.exitCode).toBe(2)

    // a gzip file under a plain name cannot be followed
    const gzDir = await tempDir()
    await writeFile(path.join(gzDir, 'zipped.jsonl'), gzipSync(Buffer.from('{}\n')))
    const gzFollow = await llmops(['monitor', '--follow', 'zipped.jsonl'], {cwd: gzDir})
    expect(gzFollow.exitCode).toBe(2)
    expect(gzFollow.stderr).toContain('zipped.jsonl is gzip-compressed')
  })

  it('prints one JSON object with --json and keeps the gate exit code', async () => {
    const result = await llmops(['monitor', '--json', '--fail-on', 'pii'])
    expect(result.exitCode).toBe(1)
    const output = JSON.parse(String(result.stdout)) as {
      records: unknown[]
      summary: Record<string, unknown>
      gate: Record<string, unknown>
      interrupted: boolean
    }
    expect(Object.keys(output).sort()).toEqual(['gate', 'interrupted', 'records', 'summary'])
    expect(output.interrupted).toBe(false)
    expect(output.records).toHaveLength(5)
    expect(output.summary).toMatchObject({records: 5, malformed_lines: 0, findings: {total: 2, by_type: {EMAIL: 1, PHONE: 1}}, errors: {total: 1}})
    expect(output.gate).toEqual({fail_on: ['pii'], passed: false, failures: [{category: 'pii', count: 2}]})
    expect(result.stderr).toBe('')
  })

  it('streams --json records in input order, identical to the JSONL lines', async () => {
    const json = JSON.parse(String((await llmops(['monitor', '--json', fixture('mixed.jsonl')])).stdout)) as {records: Array<Record<string, unknown>>}
    const lines = jsonLines((await llmops(['monitor', '--quiet', fixture('mixed.jsonl')])).stdout)
    expect(json.records).toEqual(lines)
  })

  it('keeps reading for the gate when the reader of stdout goes away', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'big.jsonl')
    const clean = JSON.stringify({id: 'x', user_query: 'q', bot_response: 'fine '.repeat(40)}) + '\n'
    await writeFile(file, clean.repeat(20_000) + JSON.stringify({id: 'late', user_query: 'q', bot_response: 'mail late.leak@example.com'}) + '\n')
    const gated = await execa('bash', ['-c', `node ${BIN} monitor ${file} --fail-on pii --quiet | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`])
    expect(gated.stdout.trim()).toBe('1')
    const ungated = await execa('bash', ['-c', `node ${BIN} monitor ${file} --quiet | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`])
    expect(ungated.stdout.trim()).toBe('0')
  })

  it('fails a PII gate closed on a line too long to scan', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, '.llmops.json'), JSON.stringify({monitor: {maxLineBytes: 2048}}))
    await writeFile(path.join(dir, 'logs.jsonl'), JSON.stringify({id: 'long', bot_response: 'x'.repeat(5000)}) + '\n')
    const result = await llmops(['monitor', 'logs.jsonl', '--fail-on', 'pii'], {cwd: dir})
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('FAILED: 1 unscanned')
    expect(jsonLines(result.stdout)[0]).toMatchObject({error: 'line_too_long'})
  })

  it('stops on Ctrl-C while stdin is silent, with the summary', async () => {
    const child = execa('node', [BIN, 'monitor', '-'], {reject: false, stdin: 'pipe', env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    child.stdin?.write(JSON.stringify({id: 'first', user_query: 'q', bot_response: 'a'}) + '\n')
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const deadline = Date.now() + 10_000
    while (!out.includes('first') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    child.kill('SIGINT')
    const result = await child
    expect(result.exitCode).toBe(130)
    expect(String(result.stderr)).toContain('1 record from -')
  })

  it('rejects empty flag values and reads a config file that starts with a BOM', async () => {
    const empty = await llmops(['monitor', '--group-by', ''])
    expect(empty.exitCode).toBe(2)
    expect(empty.stderr).toContain('invalid --group-by value')
    const dir = await tempDir()
    await writeFile(path.join(dir, '.llmops.json'), '\uFEFF' + JSON.stringify({monitor: {slowMs: 10}}))
    await writeFile(path.join(dir, 'sample_chatbot_logs.jsonl'), JSON.stringify({id: 'a', user_query: 'q', bot_response: 'a', latency_ms: 20}) + '\n')
    const bom = await llmops(['monitor'], {cwd: dir})
    expect(bom.exitCode).toBe(0)
    expect(jsonLines(bom.stdout)[0]).toMatchObject({slow: true})
  })

  it('prints errors as JSON with --json', async () => {
    const result = await llmops(['monitor', 'missing.jsonl', '--json'])
    expect(result.exitCode).toBe(2)
    expect(JSON.parse(String(result.stdout))).toMatchObject({error: {code: 'E_INPUT_NOT_FOUND', exit_code: 2}})
  })

  it('says how to convert a JSON array or a pretty-printed object instead of only counting malformed lines', async () => {
    const dir = await tempDir()
    await writeFile(
      path.join(dir, 'export.json'),
      JSON.stringify(
        [
          {id: 'a', user_query: 'q', bot_response: 'ok'},
          {id: 'b', user_query: 'q', bot_response: 'ok'},
        ],
        null,
        2,
      ),
    )
    await writeFile(path.join(dir, 'one.json'), JSON.stringify({id: 'a', user_query: 'q', bot_response: 'ok'}, null, 2))
    const array = await llmops(['monitor', 'export.json', '--format', 'summary'], {cwd: dir})
    expect(array.exitCode).toBe(0)
    expect(String(array.stderr)).toContain(
      `Hint: export.json looks like one JSON array, not JSON Lines (one object per line): convert it with jq -c '.[]' export.json | llmops monitor -`,
    )
    const pretty = await llmops(['monitor', 'one.json', '--format', 'summary'], {cwd: dir})
    expect(String(pretty.stderr)).toContain('one.json looks like pretty-printed JSON')
    const fine = await llmops(['monitor', 'sample_chatbot_logs.jsonl', '--format', 'summary'])
    expect(String(fine.stderr)).not.toContain('Hint:')
  })

  it.each(['summary', 'text', 'jsonl'])('refuses --format %s with --json instead of dropping one (exit 2)', async (format) => {
    const result = await llmops(['monitor', 'sample_chatbot_logs.jsonl', '--format', format, '--json'])
    expect(result.exitCode).toBe(2)
    expect(String(result.stdout) + String(result.stderr)).toContain(`--format ${format} and --json ask for two different outputs`)
  })

  it('prints only the summary with --format summary', async () => {
    const result = await llmops(['monitor', '--format', 'summary'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('llmops monitor: 5 records')
    expect(result.stdout).not.toContain('{')
    expect(result.stderr).toBe('')
  })

  it('documents the exit codes in --help', async () => {
    const result = await llmops(['monitor', '--help'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('EXIT CODES')
    expect(result.stdout).toMatch(/130\s+interrupted/)
    expect(result.stdout).toContain('--fail-on')
  })
})
