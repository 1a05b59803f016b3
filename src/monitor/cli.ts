import {loadConfig} from '../config/load.js'
import type {FailOn, MonitorConfig} from '../config/schema.js'
import {ExitCode, type ExitCodeValue} from '../errors.js'
import {resolveInputs} from '../io/input.js'
import {OutputClosed, StreamWriter} from '../io/output.js'
import {formatRecords} from '../report/jsonl.js'
import {ProgressLine} from '../report/progress.js'
import {formatSummary} from '../report/summary-text.js'
import {prepareContext} from './context.js'
import {runMonitor} from './run.js'
import type {GateResult, MonitorSummary} from './summary.js'
import type {Analyzed, RecordResult} from './types.js'

/** The single result object of `llmops monitor --json`. */
export interface MonitorJsonResult {
  records: RecordResult[]
  summary: MonitorSummary
  gate: GateResult
}

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
  follow: boolean
  format: 'jsonl' | 'summary' | 'json'
  quiet: boolean
}

export interface MonitorIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

const defaultIo = (): MonitorIo => ({cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr})

function merge(config: MonitorConfig, overrides: MonitorInvocation['overrides']): MonitorConfig {
  const merged = {...config}
  if (overrides.failOn !== undefined) merged.failOn = overrides.failOn
  if (overrides.fields !== undefined) merged.fields = overrides.fields
  if (overrides.slowMs !== undefined) merged.slowMs = overrides.slowMs
  if (overrides.latencyFields !== undefined) merged.latencyFields = overrides.latencyFields
  if (overrides.groupBy !== undefined) merged.groupBy = overrides.groupBy
  return merged
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

/**
 * The CLI edge of the monitor: config, inputs, stdout/stderr, signals and progress. The command
 * only parses flags; this wires IO around the pure `runMonitor` use case.
 */
export async function executeMonitor(
  invocation: MonitorInvocation,
  io: MonitorIo = defaultIo(),
): Promise<{exitCode: ExitCodeValue; json: MonitorJsonResult | undefined}> {
  const {config} = await loadConfig({cwd: io.cwd, path: invocation.configPath, env: io.env})
  const monitorConfig = merge(config.monitor, invocation.overrides)
  const context = prepareContext(monitorConfig, invocation.redact)
  const sources = await resolveInputs(invocation.files, io.cwd)

  const out = new StreamWriter(io.stdout)
  const collected: RecordResult[] = []
  const onRecords =
    invocation.format === 'json'
      ? (batch: Analyzed[]) => {
          for (const analyzed of batch) collected.push(analyzed.record)
        }
      : invocation.format === 'jsonl'
        ? (batch: Analyzed[]) => out.write(formatRecords(batch))
        : () => {}
  const showProgress = invocation.format !== 'json' && !invocation.follow && io.stderr.isTTY === true && !io.env.CI
  const progress = showProgress ? new ProgressLine(io.stderr) : undefined
  const interrupt = interruptController()
  let result
  try {
    result = await runMonitor({
      sources,
      context,
      failOn: monitorConfig.failOn,
      follow: invocation.follow,
      signal: interrupt.signal,
      stdin: io.stdin,
      onRecords,
      onProgress: progress ? (p) => progress.update(p) : undefined,
    })
  } catch (error) {
    if (error instanceof OutputClosed) return {exitCode: ExitCode.OK, json: undefined}
    throw error
  } finally {
    interrupt.dispose()
    progress?.clear()
  }

  const {summary, gate, interrupted} = result
  const exitCode = interrupted ? ExitCode.INTERRUPTED : gate.passed ? ExitCode.OK : ExitCode.GATE_FAILED
  if (invocation.format === 'json') return {exitCode, json: {records: collected, summary, gate}}
  const text = formatSummary(summary, gate, {interrupted})
  if (invocation.format === 'summary') await out.write(text)
  else if (!invocation.quiet) io.stderr.write(text)
  return {exitCode, json: undefined}
}
