/**
 * What `llmops init` is asked to set up, checked before anything is read or written: every bad
 * value is a usage error (exit 2) that names its flag. The values end up in a config file and a
 * workflow file, so they are held to narrow shapes: nothing can break out of a JSON string or a
 * YAML scalar, or become a GitHub expression.
 */
import {parseConfig} from '../config/load.js'
import {usageError} from '../errors.js'
import {DEFAULT_ACTION_REF} from '../project.js'
import {printable} from '../text/printable.js'
import {configText} from './files.js'
import {RUNNERS, type InitOptions, type Runner} from './types.js'

const ACTION_REF = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}(?:\/[A-Za-z0-9._-]{1,100})*@[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/
const NPM_VERSION = /^(?:latest|\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$/
// A glob for gate.paths: no quotes, backslashes, control characters or `${{`, nothing that needs escaping in YAML or JSON.
const GLOB = /^[\w./*?[\]{},!@+-]{1,200}$/
// A phone number as a log writes it: digits and the usual separators.
const PHONE = /^\+?[\d\s().-]{3,30}$/

const unique = (values: readonly string[]): string[] => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))]

function checkEach(flag: string, values: readonly string[], valid: (v: string) => boolean, what: string): string[] {
  const cleaned = unique(values)
  for (const value of cleaned) if (!valid(value)) throw usageError(`${flag} "${printable(value, 80)}" is not ${what}`, 'E_USAGE')
  return cleaned
}

/** Splits `a.com,b.com` and repeated flags alike. */
export const splitList = (values: readonly string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(','))

export function checkInitOptions(raw: {
  emailDomains: string[]
  supportPhones: string[]
  logs: string[]
  runner: string
  actionRef?: string | undefined
  npmVersion: string
}): InitOptions {
  const emailDomains = checkEach(
    '--email-domain',
    raw.emailDomains.map((d) => d.trim().replace(/^@/, '').toLowerCase()),
    (d) => /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(d),
    'an e-mail domain such as example.com',
  )
  const supportPhones = checkEach(
    '--support-phone',
    raw.supportPhones,
    (p) => PHONE.test(p) && /\d{3}/.test(p.replaceAll(/\D/g, '')),
    'a phone number such as 555-0100 or +1 555 0100',
  )
  const logs = checkEach('--logs', raw.logs, (g) => GLOB.test(g), 'a file glob such as logs/**/*.jsonl')
  if (!(RUNNERS as readonly string[]).includes(raw.runner)) throw usageError(`--runner "${printable(raw.runner, 40)}" is not one of ${RUNNERS.join(', ')}`)
  const actionRef = raw.actionRef ?? DEFAULT_ACTION_REF
  if (!ACTION_REF.test(actionRef) || actionRef.includes('..')) {
    throw usageError(`--action-ref "${printable(actionRef, 80)}" is not OWNER/REPO@VERSION`, 'E_USAGE', [
      `For example ${DEFAULT_ACTION_REF} (the moving major tag) or ${DEFAULT_ACTION_REF}.0.0, or a full commit sha.`,
    ])
  }

  if (raw.actionRef !== undefined && raw.runner !== 'action') throw usageError('--action-ref is for --runner action; --runner npx takes --npm-version')
  if (!NPM_VERSION.test(raw.npmVersion)) throw usageError(`--npm-version "${printable(raw.npmVersion, 40)}" is not a version such as 1.2.3`)
  const options = {
    emailDomains,
    supportPhones,
    logs: logs.length > 0 ? logs : ['**/*.jsonl', '**/*.jsonl.gz'],
    runner: raw.runner as Runner,
    actionRef,
    npmVersion: raw.npmVersion,
  }
  // The config we are about to write must be one that llmops accepts.
  parseConfig(JSON.parse(configText(options)), '.llmops.json')
  return options
}
