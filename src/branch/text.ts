/**
 * Text pieces that the views of release and rollback (release/text.ts, rollback/text.ts) share:
 * ages, short shas, commit lists and counts, the plan's footer (push, local branch, who,
 * warnings), the dry-run note, the local outcome and the Markdown of a job summary. Pure text, no
 * colour; everything that comes from git goes through `cell`, so a commit message cannot move the
 * cursor.
 */
import {cell, markdownCell} from '../text/printable.js'
import type {CommitInfo, LocalOutcome, LocalPlan, PushPlan} from './types.js'

/** "5 minutes ago", relative to `now` (the plan's time, so the output is reproducible). */
export function age(iso: string, now: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000))
  if (Number.isNaN(seconds)) return 'unknown age'
  const units: Array<[number, string]> = [
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ]
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

/** One line of a plan's footer: a label and its value. */
export type Field = readonly [label: string, value: string]

/**
 * How both plans end: their own fields around the shared ones (the exact push, what happens to
 * the local branch, who), then the warnings. Labels are padded so the values line up.
 */
export function planFooter(
  plan: {push: PushPlan; local: LocalPlan; who: string; warnings: readonly string[]},
  own: {before: Field[]; after: Field[]},
): string[] {
  const fields: Field[] = [
    ...own.before,
    ['Push', plan.push.command],
    ['Local', plan.local.action === 'move' ? `${plan.local.branch} follows (${plan.local.why})` : `not changed: ${plan.local.why}`],
    ['By', cell(plan.who, 120)],
    ...own.after,
  ]
  return [...fields.map(([label, value]) => `  ${label.padEnd(12)}${value}`), ...plan.warnings.map((warning) => `  Warning: ${cell(warning, 200)}`)]
}

/** What a dry run prints after the plan; `tag` is what --confirm must be. */
export function dryRunNote(tag: string): string {
  return `\nDry run: nothing was changed. To do it, run the same command without --dry-run (in a script, add --confirm ${tag}).\n`
}

/** What happened to the local branch, as a line of the result (none before it was moved). */
export function localOutcomeLines(outcome: LocalOutcome | undefined): string[] {
  return outcome ? [`  ${cell(outcome.message, 300)}`] : []
}

/** A value in a job summary: bounded, no table breaks, no code spans. */
export const md = (text: string): string => markdownCell(text, 200)

/** Commits in a job summary, at most 50. */
export function mdCommitList(commits: readonly CommitInfo[]): string[] {
  return commits.slice(0, 50).map((c) => `- \`${short(c.sha)}\` ${md(c.subject)}`)
}
