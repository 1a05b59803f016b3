import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {ExitCode, usageError} from '../errors.js'
import type {BackupList, RollbackResult} from '../rollback/types.js'

export default class Rollback extends BaseCommand {
  static override summary = 'Reset a release branch (stable) to an earlier release tag, safely and reversibly.'

  static override description = `Goes back to the previous release by default. Before changing anything it checks the repository (a branch checked out, no merge or rebase in progress, a clean working tree (a --dry-run only mentions an unclean one in the plan), full history), fetches the branch and tags, confirms the remote head with ls-remote, and requires the target to be in the branch's history.

It then prints the plan: current head and target, the commits and releases that will leave the branch, the backup tag, the exact push and the undo command. --dry-run stops there.

To go ahead you type the target tag (in a terminal) or pass --confirm <tag> (scripts, CI, --json); piped input is never taken as consent. The old head is kept in an annotated backup tag (llmops/backup/<branch>-<time>) that records who, when, from, to and why, and the branch and that tag are pushed in one atomic push with --force-with-lease on the head shown in the plan: if someone pushed meanwhile, nothing is overwritten (exit 5). Your local branch then follows (unless --no-local); you stay on the branch you were on.

--undo restores a backup (the latest of --branch by default) with the same checks, plan and confirmation. --list shows past rollbacks. Under GitHub Actions a job summary and the outputs from_sha, to_sha and backup_tag are written.

${BaseCommand.exitCodesHelp(ExitCode.PRECONDITION, ExitCode.INVALID_TARGET, ExitCode.REMOTE_MOVED, ExitCode.NOT_CONFIRMED, ExitCode.PUSH_REFUSED)}`

  static override usage = [
    '<%= command.id %> [--to TAG] [--reason TEXT] [--dry-run] [--confirm TAG] [--branch BRANCH] [--remote REMOTE] [--no-local] [--json]',
    '<%= command.id %> --undo [BACKUP_TAG] [--reason TEXT] [--dry-run] [--confirm TAG] [--branch BRANCH] [--remote REMOTE] [--no-local] [--json]',
    '<%= command.id %> --list [--branch BRANCH] [--remote REMOTE] [--json]',
  ]

  static override examples = [
    {description: 'See what rolling stable back to the previous release would do (changes nothing)', command: '<%= config.bin %> <%= command.id %> --dry-run'},
    {
      description: 'Roll back to v1.2.0; you confirm by typing v1.2.0',
      command: '<%= config.bin %> <%= command.id %> --to v1.2.0 --reason "v1.3.0 leaks e-mail addresses"',
    },
    {
      description: 'In CI or a script: confirm on the command line, JSON result',
      command: '<%= config.bin %> <%= command.id %> --to v1.2.0 --confirm v1.2.0 --reason "incident 42" --json',
    },
    {description: 'Show past rollbacks of stable', command: '<%= config.bin %> <%= command.id %> --list'},
    {description: 'Undo the latest rollback of stable', command: '<%= config.bin %> <%= command.id %> --undo'},
    {description: 'Restore a specific backup', command: '<%= config.bin %> <%= command.id %> --undo llmops/backup/stable-20261127T140257Z'},
  ]

  static override args = {
    backup_tag: Args.string({ignoreStdin: true, description: 'with --undo: the backup tag to restore [default: the latest backup of --branch]'}),
  }

  static override flags = {
    to: Flags.string({helpValue: 'TAG', description: 'release tag to go back to [default: the release before the one the branch is at]', exclusive: ['undo']}),
    branch: Flags.string({default: 'stable', helpValue: 'BRANCH', description: 'the branch to reset'}),
    remote: Flags.string({default: 'origin', helpValue: 'REMOTE', description: 'the remote that holds it'}),
    'dry-run': Flags.boolean({description: 'print the plan and stop: nothing is changed (exit 0)'}),
    confirm: Flags.string({helpValue: 'TAG', description: 'consent without a prompt: must equal the target tag (required without a terminal and with --json)'}),
    reason: Flags.string({helpValue: 'TEXT', description: 'why: recorded in the backup tag and shown by --list'}),
    local: Flags.boolean({allowNo: true, default: true, description: 'move your local branch too; --no-local updates only the remote'}),
    undo: Flags.boolean({description: 'restore the branch from a backup tag instead (see BACKUP_TAG)', exclusive: ['to']}),
    main: Flags.string({
      default: 'main',
      helpValue: 'BRANCH',
      description:
        'with --undo: the development branch; a backup whose commit is on it (or that this clone saw on --branch) is verified, others are restored only when named and confirmed',
    }),
    list: Flags.boolean({description: 'show past rollbacks of --branch, from the backup tags', exclusive: ['to', 'undo', 'dry-run', 'confirm', 'reason']}),
  }

  async run(): Promise<BackupList | RollbackResult> {
    const {args, flags} = await this.parse(Rollback)
    if (args.backup_tag !== undefined && !flags.undo) throw usageError(`unexpected argument "${args.backup_tag}": a backup tag is only accepted with --undo`)
    const json = this.jsonEnabled()
    const {runRollback, runRollbackList} = await import('../rollback/index.js')
    const {commandIo} = await import('../branch/command-io.js')
    const io = commandIo(json)
    if (flags.list) return runRollbackList({branch: flags.branch, remote: flags.remote}, io)
    return runRollback(
      {
        branch: flags.branch,
        remote: flags.remote,
        to: flags.to,
        undo: flags.undo ? {backupTag: args.backup_tag} : undefined,
        main: flags.main,
        reason: flags.reason,
        local: flags.local,
        dryRun: flags['dry-run'],
        confirm: flags.confirm,
      },
      io,
    )
  }
}
