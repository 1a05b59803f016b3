/**
 * The typed pieces that the plans and results of release and rollback share: a commit as a plan
 * shows it, what happens to the local branch, and the push. They are part of what `--json`
 * prints, so their field names are a contract with users' scripts: add fields, never rename.
 */
import type {CommitInfo} from '../git/index.js'

export type {CommitInfo} from '../git/index.js'

/** A commit as the plan shows it. */
export interface CommitView extends CommitInfo {
  /** Release tags pointing exactly at this commit, newest version first. */
  tags: string[]
  /** The highest release tag in this commit's history (at it or before it), if any. */
  release: string | null
  /** `v1.3.0`, `v1.3.0+2` (two commits after v1.3.0) or the short sha when no release precedes it. */
  label: string
}

/** What happens to the user's own copy of the branch after the push. */
export interface LocalPlan {
  branch: string
  /** move: the local branch follows the remote; skip: left alone (see `why`). */
  action: 'move' | 'skip'
  why: string
  /** The local branch is the one checked out (it is then moved with `git reset --keep`). */
  checked_out: boolean
  /** Where the local branch points now; null if there is none. */
  sha: string | null
}

export interface LocalOutcome {
  action: 'moved' | 'skipped' | 'failed'
  message: string
}

export interface PushPlan {
  /** The exact arguments given to git. */
  args: string[]
  /** The same, as a command line to read or to run by hand. */
  command: string
}
