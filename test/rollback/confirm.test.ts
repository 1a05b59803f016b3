import {PassThrough} from 'node:stream'

import {describe, expect, it} from 'vitest'

import {confirm, terminalAsk} from '../../src/branch/confirm.js'
import {isInteractive} from '../../src/io/terminal.js'

/** A fake terminal: what inquirer reads and writes, with isTTY set as on a real one. */
function fakeTerminal(): {input: PassThrough; output: PassThrough; screen: () => string} {
  const input = Object.assign(new PassThrough(), {isTTY: true})
  const output = Object.assign(new PassThrough(), {isTTY: true, columns: 80, rows: 24})
  let screen = ''
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()))
  return {input, output, screen: () => screen}
}

/** Types keys once the prompt has drawn itself, as a person would. */
function typeWhenAsked(terminal: ReturnType<typeof fakeTerminal>, keys: string): void {
  terminal.output.once('data', () => setTimeout(() => terminal.input.write(keys), 10))
}

describe('confirm', () => {
  const base = {expected: 'v1.2.0', action: 'roll back origin/stable to v1.2.0'}

  it('accepts --confirm equal to the target and nothing else', async () => {
    await expect(confirm({...base, given: 'v1.2.0', ask: undefined})).resolves.toBeUndefined()
    for (const given of ['v1.2', 'V1.2.0', 'yes', '']) {
      await expect(confirm({...base, given, ask: undefined})).rejects.toMatchObject({exitCode: 6, code: 'E_NOT_CONFIRMED'})
    }
  })

  it('never asks when --confirm is given, and fails without a terminal instead of waiting', async () => {
    let asked = false
    const ask = async () => ((asked = true), 'v1.2.0')
    await expect(confirm({...base, given: 'wrong', ask})).rejects.toMatchObject({exitCode: 6})
    expect(asked).toBe(false)
    await expect(confirm({...base, given: undefined, ask: undefined})).rejects.toMatchObject({exitCode: 6, suggestions: ['Pass --confirm v1.2.0 to confirm.']})
  })

  it('does not treat piped stdin as a terminal', () => {
    expect(isInteractive({stdin: {isTTY: undefined}, stdout: {isTTY: true}})).toBe(false)
    expect(isInteractive({stdin: {isTTY: true}, stdout: {isTTY: undefined}})).toBe(false)
    expect(isInteractive({stdin: {isTTY: true}, stdout: {isTTY: true}})).toBe(true)
  })
})

describe('the terminal prompt (@inquirer/prompts on a fake terminal)', () => {
  it('asks for the tag and returns what the user typed', async () => {
    const terminal = fakeTerminal()
    typeWhenAsked(terminal, 'v1.2.0\r')
    const ask = terminalAsk({input: terminal.input, output: terminal.output})
    await expect(confirm({expected: 'v1.2.0', given: undefined, ask, action: 'roll back origin/stable to v1.2.0'})).resolves.toBeUndefined()
    expect(terminal.screen()).toContain('To roll back origin/stable to v1.2.0, type v1.2.0:')
  })

  it('accepts the version typed without its "v" (the same tag), nothing looser', async () => {
    for (const [typed, ok] of [
      ['1.2.0', true],
      [' v1.2.0 ', true],
      ['1.2', false],
      ['v1.2.0.0', false],
      ['V1.2.0', false],
    ] as const) {
      const terminal = fakeTerminal()
      typeWhenAsked(terminal, `${typed}\r`)
      const ask = terminalAsk({input: terminal.input, output: terminal.output})
      const confirmed = confirm({expected: 'v1.2.0', given: undefined, ask, action: 'roll back'})
      if (ok) await expect(confirmed, typed).resolves.toBeUndefined()
      else await expect(confirmed, typed).rejects.toMatchObject({exitCode: 6})
    }
  })

  it('asks an undo for the short sha it restores instead of a 37-character backup tag; --confirm still takes the tag', async () => {
    const tag = 'llmops/backup/stable-20261127T140257Z'
    for (const [typed, ok] of [
      ['abc1234', true],
      [tag, true],
      ['abc123', false],
      ['abc1234x', false],
    ] as const) {
      const terminal = fakeTerminal()
      typeWhenAsked(terminal, `${typed}\r`)
      const ask = terminalAsk({input: terminal.input, output: terminal.output})
      const confirmed = confirm({expected: tag, typed: 'abc1234', given: undefined, ask, action: 'restore origin/stable'})
      if (ok) await expect(confirmed, typed).resolves.toBeUndefined()
      else await expect(confirmed, typed).rejects.toMatchObject({exitCode: 6, message: expect.stringContaining('not abc1234')})
      if (typed === 'abc1234') expect(terminal.screen()).toContain('To restore origin/stable, type abc1234:')
    }

    await expect(confirm({expected: tag, typed: 'abc1234', given: tag, ask: undefined, action: 'restore'})).resolves.toBeUndefined()
    await expect(confirm({expected: tag, typed: 'abc1234', given: 'abc1234', ask: undefined, action: 'restore'})).rejects.toMatchObject({exitCode: 6})
  })

  it('refuses anything else typed there, e.g. a bare "y"', async () => {
    const terminal = fakeTerminal()
    typeWhenAsked(terminal, 'y\r')
    const ask = terminalAsk({input: terminal.input, output: terminal.output})
    await expect(confirm({expected: 'v1.2.0', given: undefined, ask, action: 'roll back'})).rejects.toMatchObject({
      exitCode: 6,
      message: expect.stringContaining('you typed "y"'),
    })
  })

  it('treats Ctrl-C in the prompt as declined (exit 6)', async () => {
    const terminal = fakeTerminal()
    typeWhenAsked(terminal, '\u0003')
    const ask = terminalAsk({input: terminal.input, output: terminal.output})
    await expect(confirm({expected: 'v1.2.0', given: undefined, ask, action: 'roll back'})).rejects.toMatchObject({
      exitCode: 6,
      message: expect.stringContaining('declined'),
    })
  })
})
