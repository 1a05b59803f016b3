/**
 * The one exit-code table of the CLI and the typed error every layer throws.
 * Imported by everyone, imports nothing: only base-command.ts (and later the
 * GitHub Action entry) turn an LlmopsError into an exit code and output.
 */

export const ExitCode = {
  OK: 0,
  GATE_FAILED: 1,
  USAGE: 2,
  PRECONDITION: 3,
  INVALID_TARGET: 4,
  REMOTE_MOVED: 5,
  NOT_CONFIRMED: 6,
  PUSH_REFUSED: 7,
  INTERNAL: 70,
  INTERRUPTED: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** Human meaning of each exit code, in table order (used by --help and the README). */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [ExitCodeValue, string]> = [
  [ExitCode.OK, 'success (also a successful --dry-run)'],
  [ExitCode.GATE_FAILED, 'gate failed: the monitor found what --fail-on names'],
  [ExitCode.USAGE, 'usage or input error: bad flag, bad config, unreadable or missing input'],
  [ExitCode.PRECONDITION, 'precondition failed: not a git repo, dirty tree, detached HEAD, operation in progress'],
  [ExitCode.INVALID_TARGET, "invalid target: tag missing, not on the branch's history, already current"],
  [ExitCode.REMOTE_MOVED, 'remote moved: the push lease was rejected; nothing was overwritten'],
  [ExitCode.NOT_CONFIRMED, 'not confirmed: confirmation missing, wrong or declined; nothing was changed'],
  [ExitCode.PUSH_REFUSED, 'push refused by the server (protected branch, permissions)'],
  [ExitCode.INTERNAL, 'internal error (a bug): fail closed, never report success'],
  [ExitCode.INTERRUPTED, 'interrupted (Ctrl-C)'],
]

export function exitCodeHelp(): string {
  return EXIT_CODE_TABLE.map(([code, meaning]) => `${String(code).padEnd(4)} ${meaning}`).join('\n')
}

export interface LlmopsErrorOptions {
  /** Stable machine-readable code, e.g. `E_INPUT_NOT_FOUND`. */
  code: string
  exitCode: ExitCodeValue
  /** What the user can do next. */
  suggestions?: string[]
  cause?: unknown
}

/** An expected failure with a message meant for the user: never printed with a stack trace. */
export class LlmopsError extends Error {
  readonly code: string
  readonly exitCode: ExitCodeValue
  readonly suggestions: string[]

  constructor(message: string, options: LlmopsErrorOptions) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'LlmopsError'
    this.code = options.code
    this.exitCode = options.exitCode
    this.suggestions = options.suggestions ?? []
  }
}

/** Exit 2: a bad flag, a bad config file, a missing or unreadable input. */
export function usageError(message: string, code = 'E_USAGE', suggestions: string[] = []): LlmopsError {
  return new LlmopsError(message, {code, exitCode: ExitCode.USAGE, suggestions})
}

export function isLlmopsError(error: unknown): error is LlmopsError {
  return error instanceof LlmopsError
}

export interface Failure {
  code: string
  message: string
  exitCode: ExitCodeValue | number
  suggestions: string[]
}

/** How an error is shown: expected failures keep their code, anything else is an internal error (70). */
export function toFailure(error: unknown): Failure {
  if (isLlmopsError(error)) {
    return {code: error.code, message: error.message, exitCode: error.exitCode, suggestions: error.suggestions}
  }

  const err = error as Error & {code?: string; oclif?: {exit?: number}}
  // oclif's own errors (bad flag, missing argument, this.exit) carry their exit code.
  if (err?.oclif?.exit !== undefined) {
    return {code: err.code ?? 'E_USAGE', message: err.message, exitCode: err.oclif.exit, suggestions: []}
  }

  return {
    code: 'E_INTERNAL',
    message: `internal error: ${err?.message ?? String(error)}`,
    exitCode: ExitCode.INTERNAL,
    suggestions: ['This is a bug in llmops. Re-run with DEBUG=llmops to see the stack trace and report it.'],
  }
}

