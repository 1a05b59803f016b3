import {expect} from 'vitest'

import {LlmopsError} from '../../src/errors.js'
import {runRollback, type ProcedureIo, type RollbackInvocation, type RollbackResult} from '../../src/rollback/index.js'
import type {Repos} from '../support/git-repos.js'

/** Runs the rollback use case in the user's clone, defaults as on the command line. */
export async function rollback(repos: Repos, invocation: Partial<RollbackInvocation> = {}, io: Partial<ProcedureIo> = {}): Promise<RollbackResult> {
  return runRollback({branch: 'stable', remote: 'origin', main: 'main', local: true, dryRun: false, ...invocation}, {cwd: repos.work, env: repos.env, ...io})
}

/** The LlmopsError a use case fails with (the test fails if it succeeds or fails otherwise). */
export async function failure(promise: Promise<unknown>): Promise<LlmopsError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error, 'expected the use case to fail').toBeInstanceOf(LlmopsError)
  return error as LlmopsError
}
