/**
 * The typed results of `llmops release`; what `--json` prints (add fields, never rename).
 */
import type {CommitInfo, CommitView, LocalOutcome, LocalPlan, PushPlan} from '../branch/types.js'

export interface ReleasePlan {
  version: string
  /** The annotated tag to create: `v` + version. */
  tag: string
  remote: string
  /** The release branch that moves (stable). */
  branch: string
  /** The branch whose head is released (main). */
  from_branch: string
  mode: 'fast-forward' | 'merge'
  /** The release branch's head now (the push lease). */
  current: CommitView
  /** The head of the source branch. */
  source: CommitView
  /** The new head of the release branch: the source head, or the merge commit made for the release. */
  new_head: string
  /** Commits the release brings to the branch, newest first. */
  commits: CommitInfo[]
  push: PushPlan
  local: LocalPlan
  who: string
  created_at: string
  warnings: string[]
}

export interface ReleaseResult extends ReleasePlan {
  status: 'dry_run' | 'done'
  local_outcome?: LocalOutcome
}

export interface ReleaseEntry {
  tag: string
  sha: string
  /** Tag date (annotated tags) or commit date, ISO 8601. */
  date: string
  current: boolean
}

export interface ReleaseList {
  remote: string
  branch: string
  head: string
  /** The highest release in the branch's history: what `rollback` calls "the one it is at". */
  current: string | null
  releases: ReleaseEntry[]
}
