import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'

import {BIN, jsonLines, llmops, ROOT, tempDir} from '../helpers.js'

/** `script` (util-linux, in Debian's essential bsdutils) gives the CLI a pseudo-terminal. */
async function requireScript(): Promise<void> {
  const found = await execa('sh', ['-c', 'command -v script'], {reject: false})
  if (found.exitCode !== 0) throw new Error('these tests need `script` from util-linux (Debian: bsdutils) to give the CLI a pseudo-terminal; install it')
}

/** Runs `llmops <args>` with stdout and stderr on a pseudo-terminal; the screen as it was written. */
async function inTerminal(args: string, cwd: string, env: Record<string, string> = {}) {
  return execa('script', ['-qec', `node ${BIN} ${args} </dev/null`, '/dev/null'], {
    cwd,
    reject: false,
    stdin: 'ignore',
    env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', TERM: 'xterm', CI: '', GITHUB_ACTIONS: '', NO_COLOR: '', FORCE_COLOR: '', ...env},
  })
}

describe('llmops monitor in a terminal', () => {
  beforeAll(requireScript)

  it('shows the percentage read and the time left on the progress line when the input size is known', async () => {
    const dir = await tempDir()
    const line = JSON.stringify({id: 'x', user_query: 'q', bot_response: 'Hello there, nothing to see.'})
    await writeFile(path.join(dir, 'logs.jsonl'), `${line}\n`.repeat(200_000))
    const result = await inTerminal('monitor logs.jsonl --format summary', dir)
    expect(result.exitCode).toBe(0)
    expect(String(result.stdout)).toMatch(/\r\d{1,3}% · [\d,]+ lines? · [\d.]+ of [\d.]+ MB · [\d.]+ MB\/s/)
  }, 60_000)

  it('lists each finding as file:line, type, masked value and field, then the summary; never a raw value', async () => {
    const result = await inTerminal('monitor', ROOT, {NO_COLOR: '1'})
    expect(result.exitCode).toBe(0)
    // what stays on the screen: the progress line is erased (\r, then erase to the end of the line)
    // eslint-disable-next-line no-control-regex -- the escape sequence a progress line is cleared with
    const erased = /\r[^\r\n]*\u001B\[K/g
    const screen = String(result.stdout).replaceAll(erased, '').replaceAll('\r', '')
    expect(screen).toMatch(
      /^sample_chatbot_logs\.jsonl\n {2}sample_chatbot_logs\.jsonl:2 {2}EMAIL {2}h\*\*\*@s\*\*\*\.com {2}bot_response\n {2}sample_chatbot_logs\.jsonl:3 {2}PHONE {2}\*\*\*-\*\*\*-\*\*67 {3}bot_response\n/m,
    )
    expect(screen.indexOf('sample_chatbot_logs.jsonl:2')).toBeLessThan(screen.indexOf('llmops monitor: 5 records'))
    expect(screen).not.toContain('"interaction_id"')
    expect(screen).not.toContain('\u001B[3')
    expect(screen).not.toContain('help@saas-startup.com')
  }, 30_000)

  it('masks values in the view even with --no-redact', async () => {
    const result = await inTerminal('monitor --no-redact --quiet', ROOT)
    expect(String(result.stdout)).toContain('h***@s***.com')
    expect(String(result.stdout)).not.toContain('help@saas-startup.com')
  }, 30_000)

  it('colours the type by severity in a terminal, unless NO_COLOR is set', async () => {
    const coloured = await inTerminal('monitor --quiet', ROOT)
    expect(String(coloured.stdout)).toContain('\u001B[31mEMAIL\u001B[0m')
    const plain = await inTerminal('monitor --quiet', ROOT, {NO_COLOR: '1'})
    expect(String(plain.stdout)).not.toContain('\u001B[31m')
  }, 30_000)

  it('keeps JSON Lines in pipes, and gives the view there only when asked (coloured with FORCE_COLOR)', async () => {
    const piped = await llmops(['monitor', '--quiet'])
    expect(jsonLines(piped.stdout)).toHaveLength(5)
    const asked = await llmops(['monitor', '--quiet', '--format', 'text'])
    expect(String(asked.stdout)).toContain('  sample_chatbot_logs.jsonl:3  PHONE  ***-***-**67   bot_response\n')
    expect(String(asked.stdout)).not.toContain('\u001B[')
    const forced = await llmops(['monitor', '--quiet', '--format', 'text'], {env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', FORCE_COLOR: '1'}})
    expect(String(forced.stdout)).toContain('\u001B[33mPHONE\u001B[0m')
  }, 30_000)
})
