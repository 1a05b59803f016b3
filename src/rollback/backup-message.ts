/**
 * The message of a backup tag is the audit record of a rollback: who, when, from, to, why.
 * `key: value` lines, so that people can read it with `git show` and `--list` can parse it back.
 */
import type {BackupEntry} from './types.js'

/** What a backup tag's message records: a BackupEntry without the tag's own name. */
export type BackupRecord = Omit<BackupEntry, 'backup_tag'>

export function formatBackupMessage(record: BackupRecord): string {
  return [
    `llmops ${record.kind}: ${record.remote}/${record.branch} ${record.from.label} -> ${record.to.label}`,
    '',
    `kind: ${record.kind}`,
    `branch: ${record.branch}`,
    `remote: ${record.remote}`,
    `from: ${record.from.sha} ${record.from.label}`,
    `to: ${record.to.sha} ${record.to.label}`,
    `by: ${record.by}`,
    `at: ${record.at}`,
    `reason: ${record.reason ?? '(none given)'}`,
    '',
  ].join('\n')
}

/** Reads a backup tag back; null when the message is not one of ours (someone else's tag). */
export function parseBackupMessage(tag: string, message: string): BackupEntry | null {
  const fields = new Map<string, string>()
  for (const line of message.split('\n')) {
    const match = /^([a-z]+): (.*)$/.exec(line)
    if (match?.[1] && match[2] !== undefined && !fields.has(match[1])) fields.set(match[1], match[2])
  }

  const sha = (value: string | undefined) => {
    const [hex = '', ...rest] = (value ?? '').split(' ')
    return /^[0-9a-f]{40,64}$/.test(hex) ? {sha: hex, label: rest.join(' ') || hex.slice(0, 7)} : null
  }

  const from = sha(fields.get('from'))
  const to = sha(fields.get('to'))
  const kind = fields.get('kind')
  const branch = fields.get('branch')
  if (!from || !to || !branch || (kind !== 'rollback' && kind !== 'undo')) return null
  const reason = fields.get('reason')
  return {
    backup_tag: tag,
    kind,
    branch,
    remote: fields.get('remote') ?? '',
    from,
    to,
    by: fields.get('by') ?? '',
    at: fields.get('at') ?? '',
    reason: reason === undefined || reason === '(none given)' ? null : reason,
  }
}
