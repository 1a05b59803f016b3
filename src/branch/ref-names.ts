/**
 * Ref-name safety, the first check of every branch-moving procedure: which flag values may reach
 * git at all, and the full ref name git has to accept for each kind of value. A cheap check in
 * code comes first (no option-like or control characters), then `git check-ref-format` on the
 * full ref.
 */
import {LlmopsError, usageError} from '../errors.js'
import type {Git} from '../git/index.js'
import {printable} from '../text/printable.js'

/**
 * First, cheap line of defence before `git check-ref-format`: a value starting with `-` could be
 * read by git as an option (`--to=--upload-pack=...`), and control characters or spaces have no
 * place in a ref name. Throws a usage error (exit 2) naming the flag.
 */
export function assertSafeName(flag: string, value: string): void {
  if (value === '') throw usageError(`${flag} must not be empty`, 'E_BAD_REF_NAME')
  if (value.startsWith('-')) {
    throw usageError(`${flag} "${printable(value, 80)}" starts with "-": not a valid name (it could be read as a git option)`, 'E_BAD_REF_NAME')
  }

  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F]/.test(value)) throw usageError(`${flag} "${printable(value, 80)}" contains spaces or control characters`, 'E_BAD_REF_NAME')
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
      throw new LlmopsError(`${flag} "${printable(value, 80)}" is not a valid git ${kind} name`, {
        code: 'E_BAD_REF_NAME',
        suggestions: ['See `git check-ref-format --help` for the rules.'],
      })
    }
  }
}
