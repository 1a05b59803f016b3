/**
 * Human output of rollback: the plan (what will happen, before anyone confirms), the result and
 * the list of past rollbacks. Pure text, no colour. Everything that comes from git (subjects,
 * names, reasons) goes through `cell`, so a commit message cannot move the cursor.
 */
import {age, commitList, count, dryRunNote, localOutcomeLines, md, mdCommitList, planFooter, short} from '../branch/text.js'
import type {CommitView} from '../branch/types.js'
import {cell} from '../text/printable.js'
import type {BackupList, RollbackPlan, RollbackResult} from './types.js'

function headLine(name: string, view: CommitView, now: string): string {
  return `  ${name.padEnd(7)} ${short(view.sha)}  ${cell(view.label, 30)}  ${age(view.date, now)}  "${cell(view.subject, 60)}"`
}

export function formatRollbackPlan(plan: RollbackPlan): string {
  const now = plan.created_at
  const where = `${plan.remote}/${plan.branch}`
  const title = plan.kind === 'undo' ? `Undo of a rollback of ${where}, back to backup ${plan.target.tag}` : `Rollback of ${where} to ${cell(plan.target.tag)}`
  const chosen = plan.target.by_default ? (plan.kind === 'undo' ? '  (latest backup, chosen by default)' : '  (previous release, chosen by default)') : ''
  const lines = [title, '', headLine('now', plan.current, now), headLine('target', plan.target, now) + chosen, '']

  if (plan.discarded.length > 0) lines.push(`  ${count(plan.discarded.length, 'commit')} will no longer be on ${where}:`, ...commitList(plan.discarded, now))
  else lines.push(`  No commit will be removed from ${where}.`)
  if (plan.restored.length > 0) lines.push(`  ${count(plan.restored.length, 'commit')} will be back on ${where}:`, ...commitList(plan.restored, now))
  if (plan.releases_removed.length > 0) lines.push(`  Releases no longer on ${where}: ${plan.releases_removed.map((t) => cell(t)).join(', ')}`)
  if (plan.releases_restored.length > 0) lines.push(`  Releases back on ${where}: ${plan.releases_restored.map((t) => cell(t)).join(', ')}`)

  lines.push(
    '',
    ...planFooter(plan, {
      before: [['Backup tag', `${plan.backup_tag} on ${short(plan.current.sha)} (the current head), pushed with the branch`]],
      after: [
        ['Reason', plan.reason === null ? '(none: add --reason "...")' : cell(plan.reason, 200)],
        ['Undo', plan.undo_command],
      ],
    }),
  )
  return lines.join('\n') + '\n'
}

export function formatRollbackResult(result: RollbackResult): string {
  if (result.status === 'dry_run') return dryRunNote(result.target.tag)

  const where = `${result.remote}/${result.branch}`
  const lines = [
    '',
    `Done: ${where} is now at ${short(result.target.sha)} (${cell(result.target.label)}); it was at ${short(result.current.sha)} (${cell(result.current.label)}).`,
    `  Backup tag ${result.backup_tag} is on ${result.remote}.`,
  ]
  lines.push(...localOutcomeLines(result.local_outcome), `Redeploy from ${result.branch} now. To undo: ${result.undo_command}`)
  return lines.join('\n') + '\n'
}

export function formatBackupList(list: BackupList): string {
  const where = `${list.remote}/${list.branch}`
  const lines = list.warnings.map((w) => `Warning: ${cell(w, 300)}`)
  if (list.rollbacks.length === 0) return [...lines, `No rollback of ${where} recorded (no llmops/backup/ tags for it).`].join('\n') + '\n'
  lines.push(`Rollbacks of ${where}, newest first:`)
  for (const entry of list.rollbacks) {
    lines.push(
      '',
      `  ${cell(entry.at, 25)}  ${entry.kind.padEnd(8)}  ${cell(entry.from.label, 30)} (${short(entry.from.sha)}) -> ${cell(entry.to.label, 60)} (${short(entry.to.sha)})`,
      `      by      ${cell(entry.by, 120)}`,
      `      reason  ${entry.reason === null ? '-' : cell(entry.reason, 200)}`,
      `      backup  ${cell(entry.backup_tag, 120)}  (undo: llmops rollback --undo ${cell(entry.backup_tag, 120)})`,
    )
  }

  return lines.join('\n') + '\n'
}

/** Markdown for a GitHub Actions job summary. */
export function rollbackMarkdown(result: RollbackResult): string {
  const done = result.status === 'done'
  const lines = [
    `### llmops ${result.kind}${done ? '' : ' (dry run)'}: ${md(result.remote)}/${md(result.branch)}`,
    '',
    '| | commit | release |',
    '|---|---|---|',
    `| from | \`${short(result.current.sha)}\` | ${md(result.current.label)} |`,
    `| to | \`${short(result.target.sha)}\` | ${md(result.target.label)} |`,
    '',
    `- Backup tag: \`${md(result.backup_tag)}\`${done ? '' : ' (not created: dry run)'}`,
    `- By: ${md(result.who)}`,
    `- Reason: ${result.reason === null ? 'none given' : md(result.reason)}`,
    `- Undo: \`${md(result.undo_command)}\``,
  ]
  if (result.discarded.length > 0) lines.push('', `Commits removed from the branch (${result.discarded.length}):`, '', ...mdCommitList(result.discarded))
  return lines.join('\n') + '\n'
}
