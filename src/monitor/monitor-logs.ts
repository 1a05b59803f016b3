/**
 * The monitor use case: resolve the run, analyse the base side of a change, scan the inputs while
 * streaming records to stdout (and the sanitized copy), judge the run, write the reports. Used by
 * the command and by the GitHub Action; the run itself is `scanSources`.
 */
import path from 'node:path'

import {checkCustomRules} from '../config/check-rules.js'
import {rulesOf} from '../detector.js'
import {ExitCode, usageError, type ExitCodeValue} from '../errors.js'
import {AtomicFile} from '../io/atomic-file.js'
import {plainInputSize} from '../io/input-size.js'
import {OutputClosed, StreamWriter} from '../io/output.js'
import {colorEnabled} from '../io/terminal.js'
import {notJsonLinesHint} from '../io/shape.js'
import {shardSources} from '../io/shard.js'
import {checkReportTargets, detailsNeeded, finishGate} from '../gate/finish.js'
import {ignoredAtBase} from '../gate/scope.js'
import {ProgressLine} from '../report/progress.js'
import {STDOUT_FORMATS} from '../report/reporter.js'
import {formatSummary} from '../report/summary-text.js'
import {printable} from '../text/printable.js'
import {baseSide} from './base-side.js'
import {prepareContext} from './context.js'
import {interruptController} from './interrupt.js'
import {defaultIo, type MonitorInvocation, type MonitorIo} from './invocation.js'
import {inputSources, resolveRun} from './resolve.js'
import {MAX_DETAILS} from '../results/summary.js'
import {scanSources} from './scan-sources.js'
import {settingsHash, summaryFileOf} from './summary-out.js'

export async function monitorLogs(invocation: MonitorInvocation, io: MonitorIo = defaultIo()): Promise<ExitCodeValue> {
  const run = await resolveRun(invocation, io)
  const {config, monitorConfig, detection, gateOptions, scope, ignores, settings, trusted} = run
  if (config.redaction.salt !== undefined && detection.redaction.operator === 'hash' && invocation.format !== 'json') {
    io.stderr.write(
      'Warning: the hash salt comes from the config file; anyone who can read it can reverse hashes of phone numbers and other short values. Prefer $LLMOPS_HASH_SALT from a secret store.\n',
    )
  }

  // Fail on a bad rule before reading anything: compile here once (workers compile their own copy).
  prepareContext(settings)
  checkCustomRules(config.rules.custom)
  if (invocation.shard !== undefined && scope !== undefined) throw usageError('--shard splits log files; it cannot be combined with --changed-since', 'E_USAGE')
  const all = await inputSources(run, invocation.files, io.cwd)
  const sources = invocation.shard === undefined ? all : await shardSources(all, invocation.shard)
  for (const note of scope?.notes ?? []) io.stderr.write(`${printable(note)}\n`)
  if (scope?.base !== undefined && sources.length === 0)
    io.stderr.write(`No changed log file (${gateOptions.globs?.join(', ')}) since ${scope.base.slice(0, 12)}.\n`)
  const gated = monitorConfig.failOn.length > 0
  if (invocation.exitOnFirst === true && !gated)
    throw usageError('--exit-on-first stops at the first record that fails the gate: give --fail-on (or monitor.failOn in the config)', 'E_USAGE')
  await checkReportTargets(gateOptions, io.cwd)
  // The files written at the end too (probed the same way: made, then removed).
  for (const file of [invocation.summaryOut, invocation.redactOut])
    if (file !== undefined) await (await AtomicFile.create(path.resolve(io.cwd, file), file)).abort()

  // Every mistake a user can make is reported above; the base side of a change is the first input read.
  const base = await baseSide(scope, settings, invocation.threads)
  settings.preexisting = base?.valueKeys
  settings.unchanged = base?.unchanged

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

  const sink = STDOUT_FORMATS[invocation.format]({quiet: invocation.quiet, color: colorEnabled(io.stdout, io.env), live: invocation.follow})
  const summaryFile =
    invocation.summaryOut === undefined ? undefined : await AtomicFile.create(path.resolve(io.cwd, invocation.summaryOut), invocation.summaryOut)
  const sanitizedCopy =
    invocation.redactOut === undefined ? undefined : await AtomicFile.create(path.resolve(io.cwd, invocation.redactOut), invocation.redactOut)
  const showProgress = invocation.format !== 'json' && !invocation.follow && io.stderr.isTTY === true && !io.env.CI && io.env.TERM !== 'dumb'
  const progress = showProgress ? new ProgressLine(io.stderr, undefined, await plainInputSize(sources)) : undefined
  const interrupt = interruptController()
  let result
  try {
    await write(sink.start)
    result = await scanSources({
      sources,
      settings,
      failOn: monitorConfig.failOn,
      follow: invocation.follow,
      signal: interrupt.signal,
      exitOnFirst: invocation.exitOnFirst === true,
      window: invocation.window,
      stdin: io.stdin,
      mode: sink.mode,
      threads: invocation.threads,
      // A summary file may be merged into reports later: it keeps every detail reports keep.
      details: invocation.summaryOut === undefined ? detailsNeeded(gateOptions) : MAX_DETAILS,
      async onRecords(output) {
        for (const piece of outputClosed ? [] : sink.records(output)) await write(piece)
      },
      onSanitized:
        sanitizedCopy === undefined
          ? undefined
          : async (sanitized) => {
              await sanitizedCopy.writer.write(sanitized)
            },
      onProgress: progress ? (p) => progress.update(p) : undefined,
    })
  } catch (error) {
    await sanitizedCopy?.abort()
    await summaryFile?.abort()
    if (error instanceof OutputClosed) return ExitCode.OK
    throw error
  } finally {
    interrupt.dispose()
    progress?.clear()
  }

  const {interrupted} = result
  const rules = rulesOf(detection).map(({id, type, category, severity, description}) => ({id, type, category, severity, description}))
  const {gate, notes} = await finishGate(result, gateOptions, {
    cwd: io.cwd,
    failOn: monitorConfig.failOn,
    ignores,
    rules,
    version: invocation.version ?? '0.0.0',
    base: base?.summary,
    interrupted,
    ignoredAtBase:
      scope?.base === undefined || gateOptions.ignoreFile === undefined ? undefined : await ignoredAtBase(io.cwd, scope.base, gateOptions.ignoreFile),
    weakenedConfig: trusted?.weakened,
    annotations: invocation.format === 'summary' ? io.stdout : io.stderr,
  })
  result.gate = gate
  // A partial copy would look complete: an interrupted run writes none.
  if (interrupted) await sanitizedCopy?.abort()
  else await sanitizedCopy?.commit()
  if (sanitizedCopy !== undefined && interrupted) io.stderr.write(`--redact-out: interrupted, ${invocation.redactOut} was not written\n`)
  if (summaryFile !== undefined) {
    // A partial summary would merge as if it were whole: an interrupted run writes none.
    if (interrupted) {
      await summaryFile.abort()
      io.stderr.write(`--summary-out: interrupted, ${invocation.summaryOut} was not written\n`)
    } else {
      const shards = invocation.shard === undefined ? null : {count: invocation.shard.count, covered: [invocation.shard.index]}
      const data = summaryFileOf(result, {version: invocation.version ?? '0.0.0', settings: settingsHash(settings, invocation.window), shards, rules})
      await summaryFile.writer.write(`${JSON.stringify(data)}\n`)
      await summaryFile.commit()
    }
  }

  const end = sink.end(result, formatSummary(result.summary, gate, {interrupted}))
  if (!outputClosed) await write(end.stdout)
  if (end.stderr) io.stderr.write(end.stderr)
  // --json keeps stderr empty for scripts; --quiet asks for silence.
  if (result.stoppedAtFirstFailure === true && invocation.format !== 'json')
    io.stderr.write('Stopped at the first record that fails the gate (--exit-on-first); the figures cover what was read until then.\n')
  if (notes && invocation.format !== 'json' && !invocation.quiet) io.stderr.write(notes)
  if (result.summary.records === 0 && result.summary.malformed_lines > 0 && invocation.format !== 'json') {
    for (const source of sources) {
      const hint = source.kind === 'file' ? await notJsonLinesHint(source.path, source.display) : undefined
      if (hint !== undefined) io.stderr.write(`Hint: ${printable(hint)}\n`)
    }
  }

  return interrupted ? ExitCode.INTERRUPTED : gate.passed ? ExitCode.OK : ExitCode.GATE_FAILED
}
