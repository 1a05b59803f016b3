import {Errors} from '@oclif/core'
import {describe, expect, it} from 'vitest'

import {ERROR_CODES, EXIT_CODE_TABLE, ExitCode, LlmopsError, exitCodeHelp, parseErrorText, toFailure, usageError, type ErrorCode} from '../src/errors.js'

describe('toFailure', () => {
  it('keeps the code, exit code and hints of an LlmopsError', () => {
    const error = usageError('input file x.jsonl not found', 'E_INPUT_NOT_FOUND', ['give a path'])
    expect(toFailure(error)).toEqual({code: 'E_INPUT_NOT_FOUND', message: 'input file x.jsonl not found', exitCode: 2, suggestions: ['give a path']})
    const precondition = new LlmopsError('dirty tree', {code: 'E_DIRTY_TREE'})
    expect(toFailure(precondition).exitCode).toBe(ExitCode.PRECONDITION)
  })

  it('takes every exit code from the one registry, and every registered exit code is in the table', () => {
    const table = new Set(EXIT_CODE_TABLE.map(([code]) => code))
    for (const [code, exitCode] of Object.entries(ERROR_CODES)) {
      expect(table.has(exitCode), code).toBe(true)
      expect(toFailure(new LlmopsError('x', {code: code as ErrorCode})).exitCode, code).toBe(exitCode)
      expect(usageError('x', code as ErrorCode).exitCode, code).toBe(exitCode)
    }

    // one meaning, one exit code: every precondition of a git workspace is 3, wherever it is raised
    expect([ERROR_CODES.E_NOT_A_REPO, ERROR_CODES.E_SHALLOW, ERROR_CODES.E_DIRTY_TREE]).toEqual([3, 3, 3])
  })

  it("keeps oclif's own exit codes (parse errors)", () => {
    expect(toFailure(new Errors.CLIError('Expected --fail-on=typo to be one of: pii', {exit: 2})).exitCode).toBe(2)
  })

  it("words oclif's parse errors as the app's: message, indented details, notes as hints, no 'See more help'", () => {
    expect(parseErrorText('Parsing --slow-ms \n\tExpected an integer greater than or equal to 1 but received: 0\nSee more help with --help')).toEqual({
      message: 'Parsing --slow-ms:\n  Expected an integer greater than or equal to 1 but received: 0',
      suggestions: [],
    })
    expect(
      parseErrorText(
        'Missing 1 required arg:\nfile  summary files\n\nNote: --fail-on allows multiple values. Because of this\nprovide all arguments first.\nSee more help with --help',
      ),
    ).toEqual({
      message: 'Missing 1 required arg:\n  file  summary files',
      suggestions: ['--fail-on allows multiple values. Because of this provide all arguments first.'],
    })
    expect(toFailure(new Errors.CLIError('Nonexistent flag: --x\nSee more help with --help', {exit: 2}))).toMatchObject({
      message: 'Nonexistent flag: --x',
      exitCode: 2,
    })
  })

  it('turns anything else into an internal error, exit 70, never 0 or 1', () => {
    const failure = toFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))
    expect(failure).toMatchObject({code: 'E_INTERNAL', exitCode: 70})
    expect(failure.message).toMatch(/^internal error: Cannot read/)
    expect(toFailure('a string').exitCode).toBe(70)
    expect(toFailure(undefined).exitCode).toBe(70)
  })
})

describe('the exit-code table', () => {
  it('lists every exit code once, in order, in --help form', () => {
    const codes = EXIT_CODE_TABLE.map(([code]) => code)
    expect(codes).toEqual(Object.values(ExitCode))
    expect(exitCodeHelp().split('\n')).toHaveLength(codes.length)
    expect(exitCodeHelp()).toMatch(/^70 {3}internal error/m)
  })

  it('shows only the codes a command names, in table order', () => {
    expect(
      exitCodeHelp([ExitCode.INTERNAL, ExitCode.OK])
        .split('\n')
        .map((line) => line.split(' ')[0]),
    ).toEqual(['0', '70'])
  })
})
