import {readFile, stat, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {terminalSafe} from '../../src/feedback/export-cli.js'
import {BIN, jsonLines, llmops, tempDir} from '../helpers.js'

const DOC_EXAMPLE = [
  'feedback',
  '--user-id',
  'user_999',
  '--feedback-type',
  'bug_report',
  '--description',
  'The chatbot provided an incorrect link for the pricing page.',
]

async function stored(dir: string, file = 'chatbot_feedback.jsonl'): Promise<Array<Record<string, unknown>>> {
  return jsonLines(await readFile(path.join(dir, file), 'utf8'))
}

describe('llmops feedback (capture)', () => {
  it('works exactly as the old docs wrote it, into chatbot_feedback.jsonl readable by the owner only', async () => {
    const dir = await tempDir()
    const result = await llmops(DOC_EXAMPLE, {cwd: dir})
    expect(result.exitCode).toBe(0)
    // stdout is data (the record, ready for jq); the confirmation is on stderr
    expect(String(result.stderr)).toMatch(/^Saved bug_report [0-9A-Z]{26} to chatbot_feedback.jsonl\n$/)
    const [record] = await stored(dir)
    expect(jsonLines(result.stdout)).toEqual([record])
    expect(record).toMatchObject({
      user_id: 'user_999',
      feedback_type: 'bug_report',
      description: 'The chatbot provided an incorrect link for the pricing page.',
      schema_version: 1,
    })
    expect(record?.timestamp_utc).toMatch(/Z$/)
    expect(((await stat(path.join(dir, 'chatbot_feedback.jsonl'))).mode & 0o777).toString(8)).toBe('600')
  })

  it('prints the stored record alone with --json, with the optional fields', async () => {
    const dir = await tempDir()
    const result = await llmops(
      [
        ...DOC_EXAMPLE,
        '--interaction-id',
        'int_003',
        '--rating',
        '2',
        '--model-version',
        'v2.4',
        '--source',
        'internal',
        '--tag',
        'links',
        '--tag',
        'pricing',
        '--json',
      ],
      {cwd: dir},
    )
    expect(result.exitCode).toBe(0)
    const record = JSON.parse(String(result.stdout)) as Record<string, unknown>
    expect(record).toMatchObject({interaction_id: 'int_003', rating: 2, model_version: 'v2.4', source: 'internal', tags: ['links', 'pricing']})
    expect(await stored(dir)).toEqual([record])
  })

  it('masks PII in the description and says so; --keep-pii stores it as typed', async () => {
    const dir = await tempDir()
    const masked = await llmops(
      ['feedback', '--user-id', 'u1', '--feedback-type', 'other', '--description', 'reach me at planted.fb@example.com or 555-010-0166'],
      {cwd: dir},
    )
    expect(masked.stderr).toContain('masked 1 EMAIL and 1 PHONE;')
    expect(`${String(masked.stdout)}${String(masked.stderr)}${await readFile(path.join(dir, 'chatbot_feedback.jsonl'), 'utf8')}`).not.toMatch(
      /planted\.fb|010-0166/,
    )
    await llmops(['feedback', '--user-id', 'u1', '--feedback-type', 'other', '--description', 'planted.fb@example.com', '--keep-pii'], {cwd: dir})
    expect((await stored(dir))[1]?.description).toBe('planted.fb@example.com')
    // a user id is free text too: masked; a tag is an opaque label: personal data is refused
    const tagged = await llmops(['feedback', '--user-id', 'u1', '--feedback-type', 'other', '--description', 'x', '--tag', 'cust:planted.tag@example.com'], {
      cwd: dir,
    })
    expect(tagged.exitCode).toBe(2)
    await llmops(['feedback', '--user-id', 'planted.id@example.com', '--feedback-type', 'other', '--description', 'x', '--tag', 'vip'], {cwd: dir})
    const third = (await stored(dir))[2]
    expect(third).toMatchObject({user_id: 'p***@e***.com', tags: ['vip'], masked: {EMAIL: 1}})
    const listed = await llmops(['feedback', 'list', '--user-id', 'planted.id@example.com', '--json'], {cwd: dir})
    expect((JSON.parse(String(listed.stdout)) as unknown[]).length).toBe(1)
    expect(String(listed.stdout)).not.toContain('planted.id')
  })

  it('without a terminal, a missing value is exit 2 naming it, and nothing is written', async () => {
    const dir = await tempDir()
    const result = await llmops(['feedback', '--user-id', 'u1'], {cwd: dir})
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('missing --feedback-type, --description (no terminal to ask)')
    await expect(stat(path.join(dir, 'chatbot_feedback.jsonl'))).rejects.toThrow()
  })

  it('rejects invalid values naming the field (exit 2), writing nothing', async () => {
    const dir = await tempDir()
    for (const [flag, value, message] of [
      ['--feedback-type', 'praise', 'feedback_type must be one of'],
      ['--rating', '9', 'rating must be an integer from 1 to 5'],
      ['--interaction-id', 'a\u0007b', 'interaction_id must not contain control characters'],
      // an id or a tag is an opaque token, never personal data: it is stored and exported as given
      ['--id', 'jane.doe@example.com', 'id may hold only letters, digits and . _ : -'],
      ['--id', '555-123-4567', 'id looks like personal data (PHONE)'],
      ['--tag', '4111-1111-1111-1111', 'tag looks like personal data (CREDIT_CARD)'],
      ['--tag', 'two words', 'tag may hold only letters'],
    ] as const) {
      const args = [...DOC_EXAMPLE.filter((a, i, all) => a !== flag && all[i - 1] !== flag), flag, value]
      const result = await llmops(args, {cwd: dir})
      expect(result.exitCode).toBe(2)
      expect(result.stderr).toContain(message)
    }

    await expect(stat(path.join(dir, 'chatbot_feedback.jsonl'))).rejects.toThrow()
  })

  it('takes JSON Lines on stdin, all or nothing', async () => {
    const dir = await tempDir()
    const good = {user_id: 'u1', feedback_type: 'suggestion', description: 'dark mode'}
    const bad = await llmops(['feedback', '--stdin'], {cwd: dir, input: `${JSON.stringify(good)}\n${JSON.stringify({...good, rating: 0})}\n`})
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('invalid feedback (record 2): rating must be')
    await expect(stat(path.join(dir, 'chatbot_feedback.jsonl'))).rejects.toThrow()
    const ok = await llmops(['feedback', '--stdin', '--json'], {cwd: dir, input: `${JSON.stringify(good)}\n${JSON.stringify({...good, id: 'k1'})}\n`})
    expect(ok.exitCode).toBe(0)
    expect(JSON.parse(String(ok.stdout))).toHaveLength(2)
  })

  it('honours --file and $LLMOPS_FEEDBACK_FILE, and reports a write error (exit 2)', async () => {
    const dir = await tempDir()
    await llmops([...DOC_EXAMPLE, '--file', 'a.jsonl'], {cwd: dir})
    await llmops(DOC_EXAMPLE, {cwd: dir, env: {LLMOPS_FEEDBACK_FILE: 'b.jsonl', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
    expect(await stored(dir, 'a.jsonl')).toHaveLength(1)
    expect(await stored(dir, 'b.jsonl')).toHaveLength(1)
    await writeFile(path.join(dir, 'plain-file'), 'x')
    const failed = await llmops([...DOC_EXAMPLE, '--file', 'plain-file/fb.jsonl'], {cwd: dir})
    expect(failed.exitCode).toBe(2)
    expect(failed.stderr).toContain('cannot write plain-file/fb.jsonl: a part of its path is a file, not a directory')
    expect(failed.stderr).not.toMatch(/\n\s+at /)
  })

  it('keeps every record intact when 20 processes append 25 records each at once', async () => {
    const dir = await tempDir()
    const runs = Array.from({length: 20}, (_, p) => {
      const input = Array.from({length: 25}, (_, i) =>
        JSON.stringify({id: `p${p}-r${i}`, user_id: `user_${p}`, feedback_type: 'other', description: `process ${p} record ${i} ${'x'.repeat(200)}`}),
      ).join('\n')
      return llmops(['feedback', '--stdin'], {cwd: dir, input})
    })
    const results = await Promise.all(runs)
    for (const r of results) expect(r.exitCode).toBe(0)
    const text = await readFile(path.join(dir, 'chatbot_feedback.jsonl'), 'utf8')
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(500)
    const ids = lines.map((l) => (JSON.parse(l) as {id: string; description: string}).id)
    expect(new Set(ids).size).toBe(500)
    for (let p = 0; p < 20; p++) for (let i = 0; i < 25; i++) expect(ids).toContain(`p${p}-r${i}`)
  }, 120_000)
})

describe('llmops feedback list, stats, export', () => {
  async function seeded(): Promise<string> {
    const dir = await tempDir()
    const lines = [
      {
        id: 'a',
        timestamp_utc: '2030-01-01T10:00:00.000Z',
        user_id: 'u1',
        feedback_type: 'bug_report',
        description: 'broken link',
        rating: 2,
        interaction_id: 'int_1',
        schema_version: 1,
      },
      {
        id: 'b',
        timestamp_utc: '2030-01-02T10:00:00.000Z',
        user_id: 'u2',
        feedback_type: 'suggestion',
        description: 'dark mode, please',
        rating: 'up',
        schema_version: 1,
      },
    ].map((r) => JSON.stringify(r))
    await writeFile(path.join(dir, 'chatbot_feedback.jsonl'), lines.join('\n') + '\n{"id":"torn","feedb')
    return dir
  }

  it('lists newest first as a table, and as JSON, warning about the torn line', async () => {
    const dir = await seeded()
    const table = await llmops(['feedback', 'list'], {cwd: dir})
    expect(table.exitCode).toBe(0)
    expect(String(table.stdout).split('\n')[1]).toMatch(/^2030-01-02 10:00\s+suggestion\s+u2\s+up\s+-\s+dark mode, please$/)
    expect(table.stderr).toContain('chatbot_feedback.jsonl:3: skipped a line that is not a feedback record')
    const json = await llmops(['feedback', 'list', '--type', 'bug_report', '--json'], {cwd: dir})
    expect((JSON.parse(String(json.stdout)) as Array<{id: string}>).map((r) => r.id)).toEqual(['a'])
  })

  it('refuses a typo instead of printing an empty result: an unknown --type, a missing --file (exit 2)', async () => {
    const dir = await seeded()
    const typo = await llmops(['feedback', 'list', '--type', 'bugreport'], {cwd: dir})
    expect(typo.exitCode).toBe(2)
    expect(String(typo.stderr)).toContain('--type "bugreport": not a feedback type; the types are bug_report, suggestion, confusing_response, other')
    const missing = await llmops(['feedback', 'stats', '--file', 'nope.jsonl'], {cwd: dir})
    expect(missing.exitCode).toBe(2)
    expect(String(missing.stderr)).toContain('feedback file nope.jsonl not found')
    const viaEnv = await llmops(['feedback', 'export', '--format', 'csv'], {
      cwd: dir,
      env: {LLMOPS_FEEDBACK_FILE: 'gone.jsonl', OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
    })
    expect(viaEnv.exitCode).toBe(2)
    // the default file may be missing: no feedback yet
    const fresh = await llmops(['feedback', 'list'], {cwd: await tempDir()})
    expect(fresh.exitCode).toBe(0)
    expect(String(fresh.stdout)).toBe('No feedback matches.\n')
  })

  it('prints stats', async () => {
    const dir = await seeded()
    const result = await llmops(['feedback', 'stats', '--json'], {cwd: dir})
    expect(JSON.parse(String(result.stdout))).toMatchObject({
      total: 2,
      by_type: {bug_report: 1, suggestion: 1},
      ratings: {stars: {count: 1, mean: 2}, thumbs: {up: 1}},
    })
  })

  it('exports CSV to a file and Langfuse scores to stdout', async () => {
    const dir = await seeded()
    const csv = await llmops(['feedback', 'export', '--format', 'csv', '--output', 'out.csv'], {cwd: dir})
    expect(csv.exitCode).toBe(0)
    expect(csv.stderr).toContain('Exported 2 records to out.csv')
    const rows = (await readFile(path.join(dir, 'out.csv'), 'utf8')).split('\r\n')
    expect(rows[0]).toBe('id,timestamp_utc,user_id,feedback_type,rating,interaction_id,model_version,source,tags,description')
    expect(rows[2]).toBe('b,2030-01-02T10:00:00.000Z,u2,suggestion,up,,,,,"dark mode, please"')
    const lf = await llmops(['feedback', 'export', '--format', 'langfuse'], {cwd: dir})
    expect(jsonLines(lf.stdout)).toEqual([
      expect.objectContaining({id: 'a', traceId: 'int_1', name: 'user_rating', value: 2, dataType: 'NUMERIC', comment: 'broken link'}),
    ])
    expect(lf.stderr).toContain('(1 without an interaction id left out)')
  })

  it('never follows a symbolic link planted at the feedback file', async () => {
    const dir = await tempDir()
    const target = path.join(dir, 'elsewhere.txt')
    await writeFile(target, 'do not touch\n')
    await symlink(target, path.join(dir, 'chatbot_feedback.jsonl'))
    const written = await llmops(DOC_EXAMPLE, {cwd: dir})
    expect(written.exitCode).toBe(2)
    expect(String(written.stderr)).toMatch(/cannot write chatbot_feedback\.jsonl: it is a symbolic link/)
    const listed = await llmops(['feedback', 'list'], {cwd: dir})
    expect(listed.exitCode).toBe(2)
    expect(String(listed.stderr)).toMatch(/it is a symbolic link/)
    expect(await readFile(target, 'utf8')).toBe('do not touch\n')
  })

  it('escapes control characters when a CSV export goes to a terminal', async () => {
    expect(terminalSafe('a\u001B[31mred\u0007,b\r\n')).toBe('a\\u001b[31mred\\u0007,b\r\n')
    const dir = await tempDir()
    await writeFile(
      path.join(dir, 'chatbot_feedback.jsonl'),
      `${JSON.stringify({id: 'f1', timestamp_utc: '2030-01-01T00:00:00.000Z', user_id: 'u1', feedback_type: 'other', description: 'hi \u001B]0;pwned\u0007 there', schema_version: 1})}\n`,
    )
    const tty = await execa('script', ['-qec', `node ${BIN} feedback export --format csv`, '/dev/null'], {
      cwd: dir,
      reject: false,
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', TERM: 'xterm'},
    })
    expect(String(tty.stdout)).toContain('hi \\u001b]0;pwned\\u0007 there')
    const piped = await llmops(['feedback', 'export', '--format', 'csv'], {cwd: dir})
    expect(String(piped.stdout)).toContain('hi \u001B]0;pwned\u0007 there')
  })
})
