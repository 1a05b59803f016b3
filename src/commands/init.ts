import {Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {ExitCode} from '../errors.js'
import type {InitResult} from '../init/types.js'
import {DEFAULT_ACTION_REF} from '../project.js'

export default class Init extends BaseCommand {
  static override summary = 'Set up a repository for the PII gate: .llmops.json, .llmopsignore and a pull-request workflow.'

  static override description = `Writes three files at the root of the git repository: .llmops.json (the allowlist of your organisation's own e-mail domains and support numbers, and which files are chatbot logs), .llmopsignore (accepted findings: none yet, only comments) and .github/workflows/pii-gate.yml (the gate on every pull request, with the published Action at --action-ref, default ${DEFAULT_ACTION_REF}, or with npx llmops@<version> for --runner npx).

The allowlist comes from --email-domain and --support-phone; in a terminal without them, init asks. Running init again changes nothing and says so. A file that exists with other content is never overwritten without --force (exit 3, nothing written); --dry-run prints what would be written.

--create-stable also creates the release branch (stable) on the remote from the head of main, so that the first "llmops release" has somewhere to go. Like a release, it shows the plan and asks you to type the branch name (or --confirm stable); it pushes only if the branch still does not exist.

${BaseCommand.exitCodesHelp(ExitCode.PRECONDITION, ExitCode.INVALID_TARGET, ExitCode.REMOTE_MOVED, ExitCode.NOT_CONFIRMED, ExitCode.PUSH_REFUSED)}`

  static override examples = [
    {
      description: 'Allow your own support address domain and phone number',
      command: '<%= config.bin %> <%= command.id %> --email-domain example.com --support-phone 555-0100',
    },
    {description: 'See what would be written (changes nothing)', command: '<%= config.bin %> <%= command.id %> --email-domain example.com --dry-run'},
    {description: 'Run the gate with the CLI from npm instead of the Action', command: '<%= config.bin %> <%= command.id %> --runner npx --npm-version 1.2.3'},
    {description: 'Pin the Action to an exact release', command: `<%= config.bin %> <%= command.id %> --action-ref ${DEFAULT_ACTION_REF}.2.3`},
    {description: 'Also create origin/stable from origin/main (you type "stable" to confirm)', command: '<%= config.bin %> <%= command.id %> --create-stable'},
  ]

  static override flags = {
    'email-domain': Flags.string({
      multiple: true,
      helpValue: 'DOMAIN',
      description: "your organisation's own e-mail domain (allowlisted); repeat or comma-separate",
    }),
    'support-phone': Flags.string({
      multiple: true,
      helpValue: 'NUMBER',
      description: 'a public support number, as the logs write it (allowlisted); repeat or comma-separate',
    }),
    logs: Flags.string({multiple: true, helpValue: 'GLOB', description: 'which files are chatbot logs for the gate [default: **/*.jsonl, **/*.jsonl.gz]'}),
    runner: Flags.string({
      options: ['action', 'npx'],
      default: 'action',
      description: 'how the workflow runs the gate: the published Action, or npx llmops@<version>',
    }),
    'action-ref': Flags.string({
      helpValue: 'OWNER/REPO@VERSION',
      description: `the Action the workflow uses [default: ${DEFAULT_ACTION_REF}, the moving major tag]`,
    }),
    'npm-version': Flags.string({helpValue: 'VERSION', description: 'the llmops version for --runner npx [default: this one]'}),
    force: Flags.boolean({description: 'overwrite files that exist with other content'}),
    'dry-run': Flags.boolean({description: 'print what would be written and stop: nothing is changed (exit 0)'}),
    'create-stable': Flags.boolean({description: 'also create the release branch on the remote from --from, if it does not exist (asks first)'}),
    confirm: Flags.string({
      helpValue: 'BRANCH',
      description: 'consent to --create-stable without a prompt: the branch name (required without a terminal and with --json)',
    }),
    branch: Flags.string({default: 'stable', helpValue: 'BRANCH', description: 'the release branch --create-stable creates'}),
    from: Flags.string({default: 'main', helpValue: 'BRANCH', description: 'the branch it starts from'}),
    remote: Flags.string({default: 'origin', helpValue: 'REMOTE', description: 'the remote that holds both'}),
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const json = this.jsonEnabled()
    const {initFromCli} = await import('../init/cli.js')
    return initFromCli(flags, {json, version: this.config.version})
  }
}
