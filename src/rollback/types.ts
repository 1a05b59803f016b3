/**
 * The typed results of rollback: the plan, the result and the list of past rollbacks. These
 * objects are what `--json` prints, so their field names are a contract with users' scripts: add
 * fields, never rename. The pieces shared with release are in branch/types.ts.
 */
import type {CommitInfo, CommitView, LocalOutcome, LocalPlan, PushPlan} from '../branch/types.js'

export interface RollbackPlan {
  kind: 'rollback' | 'undo'
  remote: string
  branch: string
  /** The remote branch's head as seen by fetch and confirmed by ls-remote: the push lease. */
  current: CommitView
  target: CommitView & {
    /** The tag the user confirms: a release tag, or the backup tag for --undo. */
    tag: string
    by_default: boolean
  }
  /** Commits on the branch now that will no longer be, newest first. */
  discarded: CommitInfo[]
  /** Commits that come back (--undo), newest first. */
  restored: CommitInfo[]
  releases_removed: string[]
  releases_restored: string[]
  /** Annotated tag of the current head, pushed together with the branch: the way back. */
  backup_tag: string
  push: PushPlan
  undo_command: string
  local: LocalPlan
  /** `Name <email>` recorded in the backup tag, plus the GitHub actor under Actions. */
  who: string
  reason: string | null
  /** When the plan was made (UTC); also the backup tag's timestamp. */
  created_at: string
  warnings: string[]
  /**
   * --undo: whether the backup's commit is known to have been the branch's head (on the
   * development branch, or seen there by this clone), and how; an unverified backup is only
   * restored when named and confirmed.
   */
  verification?: {verified: boolean; detail: string}
}

export interface RollbackResult extends RollbackPlan {
  status: 'dry_run' | 'done'
  /** Set once executed: what happened to the local branch. */
  local_outcome?: LocalOutcome
}

/** One past rollback, read back from its backup tag. */
export interface BackupEntry {
  backup_tag: string
  kind: 'rollback' | 'undo'
  branch: string
  remote: string
  /** The head before the rollback (the commit the backup tag points at). */
  from: {sha: string; label: string}
  to: {sha: string; label: string}
  by: string
  at: string
  reason: string | null
}

export interface BackupList {
  remote: string
  branch: string
  rollbacks: BackupEntry[]
  warnings: string[]
}
