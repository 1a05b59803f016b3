import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'

import {BIN, tempDir} from '../helpers.js'

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
})
