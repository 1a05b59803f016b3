import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {ExitCode, usageError} from '../errors.js'
import type {ReleaseList, ReleaseResult} from '../release/types.js'

export default class Release extends BaseCommand {
  static override summary = 'Release main to stable: fast-forward (or merge) and tag vVERSION, in one atomic push.'

  static override description = `stable only moves when a version is ready: this command merges main into stable (a fast-forward by default, --merge for a merge commit) and creates the annotated tag v<VERSION>, the tags that \`llmops rollback\` chooses from.

It makes the same checks as rollback (valid names, a branch checked out, nothing in progress, a clean tree, full history, remote heads confirmed with ls-remote), requires main to be ahead of stable and refuses a version that is not semantic versioning or a tag that already exists. It prints the plan; you confirm by typing the tag (or --confirm v<VERSION>); branch and tag are then pushed atomically with --force-with-lease on the stable head shown in the plan.

--list shows the release tags in stable's history with their dates, the current one marked.

${BaseCommand.exitCodesHelp(ExitCode.PRECONDITION, ExitCode.INVALID_TARGET, ExitCode.REMOTE_MOVED, ExitCode.NOT_CONFIRMED, ExitCode.PUSH_REFUSED)}`

  static override usage = [
    '<%= command.id %> VERSION [--merge] [--dry-run] [--confirm TAG] [--branch BRANCH] [--from BRANCH] [--remote REMOTE] [--no-local] [--json]',
    '<%= command.id %> --list [--branch BRANCH] [--remote REMOTE] [--json]',
  ]

  static override examples = [
    {description: 'See what releasing 1.4.0 would do (changes nothing)', command: '<%= config.bin %> <%= command.id %> 1.4.0 --dry-run'},
    {description: 'Release 1.4.0; you confirm by typing v1.4.0', command: '<%= config.bin %> <%= command.id %> 1.4.0'},
    {description: 'In CI: confirm on the command line, JSON result', command: '<%= config.bin %> <%= command.id %> 1.4.0 --confirm v1.4.0 --json'},
    {description: 'stable has hotfixes main lacks: release with a merge commit', command: '<%= config.bin %> <%= command.id %> 1.4.1 --merge'},
    {description: 'Show the releases on stable, the current one marked', command: '<%= config.bin %> <%= command.id %> --list'},
  ]

  static override args = {
    version: Args.string({ignoreStdin: true, description: 'semantic version to release, e.g. 1.4.0 (the tag is v1.4.0)'}),
  }

  static override flags = {
    branch: Flags.string({default: 'stable', helpValue: 'BRANCH', description: 'the release branch that moves'}),
    from: Flags.string({default: 'main', helpValue: 'BRANCH', description: 'the branch whose head is released'}),
    remote: Flags.string({default: 'origin', helpValue: 'REMOTE', description: 'the remote that holds both'}),
    merge: Flags.boolean({description: 'create a merge commit on the release branch instead of fast-forwarding'}),
    'dry-run': Flags.boolean({description: 'print the plan and stop: nothing is changed (exit 0)'}),
    confirm: Flags.string({
      helpValue: 'TAG',
      description: 'consent without a prompt: must equal the new tag, e.g. v1.4.0 (required without a terminal and with --json)',
    }),
    local: Flags.boolean({allowNo: true, default: true, description: 'move your local release branch too; --no-local updates only the remote'}),
    list: Flags.boolean({description: 'show the release tags on --branch, the current one marked', exclusive: ['from', 'merge', 'dry-run', 'confirm']}),
  }

  async run(): Promise<ReleaseList | ReleaseResult> {
    const {args, flags} = await this.parse(Release)
    const json = this.jsonEnabled()
    const {runRelease, runReleaseList} = await import('../release/index.js')
    const {commandIo} = await import('../branch/command-io.js')
    const io = commandIo(json)
    if (flags.list) {
      if (args.version !== undefined) throw usageError('--list takes no VERSION')
      return runReleaseList({branch: flags.branch, remote: flags.remote}, io)
    }

    if (args.version === undefined)
      throw usageError('missing VERSION, e.g. llmops release 1.4.0 (or --list)', 'E_USAGE', ['llmops release --list shows the existing releases.'])
    return runRelease(
      {
        version: args.version,
        branch: flags.branch,
        from: flags.from,
        remote: flags.remote,
        merge: flags.merge,
        local: flags.local,
        dryRun: flags['dry-run'],
        confirm: flags.confirm,
      },
      io,
    )
  }
}
