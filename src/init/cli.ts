/**
 * From the command's flags to runInit: the allowlist from flags or, in a terminal, from
 * questions; the values checked; human output on stdout unless --json.
 */
import {terminalAsk} from '../branch/confirm.js'
import {usageError} from '../errors.js'
import {isInteractive} from '../io/terminal.js'
import {runInit} from './index.js'
import {checkInitOptions, splitList} from './options.js'
import {askAllowlist} from './prompt.js'
import {formatInitResult} from './text.js'
import type {InitResult} from './types.js'

export interface InitFlags {
  'email-domain'?: string[] | undefined
  'support-phone'?: string[] | undefined
  logs?: string[] | undefined
  runner: string
  'action-ref'?: string | undefined
  'npm-version'?: string | undefined
  force?: boolean | undefined
  'dry-run'?: boolean | undefined
  'create-stable'?: boolean | undefined
  confirm?: string | undefined
  branch: string
  from: string
  remote: string
}

export async function initFromCli(flags: InitFlags, context: {json: boolean; version: string}): Promise<InitResult> {
  if (flags.confirm !== undefined && flags['create-stable'] !== true) throw usageError('--confirm is for --create-stable: nothing else init does needs consent')
  const interactive = !context.json && isInteractive()
  let emailDomains = splitList(flags['email-domain'])
  let supportPhones = splitList(flags['support-phone'])
  // Check the other flags before asking anything.
  const check = () =>
    checkInitOptions({
      emailDomains,
      supportPhones,
      logs: splitList(flags.logs),
      runner: flags.runner,
      actionRef: flags['action-ref'],
      npmVersion: flags['npm-version'] ?? context.version,
    })
  check()
  if (interactive && flags['email-domain'] === undefined && flags['support-phone'] === undefined) ({emailDomains, supportPhones} = await askAllowlist())
  const options = check()
  const show = context.json ? undefined : (text: string) => void process.stdout.write(text)
  const result = await runInit(
    {
      options,
      force: flags.force === true,
      dryRun: flags['dry-run'] === true,
      stable: flags['create-stable'] === true ? {remote: flags.remote, branch: flags.branch, from: flags.from} : undefined,
      confirm: flags.confirm,
    },
    {cwd: process.cwd(), env: process.env, show, ask: interactive ? terminalAsk() : undefined},
  )
  show?.(formatInitResult(result))
  return result
}
