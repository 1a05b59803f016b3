/**
 * Past rollbacks, read from their backup tags: the tags are the audit log, shared through the
 * remote, so a colleague's rollback shows up here too.
 */
import {BACKUP_PREFIX} from '../branch/backup-tag.js'
import {checkNames} from '../branch/ref-names.js'
import {requireRepository} from '../branch/workspace.js'
import {firstLines, type Git} from '../git/index.js'
import {parseBackupMessage} from './backup-message.js'
import type {BackupEntry, BackupList} from './types.js'

/** Every llmops backup tag known locally, newest first. */
export async function readBackups(git: Git): Promise<BackupEntry[]> {
  const entries: BackupEntry[] = []
  for (const tag of await git.tags({prefix: BACKUP_PREFIX})) {
    if (!tag.annotated) continue
    const entry = parseBackupMessage(tag.name, tag.message)
    if (entry) entries.push({...entry, at: entry.at || tag.date})
  }

  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.backup_tag.localeCompare(a.backup_tag))
}

/** Fetches the remote's backup tags (best effort: offline, the local ones are shown) and lists them. */
export async function listRollbacks(git: Git, options: {remote: string; branch: string}): Promise<BackupList> {
  await checkNames(git, [
    {flag: '--branch', kind: 'branch', value: options.branch},
    {flag: '--remote', kind: 'remote', value: options.remote},
  ])
  await requireRepository(git)

  const warnings: string[] = []
  const fetched = (await git.remotes()).includes(options.remote)
    ? await git.fetch(options.remote, [`refs/tags/${BACKUP_PREFIX}*:refs/tags/${BACKUP_PREFIX}*`])
    : {exitCode: 1, stderr: `there is no remote named "${options.remote}"`, stdout: ''}
  if (fetched.exitCode !== 0) warnings.push(`could not fetch backup tags from ${options.remote} (${firstLines(fetched.stderr)}): showing local ones only`)

  const rollbacks = (await readBackups(git)).filter((entry) => entry.branch === options.branch)
  return {remote: options.remote, branch: options.branch, rollbacks, warnings}
}
