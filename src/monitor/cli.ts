import {loadConfig, type LoadedConfig} from '../config/load.js'
import type {RedactOperator} from '../config/detection.js'
import {monitorConfigSchema, type FailOn, type MonitorConfig} from '../config/schema.js'
import {ExitCode, usageError, type ExitCodeValue} from '../errors.js'
import path from 'node:path'

import {AtomicFile} from '../io/atomic-file.js'
import {resolveInputs, type InputSource} from '../io/input.js'
import type {Scope} from '../gate/changed.js'
import {gateScope, ignoredAtBase} from '../gate/scope.js'
import {printable} from '../text/printable.js'
import {OutputClosed, StreamWriter} from '../io/output.js'
import {JsonResultWriter} from '../report/json.js'
import {ProgressLine} from '../report/progress.js'
import {formatSummary} from '../report/summary-text.js'
import {checkCustomRules} from '../config/check-rules.js'
import {resolveSalt, rulesOf} from '../detector.js'
import {detailsNeeded, finishGate, type GateOptions} from '../gate/finish.js'
import {IGNORE_FILE, loadIgnores} from '../gate/ignore.js'
import {trustedConfig, type TrustedConfig} from '../gate/trusted-config.js'
import {prepareContext, type ContextSettings} from './context.js'
import type {OutputMode} from './batch.js'
import {runMonitor} from './run.js'
import {type MonitorResult} from '../results/run.js'
import type {MonitorSummary} from '../results/summary.js'

export interface MonitorInvocation {
  files: string[]
  configPath: string | undefined
  overrides: {
    failOn?: FailOn[] | undefined
    fields?: string[] | undefined
    slowMs?: number | undefined
    latencyFields?: string[] | undefined
    groupBy?: string | null | undefined
  }
  redact: boolean
  /** --redact-out: write a sanitized copy of the input here. */
  redactOut?: string | undefined
  /** --redact-operator: overrides the config's redaction operator. */
  redactOperator?: RedactOperator | undefined
  follow: boolean
  format: 'jsonl' | 'summary' | 'json'
  quiet: boolean
  /** Worker threads besides the main thread. */
  threads: number
  /** The PII gate: ignore file, reports, thresholds. */
  gate?: GateOptions
  /** Reported in SARIF. */
  version?: string
  /** False when FILE arguments were not given (the default file is used, or the scope decides). */
  explicitFiles?: boolean
  /** Without files and --changed-since, scan every tracked log file (the Action). */
  allTrackedByDefault?: boolean
}

export interface MonitorIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

const defaultIo = (): MonitorIo => ({cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr})

const FLAG_OF: Readonly<Record<string, string>> = {
  failOn: '--fail-on',
  fields: '--fields',
  slowMs: '--slow-ms',
  latencyFields: '--latency-field',
  groupBy: '--group-by',
}

/** Flags over the config file; flag values go through the same schema as the file. */
function merge(config: MonitorConfig, overrides: MonitorInvocation['overrides']): MonitorConfig {
  const merged = {...config}
  if (overrides.failOn !== undefined) merged.failOn = overrides.failOn
  if (overrides.fields !== undefined) merged.fields = overrides.fields
  if (overrides.slowMs !== undefined) merged.slowMs = overrides.slowMs
  if (overrides.latencyFields !== undefined) merged.latencyFields = overrides.latencyFields
  if (overrides.groupBy !== undefined) merged.groupBy = overrides.groupBy
  const checked = monitorConfigSchema.safeParse(merged)
  if (checked.success) return checked.data
  const issue = checked.error.issues[0]
  const key = String(issue?.path[0] ?? '')
  throw usageError(`invalid ${FLAG_OF[key] ?? key} value: ${issue?.message ?? 'invalid'}`, 'E_USAGE')
}

/** Ctrl-C (or SIGTERM) stops the run gracefully; a second one exits at once. */
function interruptController(): {signal: AbortSignal; dispose: () => void} {
  const controller = new AbortController()
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.INTERRUPTED)
    controller.abort()
  }

  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

/** Each output mode: what to write first, around each run of records, and at the end. */
interface Sink {
  mode: OutputMode
  start: string
  records(output: string[] | Uint8Array): Array<string | Uint8Array>
  end(result: MonitorResult, summaryText: string): {stdout: string; stderr: string}
}

function sinkFor(invocation: MonitorInvocation): Sink {
  switch (invocation.format) {
    case 'json': {
      const writer = new JsonResultWriter()
      return {
        mode: 'json',
        start: writer.head(),
        records: (output) => [writer.separator(), ...(output instanceof Uint8Array ? [output] : output)],
        end: ({summary, gate, interrupted}) => ({stdout: writer.tail(summary, gate, interrupted), stderr: ''}),
      }
    }

    case 'summary': {
      return {mode: 'none', start: '', records: () => [], end: (_, text) => ({stdout: text, stderr: ''})}
    }

    default: {
      return {mode: 'jsonl', start: '', records: (output) => (output instanceof Uint8Array ? [output] : output), end: (_, text) => ({stdout: '', stderr: invocation.quiet ? '' : text})}
    }
  }
}

/** The base's config for a gate over the changes since `ref`, and what the change's own would weaken. */
async function baseConfig(ref: string, cwd: string, loaded: LoadedConfig): Promise<TrustedConfig> {
  const [{gitChanges}, {compileRules, detect, mask, redactText}, {builtinRules}] = await Promise.all([import('../git.js'), import('../engine/index.js'), import('../rules/index.js')])
  const ruleSet = compileRules(builtinRules)
  // Values named in the notice (allowlist entries) are shown masked: one may be a customer's address.
  return trustedConfig(gitChanges(cwd), {ref, cwd, loaded, mask: (value) => redactText(value, detect(value, ruleSet), mask)})
}

/** The files of a commit, read from git objects, named relative to the repository root. */
function blobSources(files: string[], read: (file: string) => AsyncIterable<Buffer>): InputSource[] {
  return files.map((file) => ({kind: 'stream', display: file, open: () => read(file)}))
}

/**
 * The base side of the changed files, analysed under their current names: its findings are not
 * new (a record that moved, was edited elsewhere or whose file was renamed keeps its
 * fingerprint), and its summary is what relative thresholds compare with.
 */
async function baseSide(scope: Scope | undefined, settings: ContextSettings): Promise<{summary: MonitorSummary; valueKeys: string[]} | undefined> {
  if (scope === undefined || scope.baseText.size === 0) return undefined
  const sources = [...scope.baseText].map(([display, bytes]): InputSource => ({kind: 'bytes', bytes, display}))
  const base = await runMonitor({
    sources,
    settings: {...settings, unchanged: undefined, ignored: []},
    failOn: [],
    stdin: process.stdin,
    mode: 'none',
    collectValueKeys: true,
    details: 0,
    onRecords: () => {},
  })
  return {summary: base.summary, valueKeys: [...(base.valueKeys ?? [])]}
}

/**
 * The CLI edge of the monitor: config, inputs, stdout/stderr, signals and progress. The command
 * only parses flags; this wires IO around the pure `runMonitor` use case.
 */
export async function executeMonitor(invocation: MonitorInvocation, io: MonitorIo = defaultIo()): Promise<ExitCodeValue> {
  if (invocation.redactOut !== undefined && !invocation.redact) {
    throw usageError('--redact-out writes a sanitized copy, and --no-redact turns sanitizing off: use one or the other', 'E_USAGE', [
      'for a sanitized copy, drop --no-redact',
      'to see raw values, drop --redact-out',
    ])
  }

  const loaded = await loadConfig({cwd: io.cwd, path: invocation.configPath, env: io.env})
  // A gate over a change runs with the base's config: the change cannot weaken its own gate.
  const trusted = invocation.gate?.changedSince === undefined ? undefined : await baseConfig(invocation.gate.changedSince, io.cwd, loaded)
  const config = trusted?.config ?? loaded.config
  const monitorConfig = merge(config.monitor, invocation.overrides)
  const detection = {rules: config.rules, allowlist: config.allowlist, redaction: {...config.redaction, operator: invocation.redactOperator ?? config.redaction.operator}}
  const gateOptions: GateOptions = {
    ...invocation.gate,
    failOnWeakenedConfig: invocation.gate?.failOnWeakenedConfig === true || config.gate.failOnWeakenedConfig,
    ignoreFile: invocation.gate?.ignoreFile ?? config.gate.ignoreFile,
    globs: invocation.gate?.globs ?? config.gate.paths,
    // Annotations are workflow commands on stdout: on by default only when stdout is not data.
    github: invocation.gate?.github ?? (io.env.GITHUB_ACTIONS === 'true' && invocation.format === 'summary'),
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
  if (scope !== undefined) gateOptions.ignoreFile = gateOptions.ignoreFile === undefined ? path.join(scope.root, IGNORE_FILE) : path.resolve(io.cwd, gateOptions.ignoreFile)
  const ignores = await loadIgnores(gateOptions.ignoreFile, {cwd: io.cwd, optional: scope !== undefined && invocation.gate?.ignoreFile === undefined && config.gate.ignoreFile === undefined})
  const settings: ContextSettings = {
    monitor: monitorConfig,
    detection,
    redact: invocation.redact,
    salt: resolveSalt(detection, io.env),
    ignored: ignores.active.map((e) => e.fingerprint),
    unchanged: scope?.unchanged,
  }
  if (config.redaction.salt !== undefined && detection.redaction.operator === 'hash' && invocation.format !== 'json') {
    io.stderr.write('Warning: the hash salt comes from the config file; anyone who can read it can reverse hashes of phone numbers and other short values. Prefer $LLMOPS_HASH_SALT from a secret store.\n')
  }

  // Fail on a bad rule before reading anything: compile here once (workers compile their own copy).
  prepareContext(settings)
  checkCustomRules(config.rules.custom)
  const base = await baseSide(scope, settings)
  settings.preexisting = base?.valueKeys
  const sources = scope?.read === undefined ? await resolveInputs(scope === undefined ? invocation.files : scope.files, scope?.root ?? io.cwd) : blobSources(scope.files, scope.read)
  for (const note of scope?.notes ?? []) io.stderr.write(`${printable(note)}\n`)
  if (scope?.base !== undefined && sources.length === 0) io.stderr.write(`No changed log file (${gateOptions.globs?.join(', ')}) since ${scope.base.slice(0, 12)}.\n`)
  const gated = monitorConfig.failOn.length > 0

  const out = new StreamWriter(io.stdout)
  let outputClosed = false
  /** When the reader of stdout goes away, stop, unless a gate still needs the whole input. */
  const write = async (text: string | Uint8Array): Promise<void> => {
    try {
      await out.write(text)
    } catch (error) {
      if (!(error instanceof OutputClosed)) throw error
      outputClosed = true
      if (!gated) throw error
    }
  }

  const sink = sinkFor(invocation)
  const cleanCopy = invocation.redactOut === undefined ? undefined : await AtomicFile.create(path.resolve(io.cwd, invocation.redactOut), invocation.redactOut)
  const showProgress = invocation.format !== 'json' && !invocation.follow && io.stderr.isTTY === true && !io.env.CI && io.env.TERM !== 'dumb'
  const progress = showProgress ? new ProgressLine(io.stderr) : undefined
  const interrupt = interruptController()
  let result
  try {
    await write(sink.start)
    result = await runMonitor({
      sources,
      settings,
      failOn: monitorConfig.failOn,
      follow: invocation.follow,
      signal: interrupt.signal,
      stdin: io.stdin,
      mode: sink.mode,
      threads: invocation.threads,
      details: detailsNeeded(gateOptions),
      async onRecords(output) {
        for (const piece of outputClosed ? [] : sink.records(output)) await write(piece)
      },
      onClean: cleanCopy === undefined ? undefined : async (clean) => {
        for (const piece of clean instanceof Uint8Array ? [clean] : clean) await cleanCopy.writer.write(piece)
      },
      onProgress: progress ? (p) => progress.update(p) : undefined,
    })
  } catch (error) {
    await cleanCopy?.abort()
    if (error instanceof OutputClosed) return ExitCode.OK
    throw error
  } finally {
    interrupt.dispose()
    progress?.clear()
  }

  const {interrupted} = result
  const {gate, notes} = await finishGate(result, gateOptions, {
    cwd: io.cwd,
    failOn: monitorConfig.failOn,
    ignores,
    rules: rulesOf(detection).map(({id, type, category, severity, description}) => ({id, type, category, severity, description})),
    version: invocation.version ?? '0.0.0',
    base: base?.summary,
    interrupted,
    ignoredAtBase: scope?.base === undefined || gateOptions.ignoreFile === undefined ? undefined : await ignoredAtBase(io.cwd, scope.base, gateOptions.ignoreFile),
    weakenedConfig: trusted?.weakened,
  })
  result.gate = gate
  // A partial copy would look complete: an interrupted run writes none.
  if (interrupted) await cleanCopy?.abort()
  else await cleanCopy?.commit()
  if (cleanCopy !== undefined && interrupted) io.stderr.write(`--redact-out: interrupted, ${invocation.redactOut} was not written\n`)
  const end = sink.end(result, formatSummary(result.summary, gate, {interrupted}))
  if (!outputClosed) await write(end.stdout)
  if (end.stderr) io.stderr.write(end.stderr)
  // --json keeps stderr empty for scripts; --quiet asks for silence.
  if (notes && invocation.format !== 'json' && !invocation.quiet) io.stderr.write(notes)
  return interrupted ? ExitCode.INTERRUPTED : gate.passed ? ExitCode.OK : ExitCode.GATE_FAILED
}
