/**
 * How backup tags are named: every one under `llmops/backup/`, then the branch and the time of
 * the plan, so they sort by time and can be fetched and listed by prefix.
 */
import {isoSeconds} from './time.js'

export const BACKUP_PREFIX = 'llmops/backup/'

/** `llmops/backup/stable-20261127T140257Z`, with a counter if that name is taken. */
export function backupTagName(branch: string, now: Date, taken: ReadonlySet<string>): string {
  const stamp = isoSeconds(now).replaceAll(/[-:]/g, '')
  const base = `${BACKUP_PREFIX}${branch}-${stamp}`
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
  return name
}
