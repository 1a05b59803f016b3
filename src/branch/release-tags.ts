/**
 * What a release tag is: `v` + a semantic version (v1.4.0, v2.0.0-rc.1). Release creates them,
 * rollback chooses among them, and both show where a commit stands relative to them.
 */
import {parseSemVer, type SemVer} from './semver.js'

/** Release tags are `v` + semantic version, e.g. v1.4.0 or v2.0.0-rc.1. */
export function releaseVersion(tag: string): SemVer | null {
  return tag.startsWith('v') ? parseSemVer(tag.slice(1)) : null
}
