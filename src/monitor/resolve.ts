/**
 * Resolving a run before anything is read: the config (the base's, for a gate over a change),
 * flags over it, the gate's scope and ignore file, and the settings every thread analyses with.
 */
import path from 'node:path'

import {loadConfig, type LoadedConfig} from '../config/load.js'
import {problemsOf} from '../config/issues.js'
import {monitorConfigSchema, type Config, type MonitorConfig} from '../config/schema.js'
import {resolveSalt} from '../detector.js'
import {usageError} from '../errors.js'
import {resolveInputs, type InputSource} from '../io/input.js'
import type {Scope} from '../gate/changed.js'
import type {GateOptions} from '../gate/finish.js'
import {IGNORE_FILE, loadIgnores, type Ignores} from '../gate/ignore.js'
import {gateScope} from '../gate/scope.js'
import {trustedConfig, type TrustedConfig} from '../gate/trusted-config.js'
import type {ContextSettings} from './context.js'
import type {MonitorInvocation, MonitorIo} from './invocation.js'

const FLAG_OF: Readonly<Record<string, string>> = {
  failOn: '--fail-on',
  fields: '--fields',
  slowMs: '--slow-ms',
  latencyFields: '--latency-field',
  groupBy: '--group-by',
  schema: '--schema',
}

/** Flags over the config file; flag values go through the same schema as the file. */
function merge(config: MonitorConfig, overrides: MonitorInvocation['overrides']): MonitorConfig {
  const merged = {...config}
  if (overrides.failOn !== undefined) merged.failOn = overrides.failOn
  if (overrides.fields !== undefined) merged.fields = overrides.fields
  if (overrides.slowMs !== undefined) merged.slowMs = overrides.slowMs
  if (overrides.latencyFields !== undefined) merged.latencyFields = overrides.latencyFields
  if (overrides.groupBy !== undefined) merged.groupBy = overrides.groupBy
  if (overrides.schema !== undefined) merged.schema = overrides.schema
  const checked = monitorConfigSchema.safeParse(merged)
  if (checked.success) return checked.data
  const [problem] = problemsOf(checked.error.issues, 'key', merged)
  const key = problem?.key ?? ''
  throw usageError(`invalid ${FLAG_OF[key] ?? key} value: ${problem?.what ?? 'invalid'}`, 'E_USAGE')
}

/** The base's config for a gate over the changes since `ref`, and what the change's own would weaken. */
async function baseConfig(ref: string, cwd: string, loaded: LoadedConfig): Promise<TrustedConfig> {
  const [{gitChanges}, {compileRules, detect, mask, redactText}, {builtinRules}] = await Promise.all([
    import('../gate/git-changes.js'),
    import('../engine/index.js'),
    import('../rules/index.js'),
  ])
  const ruleSet = compileRules(builtinRules)
  // Values named in the notice (allowlist entries) are shown masked: one may be a customer's address.
  return trustedConfig(gitChanges(cwd), {ref, cwd, loaded, mask: (value) => redactText(value, detect(value, ruleSet), mask)})
}

/** The files of a commit, read from git objects, named relative to the repository root. */
function blobSources(files: string[], read: (file: string) => AsyncIterable<Buffer>): InputSource[] {
  return files.map((file) => ({kind: 'stream', display: file, open: () => read(file)}))
}

/** A run resolved: what every later step reads. */
export interface ResolvedRun {
  config: Config
  monitorConfig: MonitorConfig
  detection: ContextSettings['detection']
  gateOptions: GateOptions
  /** --changed-since or a repository scan: which files, which lines, read how. */
  scope: Scope | undefined
  ignores: Ignores
  settings: ContextSettings
  /** For a gate over a change: the base's config, and how the change's own would weaken it. */
  trusted: TrustedConfig | undefined
}

export async function resolveRun(invocation: MonitorInvocation, io: MonitorIo): Promise<ResolvedRun> {
  if (invocation.redactOut !== undefined && !invocation.redact) {
    throw usageError('--redact-out writes a sanitized copy, and --no-redact turns sanitizing off: use one or the other', 'E_USAGE', [
      'for a sanitized copy, drop --no-redact',
      'to see raw values, drop --redact-out',
    ])
  }

  if (invocation.gate?.writeBaseline === true && invocation.gate.changedSince !== undefined) {
    // The findings a change adds are exactly what the gate is there to stop: accepting them is a
    // reviewer's decision, one entry at a time, not a baseline.
    throw usageError('--write-baseline accepts every finding present today; with --changed-since it would accept what this change adds', 'E_USAGE', [
      'Run --write-baseline without --changed-since on the base branch to accept what is already there,',
      'or add the lines the failing gate printed, each with its reason.',
    ])
  }

  const loaded = await loadConfig({cwd: io.cwd, path: invocation.configPath, env: io.env})
  // A gate over a change runs with the base's config: the change cannot weaken its own gate.
  const trusted = invocation.gate?.changedSince === undefined ? undefined : await baseConfig(invocation.gate.changedSince, io.cwd, loaded)
  const config = trusted?.config ?? loaded.config
  const monitorConfig = merge(config.monitor, invocation.overrides)
  const detection = {
    rules: config.rules,
    allowlist: config.allowlist,
    redaction: {...config.redaction, operator: invocation.redactOperator ?? config.redaction.operator},
  }
  const gateOptions: GateOptions = {
    ...invocation.gate,
    failOnWeakenedConfig: invocation.gate?.failOnWeakenedConfig === true || config.gate.failOnWeakenedConfig,
    ignoreFile: invocation.gate?.ignoreFile ?? config.gate.ignoreFile,
    globs: invocation.gate?.globs ?? config.gate.paths,
    // On by default in GitHub Actions; annotations go to stderr when stdout carries records, and
    // --json keeps stderr clean for scripts unless --github is asked for.
    github: invocation.gate?.github ?? (io.env.GITHUB_ACTIONS === 'true' && invocation.format !== 'json'),
  }
  const scope = await gateScope({
    changedSince: gateOptions.changedSince,
    globs: gateOptions.globs,
    exclude: config.gate.exclude.map((e) => e.path),
    files: invocation.explicitFiles === false ? [] : invocation.files,
    cwd: io.cwd,
    allTracked: invocation.explicitFiles === false && invocation.gate?.changedSince === undefined && invocation.allTrackedByDefault === true,
    uncommitted: invocation.gate?.uncommitted,
  })
  // In a repository scan, paths (and so fingerprints and the default ignore file) are relative to its root.
  if (scope !== undefined)
    gateOptions.ignoreFile = gateOptions.ignoreFile === undefined ? path.join(scope.root, IGNORE_FILE) : path.resolve(io.cwd, gateOptions.ignoreFile)
  const ignores = await loadIgnores(gateOptions.ignoreFile, {
    cwd: io.cwd,
    optional: scope !== undefined && invocation.gate?.ignoreFile === undefined && config.gate.ignoreFile === undefined,
  })
  const settings: ContextSettings = {
    monitor: monitorConfig,
    detection,
    redact: invocation.redact,
    salt: resolveSalt(detection, io.env),
    ignored: ignores.active.map((e) => e.fingerprint),
  }
  return {config, monitorConfig, detection, gateOptions, scope, ignores, settings, trusted}
}

/** The inputs of a run: the named files (or stdin), or the scope's files read from git objects. */
export async function inputSources(run: ResolvedRun, files: string[], cwd: string): Promise<InputSource[]> {
  const {scope} = run
  if (scope?.read !== undefined) return blobSources(scope.files, scope.read)
  return resolveInputs(scope === undefined ? files : scope.files, scope?.root ?? cwd)
}
