import {describe, expect, it} from 'vitest'

import {llmops} from '../helpers.js'

/** The one shape of an error on stderr: `Error: …`, indented continuation lines, then `  Hint: …` lines. */
const APP_STYLE = /^Error: [^\n]+(\n {2}(?!Hint: )[^\n]+)*(\n {2}Hint: [^\n]+)+\n$/

describe('one error style for oclif parse errors and the app errors', () => {
  it.each([
    ['an unknown flag', ['monitor', '--no-such-flag'], 'Error: Nonexistent flag: --no-such-flag'],
    ['a bad flag value', ['monitor', '--slow-ms', '0'], 'Error: Parsing --slow-ms:'],
    ['a value outside the options', ['monitor', '--format', 'xml'], 'Error: Expected --format=xml to be one of: jsonl, text, summary'],
    ['a missing required argument', ['monitor', 'merge'], 'Error: Missing 1 required arg:'],
    ['an unexpected argument', ['release', '1.0.0', 'extra'], 'Error: Unexpected argument: extra'],
    ['flags that exclude each other', ['rollback', '--to', 'v1.0.0', '--undo'], 'Error: The following errors occurred:'],
    ['an app error', ['monitor', 'no-such-file.jsonl'], 'Error: input file no-such-file.jsonl not found'],
  ])('%s: exit 2, Error and Hint lines, no oclif arrows', async (_what, args, first) => {
    const result = await llmops(args, {stdin: 'ignore'})
    expect(result.exitCode).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(APP_STYLE)
    expect(String(result.stderr).startsWith(first)).toBe(true)
    expect(result.stderr).not.toContain('›')
    expect(result.stderr).not.toContain('See more help with --help')
  })

  it('a parse error points at the help of the command it was given to', async () => {
    const result = await llmops(['feedback', 'list', '--limit', 'many'], {stdin: 'ignore'})
    expect(result.stderr).toContain('  Hint: See llmops feedback list --help.\n')
  })

  it('with --json, a parse error is the same JSON error object as an app error', async () => {
    const parse = await llmops(['monitor', '--no-such-flag', '--json'], {stdin: 'ignore'})
    const app = await llmops(['monitor', 'no-such-file.jsonl', '--json'], {stdin: 'ignore'})
    for (const result of [parse, app]) {
      expect(result.exitCode).toBe(2)
      const {error} = JSON.parse(String(result.stdout)) as {error: Record<string, unknown>}
      expect(Object.keys(error)).toEqual(['code', 'message', 'exit_code', 'suggestions'])
      expect(error.exit_code).toBe(2)
    }
  })
})
