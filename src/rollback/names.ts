/**
 * Pure rules about names: which flag values may reach git at all, what a release tag is, how
 * release versions sort, and how backup tags are named. Shared by rollback and release.
 */
import {compileRules, detect, mask, redactText, type RuleSet} from '../engine/index.js'
import {builtinRules} from '../rules/index.js'
import {usageError} from '../errors.js'
import {isoSeconds} from '../branch/time.js'

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

export interface SemVer {
  major: number
  minor: number
  patch: number
  prerelease: string[]
  build: string
}

// semver.org's regular expression, anchored, without the capture names.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export function parseSemVer(text: string): SemVer | null {
  const match = SEMVER.exec(text)
  if (!match) return null
  return {major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [], build: match[5] ?? ''}
}

/** Release tags are `v` + semantic version, e.g. v1.4.0 or v2.0.0-rc.1. */
export function releaseVersion(tag: string): SemVer | null {
  return tag.startsWith('v') ? parseSemVer(tag.slice(1)) : null
}

/** semver precedence: numbers, then a pre-release sorts before its release; build is ignored. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch
  if (core !== 0) return Math.sign(core)
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length)
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i]
    const y = b.prerelease[i]
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1
    if (x === y) continue
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y)
    if (numeric) return Math.sign(Number(x) - Number(y))
    if (/^\d+$/.test(x) !== /^\d+$/.test(y)) return /^\d+$/.test(x) ? -1 : 1
    return x < y ? -1 : 1
  }

  return 0
}

export const BACKUP_PREFIX = 'llmops/backup/'

/** `llmops/backup/stable-20261127T140257Z`, with a counter if that name is taken. */
export function backupTagName(branch: string, now: Date, taken: ReadonlySet<string>): string {
  const stamp = isoSeconds(now).replaceAll(/[-:]/g, '')
  const base = `${BACKUP_PREFIX}${branch}-${stamp}`
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
  return name
}

let detector: RuleSet | undefined

/**
 * A reason goes into a tag message that is pushed and kept for good, and into a terminal: one
 * line, no control characters, bounded, and personal data or secrets masked (people paste the
 * leaked value into the reason under pressure).
 */
export function cleanReason(reason: string | undefined): string | null {
  if (reason === undefined) return null
  // eslint-disable-next-line no-control-regex
  const line = reason.replaceAll(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').trim().slice(0, 500)
  if (line === '') return null
  detector ??= compileRules(builtinRules)
  return redactText(line, detect(line, detector), mask)
}
