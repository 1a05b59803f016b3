/**
 * The pure core of a release: which versions are acceptable, when main may go to stable, and the
 * messages recorded in git. No IO.
 */
import {invalidTarget} from '../branch/errors.js'
import type {Release} from '../branch/release-tags.js'
import {compareSemVer, parseSemVer, type SemVer} from '../branch/semver.js'
import {LlmopsError, usageError} from '../errors.js'
import {printable} from '../text/printable.js'

/** `1.4.0` or `v1.4.0` -> tag `v1.4.0`; anything that is not semantic versioning is a usage error. */
export function parseVersion(input: string): {version: string; tag: string; semver: SemVer} {
  const version = input.startsWith('v') ? input.slice(1) : input
  const semver = parseSemVer(version)
  if (!semver) {
    throw usageError(`"${printable(input, 80)}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1)`, 'E_BAD_VERSION', [
      'See https://semver.org; the tag will be v<version>.',
    ])
  }

  return {version, tag: `v${version}`, semver}
}

export function tagExists(tag: string, where: string): LlmopsError {
  return new LlmopsError(`tag ${tag} already exists${where}: a release tag is never moved or reused`, {
    code: 'E_TAG_EXISTS',
    suggestions: ['Pick the next version (llmops release --list shows the releases).'],
  })
}

/**
 * main must bring something, and by default stable must be in main's history so the release is
 * a fast-forward: stable then holds exactly what was tested on main.
 */
export function checkAhead(options: {ahead: number; behind: number; merge: boolean; from: string; branch: string; remote: string}): void {
  const {ahead, behind, merge, from, branch, remote} = options
  if (ahead === 0)
    throw invalidTarget(`${remote}/${from} is not ahead of ${remote}/${branch}: there is nothing to release`, [`Merge the work into ${from} first.`])
  if (behind > 0 && !merge) {
    throw invalidTarget(`${remote}/${branch} has ${behind} commit(s) that are not on ${remote}/${from} (hotfixes?), so it cannot be fast-forwarded`, [
      `Merge ${branch} into ${from} first (preferred: ${from} then holds everything), or pass --merge to create a merge commit on ${branch}.`,
    ])
  }
}

/** Releases are not required to increase, but a version below the highest one is worth a warning. */
export function versionWarnings(semver: SemVer, tag: string, highest: Release | undefined): string[] {
  if (!highest || compareSemVer(semver, highest.version) > 0) return []
  return [`${tag} is not above the highest existing release ${highest.name}`]
}

/** `previous:` names the release the branch was at before: rollback's default target. */
export function releaseMessage(options: {tag: string; from: string; branch: string; mode: string; previous: string | null; who: string; at: string}): string {
  const {tag, from, branch, mode, previous, who, at} = options
  return [`Release ${tag}`, '', `branch: ${branch}`, `from: ${from}`, `mode: ${mode}`, `previous: ${previous ?? 'none'}`, `by: ${who}`, `at: ${at}`, ''].join(
    '\n',
  )
}

export function mergeMessage(from: string, branch: string, tag: string): string {
  return `Merge branch '${from}' into ${branch} for release ${tag}`
}
