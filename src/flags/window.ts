import {Flags} from '@oclif/core'

import {parseWhen} from '../config/values.js'
import {usageError} from '../errors.js'

/** --since and --until on record times (the forms `feedback list` takes). */
export const windowFlags = {
  since: Flags.string({
    helpGroup: 'WINDOW',
    helpValue: 'WHEN',
    description:
      'only records whose own time is at or after this: 2026-11-01, an ISO time (no zone: UTC), or 24h, 7d, 2w ago; records without a time are left out and counted',
  }),
  until: Flags.string({helpGroup: 'WINDOW', helpValue: 'WHEN', description: 'only records whose own time is before this (same forms as --since)'}),
}

export type Window = {since: Date | undefined; until: Date | undefined}

/** The window the flags give, or undefined without either flag; an empty window is refused. */
export function windowOf(flags: {since?: string | undefined; until?: string | undefined}, now = new Date()): Window | undefined {
  if (flags.since === undefined && flags.until === undefined) return undefined
  const since = flags.since === undefined ? undefined : parseWhen(flags.since, '--since', now)
  const until = flags.until === undefined ? undefined : parseWhen(flags.until, '--until', now)
  if (since !== undefined && until !== undefined && since.getTime() >= until.getTime()) {
    throw usageError(`--since ${since.toISOString()} is not before --until ${until.toISOString()}: the window is empty`, 'E_USAGE')
  }

  return {since, until}
}
