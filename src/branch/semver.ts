/**
 * Semantic versioning (semver.org): parsing a version and ordering two of them by precedence.
 * Pure; what a release tag is (`v` + a version) is release-tags.ts.
 */

export interface SemVer {
  major: number
  minor: number
  patch: number
  prerelease: string[]
  build: string
}

// semver.org's regular expression, anchored, without the capture names.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export function parseSemVer(text: string): SemVer | null {
  const match = SEMVER.exec(text)
  if (!match) return null
  return {major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [], build: match[5] ?? ''}
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
