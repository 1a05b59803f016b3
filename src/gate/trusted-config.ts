/**
 * Who decides the verdict of a pull request's gate: the configuration the merge base holds, not
 * the one the pull request brings. A pull request can change `.llmops.json` (or the Action's
 * config file) in the same commit as the log it wants merged; the base's version of that file is
 * what the gate runs with, and every way the pull request's version would weaken it is listed for
 * the reviewers (and fails the gate with --fail-on-weakened-config or gate.failOnWeakenedConfig).
 */
import path from 'node:path'

import {DEFAULT_CONFIG_FILE, parseConfig, type LoadedConfig} from '../config/load.js'
import {configSchema, type Config} from '../config/schema.js'
import {usageError} from '../errors.js'

export interface TrustedConfig {
  /** The configuration the gate runs with. */
  config: Config
  /** What the pull request's configuration would change to make the gate weaker (empty: nothing). */
  weakened: string[]
  /** Where the trusted configuration came from, for the run's notes. */
  origin: string
}

/** What the gate needs from git to read the base's configuration (see gate/git-changes.ts). */
export interface ConfigGit {
  root(): Promise<string>
  mergeBase(ref: string): Promise<string>
  readAt(commit: string, file: string): Promise<Buffer | undefined>
}

const newIn = (before: readonly string[], after: readonly string[]): string[] => after.filter((x) => !before.includes(x))
const list = (items: readonly string[], mask: (s: string) => string): string => {
  const shown = items.slice(0, 3).map((i) => JSON.stringify(mask(i)))
  return shown.join(', ') + (items.length > 3 ? `, and ${items.length - 3} more` : '')
}

/**
 * Every way `head` is weaker than `base` for the gate: more left out, more accepted, fewer rules,
 * less scanned, fewer categories failing. `mask` hides personal data in the values named.
 */
export function weakenings(base: Config, head: Config, mask: (value: string) => string = (v) => v): string[] {
  const out: string[] = []
  const lost = newIn(head.gate.paths, base.gate.paths)
  if (lost.length > 0) out.push(`gate.paths no longer lists ${list(lost, mask)}`)
  const excluded = newIn(
    base.gate.exclude.map((e) => e.path),
    head.gate.exclude.map((e) => e.path),
  )
  if (excluded.length > 0) out.push(`gate.exclude adds ${list(excluded, mask)}`)
  if (head.gate.ignoreFile !== base.gate.ignoreFile) out.push(`gate.ignoreFile changes to ${JSON.stringify(head.gate.ignoreFile ?? '(default)')}`)
  if (base.gate.failOnWeakenedConfig && !head.gate.failOnWeakenedConfig) out.push('gate.failOnWeakenedConfig is turned off')
  for (const key of ['values', 'emailDomains', 'patterns'] as const) {
    const added = newIn(
      base.allowlist[key].map((v) => v.toLowerCase()),
      head.allowlist[key].map((v) => v.toLowerCase()),
    )
    if (added.length > 0) out.push(`allowlist.${key} adds ${list(added, mask)}`)
  }

  const disabled = newIn(base.rules.disable, head.rules.disable)
  if (disabled.length > 0) out.push(`rules.disable adds ${list(disabled, mask)}`)
  for (const rule of base.rules.custom) {
    const now = head.rules.custom.find((r) => r.id === rule.id)
    if (now === undefined) out.push(`rules.custom removes ${rule.id}`)
    else if (JSON.stringify({...now, description: '', examples: undefined}) !== JSON.stringify({...rule, description: '', examples: undefined}))
      out.push(`rules.custom changes ${rule.id}`)
  }

  if (head.rules.minConfidence > base.rules.minConfidence) out.push(`rules.minConfidence rises from ${base.rules.minConfidence} to ${head.rules.minConfidence}`)
  if (base.monitor.scanAllFields && !head.monitor.scanAllFields) out.push('monitor.scanAllFields is turned off')
  if (!head.monitor.scanAllFields) {
    const dropped = newIn(head.monitor.fields, base.monitor.fields)
    if (dropped.length > 0) out.push(`monitor.fields no longer lists ${list(dropped, mask)}`)
  }

  const failOn = newIn(head.monitor.failOn, base.monitor.failOn)
  if (failOn.length > 0) out.push(`monitor.failOn no longer lists ${list(failOn, mask)}`)
  return out
}

/** The config file's path from the repository root, or undefined when it lies outside it. */
function inRepository(root: string, file: string): string | undefined {
  const relative = path.relative(root, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/')
}

/**
 * The configuration for a gate over the changes since `ref`: the base's version of the config
 * file (defaults when the base has none), and what the working tree's version would weaken. A
 * config file outside the repository cannot be changed by a pull request: it is used as is.
 */
export async function trustedConfig(
  git: ConfigGit,
  options: {ref: string; cwd: string; loaded: LoadedConfig; mask?: (value: string) => string},
): Promise<TrustedConfig> {
  const {loaded} = options
  const root = await git.root()
  const file = loaded.source ?? path.resolve(options.cwd, DEFAULT_CONFIG_FILE)
  const relative = inRepository(root, file)
  if (relative === undefined) return {config: loaded.config, weakened: [], origin: `${file} (outside the repository)`}
  const base = await git.mergeBase(options.ref)
  const bytes = await git.readAt(base, relative)
  let config: Config
  if (bytes === undefined) config = configSchema.parse({})
  else {
    let data: unknown
    try {
      const text = bytes.toString('utf8')
      data = JSON.parse(text.codePointAt(0) === 0xfe_ff ? text.slice(1) : text)
    } catch {
      throw usageError(`config file ${relative} at the base (${base.slice(0, 12)}) is not valid JSON`, 'E_CONFIG_INVALID', [
        "Fix the config on the base branch first: the gate runs with the base's config.",
      ])
    }

    config = parseConfig(data, `${relative} at the base (${base.slice(0, 12)})`)
  }

  const origin =
    bytes === undefined ? `defaults (${relative} does not exist at the base ${base.slice(0, 12)})` : `${relative} as of the base ${base.slice(0, 12)}`
  return {config, weakened: weakenings(config, loaded.config, options.mask), origin}
}
