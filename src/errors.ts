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
  [ExitCode.OK, 'success'],
  [ExitCode.GATE_FAILED, 'gate failed: the monitor found what --fail-on names, or compare a regression (--fail-on-regression)'],
  [ExitCode.USAGE, 'usage or input error: bad flag, bad config, unreadable or missing input'],
  [ExitCode.PRECONDITION, 'precondition failed: not a git repo, dirty tree, detached HEAD, operation in progress, a file init would overwrite'],
  [ExitCode.INVALID_TARGET, "invalid target: tag missing, not on the branch's history, already current"],
  [ExitCode.REMOTE_MOVED, 'remote moved: the push lease was rejected; nothing was overwritten'],
  [ExitCode.NOT_CONFIRMED, 'not confirmed: confirmation missing, wrong or declined (Ctrl-C at the prompt too); nothing was changed'],
  [ExitCode.PUSH_REFUSED, 'push refused by the server (protected branch, permissions)'],
  [ExitCode.INTERNAL, 'internal error (a bug): fail closed, never report success'],
  [ExitCode.INTERRUPTED, 'interrupted (Ctrl-C) while the monitor runs: the summary covers what was read'],
]

/**
 * Every error code and the one exit code it gives, wherever it is raised (the CLI's commands, the
 * GitHub Action): "not a git repository" is a failed precondition in the monitor as in rollback.
 */
export const ERROR_CODES = {
  E_USAGE: ExitCode.USAGE,
  E_CONFIG_INVALID: ExitCode.USAGE,
  E_CONFIG_NOT_FOUND: ExitCode.USAGE,
  E_INPUT_NOT_FOUND: ExitCode.USAGE,
  E_INPUT_READ: ExitCode.USAGE,
  E_INPUT_GZIP: ExitCode.USAGE,
  E_INPUT_SYMLINK: ExitCode.USAGE,
  E_INPUT_NOT_LOG: ExitCode.USAGE,
  E_IGNORE_INVALID: ExitCode.USAGE,
  E_SUMMARY_INVALID: ExitCode.USAGE,
  E_SUMMARY_MISMATCH: ExitCode.USAGE,
  E_FEEDBACK_INVALID: ExitCode.USAGE,
  E_FEEDBACK_WRITE: ExitCode.USAGE,
  E_FEEDBACK_MISSING: ExitCode.USAGE,
  E_OUTPUT: ExitCode.USAGE,
  E_GITHUB: ExitCode.USAGE,
  E_BAD_REF_NAME: ExitCode.USAGE,
  E_BAD_VERSION: ExitCode.USAGE,
  E_NOT_A_REPO: ExitCode.PRECONDITION,
  E_SHALLOW: ExitCode.PRECONDITION,
  E_DIRTY_TREE: ExitCode.PRECONDITION,
  E_DETACHED_HEAD: ExitCode.PRECONDITION,
  E_OPERATION_IN_PROGRESS: ExitCode.PRECONDITION,
  E_NO_REMOTE: ExitCode.PRECONDITION,
  E_NO_REMOTE_BRANCH: ExitCode.PRECONDITION,
  E_NO_IDENTITY: ExitCode.PRECONDITION,
  E_LOCAL_AHEAD: ExitCode.PRECONDITION,
  E_FETCH_FAILED: ExitCode.PRECONDITION,
  E_LS_REMOTE_FAILED: ExitCode.PRECONDITION,
  E_FILE_EXISTS: ExitCode.PRECONDITION,
  E_INVALID_TARGET: ExitCode.INVALID_TARGET,
  E_TAG_EXISTS: ExitCode.INVALID_TARGET,
  E_UNVERIFIED_BACKUP: ExitCode.INVALID_TARGET,
  E_REMOTE_MOVED: ExitCode.REMOTE_MOVED,
  E_NOT_CONFIRMED: ExitCode.NOT_CONFIRMED,
  E_PUSH_REFUSED: ExitCode.PUSH_REFUSED,
  E_PUSH_FAILED: ExitCode.PUSH_REFUSED,
  E_INTERNAL: ExitCode.INTERNAL,
} as const satisfies Record<string, ExitCodeValue>

export type ErrorCode = keyof typeof ERROR_CODES

/** The rows of the table for `codes` (all of them by default), in table order, as --help shows them. */
export function exitCodeHelp(codes: readonly ExitCodeValue[] = EXIT_CODE_TABLE.map(([code]) => code)): string {
  return EXIT_CODE_TABLE.filter(([code]) => codes.includes(code))
    .map(([code, meaning]) => `${String(code).padEnd(4)} ${meaning}`)
    .join('\n')
}

export interface LlmopsErrorOptions {
  /** Stable machine-readable code, e.g. `E_INPUT_NOT_FOUND`; it decides the exit code (ERROR_CODES). */
  code: ErrorCode
  /** What the user can do next. */
  suggestions?: string[]
  cause?: unknown
}

/** An expected failure with a message meant for the user: never printed with a stack trace. */
export class LlmopsError extends Error {
  readonly code: ErrorCode
  readonly exitCode: ExitCodeValue
  readonly suggestions: string[]

  constructor(message: string, options: LlmopsErrorOptions) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'LlmopsError'
    this.code = options.code
    this.exitCode = ERROR_CODES[options.code]
    this.suggestions = options.suggestions ?? []
  }
}

/** An expected failure: its exit code comes from the registry (`ERROR_CODES`). */
export function fail(code: ErrorCode, message: string, suggestions: string[] = []): LlmopsError {
  return new LlmopsError(message, {code, suggestions})
}

/** A bad flag, a bad config file, a missing or unreadable input (exit 2 for every E_USAGE-like code). */
export function usageError(message: string, code: ErrorCode = 'E_USAGE', suggestions: string[] = []): LlmopsError {
  return fail(code, message, suggestions)
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

/**
 * oclif's text of a parse error (unknown flag, bad value, missing argument) in the shape of the
 * app's errors: the first paragraph is the message (continuation lines indented), the others
 * are hints, and its "See more help with --help" is left to the caller, which knows the command.
 */
export function parseErrorText(text: string): {message: string; suggestions: string[]} {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/^See more help with --help$/.test(line)),
    )
    .filter((lines) => lines.length > 0)
  const [first = ['invalid command line'], ...rest] = paragraphs
  const [head = '', ...more] = first
  const message = more.length === 0 ? head : [head.endsWith(':') ? head : `${head}:`, ...more].join('\n  ')
  return {message, suggestions: rest.map((lines) => lines.join(' ').replace(/^Note:\s*/, ''))}
}

/** How an error is shown: expected failures keep their code, anything else is an internal error (70). */
export function toFailure(error: unknown): Failure {
  if (isLlmopsError(error)) {
    return {code: error.code, message: error.message, exitCode: error.exitCode, suggestions: error.suggestions}
  }

  const err = error as Error & {code?: string; oclif?: {exit?: number}}
  // oclif's own errors (bad flag, missing argument, this.exit) carry their exit code.
  if (err?.oclif?.exit !== undefined) {
    return {code: err.code ?? 'E_USAGE', exitCode: err.oclif.exit, ...parseErrorText(err.message)}
  }

  return {
    code: 'E_INTERNAL',
    message: `internal error: ${err?.message ?? String(error)}`,
    exitCode: ExitCode.INTERNAL,
    suggestions: ['This is a bug in llmops. Re-run with DEBUG=llmops to see the stack trace and report it.'],
  }
}
