import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'

import {BIN, jsonLines, tempDir} from '../helpers.js'

/** `script` (util-linux, in Debian's essential bsdutils) gives the CLI a pseudo-terminal. */
async function requireScript(): Promise<void> {
  const found = await execa('sh', ['-c', 'command -v script'], {reject: false})
  if (found.exitCode !== 0) throw new Error('these tests need `script` from util-linux (Debian: bsdutils) to give the CLI a pseudo-terminal; install it')
}

describe('llmops feedback in a terminal', () => {
  beforeAll(requireScript)

  it('asks for the missing values, with choices for the type', async () => {
    const dir = await tempDir()
    // `script` gives the CLI a pseudo-terminal, as a person at a keyboard would have.
    const child = execa('script', ['-qec', `node ${BIN} feedback`, '/dev/null'], {
      cwd: dir,
      reject: false,
      stdin: 'pipe',
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', TERM: 'xterm'},
    })
    const answers: Array<[string, string]> = [
      ['Your user id', 'user_tty\r'],
      ['Type of feedback', '\u001B[B\r'],
      ['What happened?', 'It broke at checkout\r'],
    ]
    let screen = ''
    child.stdout?.on('data', (data: Buffer) => {
      screen += data.toString()
      const next = answers[0]
      if (next !== undefined && screen.includes(next[0])) {
        answers.shift()
        screen = ''
        child.stdin?.write(next[1])
      }
    })
    const result = await child
    expect(result.exitCode).toBe(0)
    expect(answers).toEqual([])
    const [record] = jsonLines(await readFile(path.join(dir, 'chatbot_feedback.jsonl'), 'utf8'))
    expect(record).toMatchObject({user_id: 'user_tty', feedback_type: 'suggestion', description: 'It broke at checkout'})
  }, 30_000)

  it('stops with exit 6 and saves nothing when Ctrl-C is pressed at a question', async () => {
    const dir = await tempDir()
    const child = execa('script', ['-qec', `node ${BIN} feedback --user-id user_tty`, '/dev/null'], {
      cwd: dir,
      reject: false,
      stdin: 'pipe',
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', TERM: 'xterm'},
    })
    let screen = ''
    let sent = false
    child.stdout?.on('data', (data: Buffer) => {
      screen += data.toString()
      if (!sent && screen.includes('Type of feedback')) {
        sent = true
        child.stdin?.write('\u0003')
      }
    })
    const result = await child
    expect(sent).toBe(true)
    expect(result.exitCode).toBe(6)
    expect(screen).toContain('stopped at the prompt; nothing was saved')
    expect(screen).not.toMatch(/at .*\.js:\d+|internal error/)
    await expect(readFile(path.join(dir, 'chatbot_feedback.jsonl'), 'utf8')).rejects.toMatchObject({code: 'ENOENT'})
  }, 30_000)
})
