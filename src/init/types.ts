/**
 * The typed pieces of `llmops init`: what it is asked to set up, and what it did. The result is
 * what `--json` prints, so its field names are a contract with users' scripts: add fields, never
 * rename.
 */

export const RUNNERS = ['action', 'npx'] as const
export type Runner = (typeof RUNNERS)[number]

export interface InitOptions {
  /** The organisation's own e-mail domains: allowlisted, never reported. */
  emailDomains: string[]
  /** Its support numbers, as the logs write them. */
  supportPhones: string[]
  /** Which files are chatbot logs (gate.paths). */
  logs: string[]
  /** How the workflow runs the gate: the published Action, or the CLI from npm. */
  runner: Runner
  /** `OWNER/REPO@REF` of the Action. */
  actionRef: string
  /** The npm version the workflow runs with `npx llmops@<version>`. */
  npmVersion: string
}

/** What happened (or, in a dry run, would happen) to one file. */
export type FileStatus = 'created' | 'overwritten' | 'unchanged' | 'would_create' | 'would_overwrite' | 'differs'

export interface FileOutcome {
  /** From the repository root, with forward slashes. */
  path: string
  status: FileStatus
}

/** What happened to the release branch on the remote (--create-stable). */
export interface StableOutcome {
  remote: string
  branch: string
  from_branch: string
  status: 'created' | 'exists' | 'would_create' | 'not_requested'
  /** Where the branch points (created or found); null when not requested. */
  sha: string | null
}

export interface InitResult {
  /** The repository root the files were written to. */
  root: string
  dry_run: boolean
  files: FileOutcome[]
  stable: StableOutcome
  /** Whether anything was (or, in a dry run, would be) changed. */
  changed: boolean
}
