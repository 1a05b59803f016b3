/**
 * What a release tag is: `v` + a semantic version (v1.4.0, v2.0.0-rc.1). Release creates them,
 * rollback chooses among them, and both show where a commit stands relative to them.
 */
import type {TagRef} from '../git/index.js'
import {compareSemVer, parseSemVer, type SemVer} from './semver.js'

/** A release tag with its version. */
export interface Release extends TagRef {
  version: SemVer
}

/** Release tags are `v` + semantic version, e.g. v1.4.0 or v2.0.0-rc.1. */
export function releaseVersion(tag: string): SemVer | null {
  return tag.startsWith('v') ? parseSemVer(tag.slice(1)) : null
}

/** Release tags (v + semver) among `tags`, highest version first. */
export function releasesNewestFirst(tags: readonly TagRef[]): Release[] {
  const releases: Release[] = []
  for (const tag of tags) {
    const version = releaseVersion(tag.name)
    if (version) releases.push({...tag, version})
  }

  return releases.sort((a, b) => compareSemVer(b.version, a.version))
}
