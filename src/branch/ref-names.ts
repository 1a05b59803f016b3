/**
 * Ref-name safety, the first check of every branch-moving procedure: which flag values may reach
 * git at all, and the full ref name git has to accept for each kind of value. A cheap check in
 * code comes first (no option-like or control characters), then `git check-ref-format` on the
 * full ref. Also owns `printable`, the way a user's value is echoed back in an error.
 */
import {LlmopsError, usageError} from '../errors.js'
import type {Git} from '../git.js'

/**
 * First, cheap line of defence before `git check-ref-format`: a value starting with `-` could be
 * read by git as an option (`--to=--upload-pack=...`), and control characters or spaces have no
 * place in a ref name. Throws a usage error (exit 2) naming the flag.
 */
export function assertSafeName(flag: string, value: string): void {
  if (value === '') throw usageError(`${flag} must not be empty`, 'E_BAD_REF_NAME')
  if (value.startsWith('-')) {
    throw usageError(`${flag} "${printable(value)}" starts with "-": not a valid name (it could be read as a git option)`, 'E_BAD_REF_NAME')
  }

  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F]/.test(value)) throw usageError(`${flag} "${printable(value)}" contains spaces or control characters`, 'E_BAD_REF_NAME')
}

/** A value echoed in an error: control characters shown escaped, long values cut. */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = value.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`)
  return safe.length > 80 ? `${safe.slice(0, 79)}…` : safe
}

/** The full ref name git has to accept for each kind of flag value. */
export const refFor = {
  tag: (name: string) => `refs/tags/${name}`,
  branch: (name: string) => `refs/heads/${name}`,
  // git accepts a remote name when refs/remotes/<name>/x is a valid ref.
  remote: (name: string) => `refs/remotes/${name}/x`,
} as const

export type NameKind = keyof typeof refFor

/** Usage error (exit 2) for any value git would not accept as that kind of name. */
export async function checkNames(git: Git, names: Array<{flag: string; kind: NameKind; value: string}>): Promise<void> {
  for (const {flag, value} of names) assertSafeName(flag, value)
  for (const {flag, kind, value} of names) {
    if (!(await git.checkRefFormat(refFor[kind](value)))) {
      throw new LlmopsError(`${flag} "${printable(value)}" is not a valid git ${kind} name`, {
        code: 'E_BAD_REF_NAME',
        suggestions: ['See `git check-ref-format --help` for the rules.'],
      })
    }
  }
}
