/**
 * Text pieces that the views of release and rollback (release/text.ts, rollback/text.ts) share:
 * ages, short shas, commit lists and counts. Pure text, no colour; everything that comes from git
 * goes through `cell`, so a commit message cannot move the cursor.
 */
import {cell} from '../report/summary-text.js'
import type {CommitInfo} from './types.js'

/** "5 minutes ago", relative to `now` (the plan's time, so the output is reproducible). */
export function age(iso: string, now: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000))
  if (Number.isNaN(seconds)) return 'unknown age'
  const units: Array<[number, string]> = [[86_400, 'day'], [3600, 'hour'], [60, 'minute']]
  for (const [size, unit] of units) {
    const n = Math.floor(seconds / size)
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`
  }

  return 'just now'
}

/** The short sha shown everywhere: 7 hex digits. */
export const short = (sha: string): string => sha.slice(0, 7)

export function commitLine(commit: CommitInfo, now: string): string {
  return `${short(commit.sha)}  ${cell(commit.subject, 72)}  (${cell(commit.author, 30)}, ${age(commit.date, now)})`
}

/** At most `max` commits, then a count of the rest: a plan must fit on a screen. */
export function commitList(commits: readonly CommitInfo[], now: string, max = 15): string[] {
  const lines = commits.slice(0, max).map((c) => `    ${commitLine(c, now)}`)
  if (commits.length > max) lines.push(`    ... and ${commits.length - max} more (--json lists them all)`)
  return lines
}

/** `1 commit`, `3 commits`. */
export const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
