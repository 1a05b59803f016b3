/**
 * Human output of release: the plan, the result and the list of releases. Pure text, no colour;
 * everything that comes from git goes through `cell`.
 */
import {age, commitList, count, dryRunNote, localOutcomeLines, md, mdCommitList, planFooter, short} from '../branch/text.js'
import {cell} from '../text/printable.js'
import type {ReleaseList, ReleasePlan, ReleaseResult} from './types.js'

export function formatReleasePlan(plan: ReleasePlan): string {
  const now = plan.created_at
  const where = `${plan.remote}/${plan.branch}`
  const how =
    plan.mode === 'merge' ? `merge commit ${short(plan.new_head)} (${plan.from_branch} merged into ${plan.branch})` : `fast-forward to ${short(plan.new_head)}`
  const lines = [
    `Release ${cell(plan.tag)}: ${plan.remote}/${plan.from_branch} -> ${where}`,
    '',
    `  ${plan.branch.padEnd(8)} ${short(plan.current.sha)}  ${cell(plan.current.label, 30)}  ${age(plan.current.date, now)}  "${cell(plan.current.subject, 60)}"`,
    `  ${plan.from_branch.padEnd(8)} ${short(plan.source.sha)}  ${age(plan.source.date, now)}  "${cell(plan.source.subject, 60)}"`,
    '',
    `  ${count(plan.commits.length, 'commit')} will be released:`,
    ...commitList(plan.commits, now),
    '',
    ...planFooter(plan, {
      before: [
        ['New head', how],
        ['Tag', `${cell(plan.tag)} (annotated) on ${short(plan.new_head)}`],
      ],
      after: [
        [
          'Roll back',
          plan.current.release === null ? 'llmops rollback --to <tag>' : `llmops rollback (back to ${cell(plan.current.release)}, recorded in the tag)`,
        ],
      ],
    }),
  ]
  return lines.join('\n') + '\n'
}

export function formatReleaseResult(result: ReleaseResult): string {
  if (result.status === 'dry_run') return dryRunNote(result.tag)

  const lines = [
    '',
    `Released ${cell(result.tag)}: ${result.remote}/${result.branch} is now at ${short(result.new_head)} (was ${short(result.current.sha)}).`,
    ...localOutcomeLines(result.local_outcome),
  ]
  const back = result.current.release === null ? '' : ` (back to ${cell(result.current.release)})`
  lines.push(`Deploy from ${result.branch} now. If it goes wrong: llmops rollback --branch ${result.branch} --remote ${result.remote}${back}`)
  return lines.join('\n') + '\n'
}

export function formatReleaseList(list: ReleaseList): string {
  const where = `${list.remote}/${list.branch}`
  if (list.releases.length === 0) return `No release tag (v1.2.3) in the history of ${where} (head ${short(list.head)}).\n`
  const lines = [`Releases in the history of ${where} (head ${short(list.head)}), highest first:`]
  for (const release of list.releases) {
    lines.push(
      `  ${release.current ? '*' : ' '} ${cell(release.tag, 30).padEnd(14)} ${short(release.sha)}  ${cell(release.date, 25)}${release.current ? '  (current)' : ''}`,
    )
  }

  return lines.join('\n') + '\n'
}

export function releaseMarkdown(result: ReleaseResult): string {
  const lines = [
    `### llmops release ${md(result.tag)}${result.status === 'done' ? '' : ' (dry run)'}: ${md(result.remote)}/${md(result.branch)}`,
    '',
    `- ${md(result.branch)}: \`${short(result.current.sha)}\` -> \`${short(result.new_head)}\` (${result.mode})`,
    `- By: ${md(result.who)}`,
    '',
    `Commits released (${result.commits.length}):`,
    '',
    ...mdCommitList(result.commits),
  ]
  return lines.join('\n') + '\n'
}
