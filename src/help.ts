/**
 * The root `llmops --help`: oclif's (description, usage, topics, commands), then examples of the
 * first commands a new user runs and where the documentation is. Loaded by oclif only when help
 * is shown (package.json `oclif.helpClass`).
 */
import {Help} from '@oclif/core'

import {DOCS_URL, docUrl} from './project.js'

const EXAMPLES: Array<[string, string[]]> = [
  ['Scan a log file for PII, secrets and errors', ['monitor logs.jsonl --format summary']],
  ['Fail a CI step on what a branch adds to the logs', ['monitor --changed-since origin/main --fail-on pii,secret']],
  ['Set up a repository: config, ignore file, pull-request gate', ['init --email-domain example.com']],
  ['Release main to stable as v1.4.0, roll back (plan first)', ['release 1.4.0 --dry-run', 'rollback --dry-run']],
  ['Help for one command (-h works too), shell completion', ['monitor --help', 'autocomplete']],
]

export default class LlmopsHelp extends Help {
  override async showRootHelp(): Promise<void> {
    await super.showRootHelp()
    const {bin} = this.config
    this.log(this.section('EXAMPLES', EXAMPLES.map(([what, commands]) => [what, ...commands.map((c) => `  $ ${bin} ${c}`)].join('\n')).join('\n\n')))
    this.log('')
    this.log(this.section('DOCUMENTATION', [DOCS_URL, `The PII gate in your repository: ${docUrl('gate.md')}`].join('\n')))
    this.log('')
  }
}
