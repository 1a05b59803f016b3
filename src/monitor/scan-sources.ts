/** The monitor's pipeline: read each source, frame it into lines, analyse them (main thread and workers), emit records in input order, tally the summary. */
import type {FailOn} from '../config/schema.js'
import {RESTARTED, followChunks} from '../io/follow.js'
import {LineFramer, type Frame} from '../io/framer.js'
import {Unscannable} from '../io/decode.js'
import {openChunks, type InputSource} from '../io/input.js'
import type {OutputMode} from '../report/reporter.js'
import {singleResult, type BatchJob} from './batch.js'
import {unscannableInput} from './analyze.js'
import {AnalysisPool, type PoolResult} from './pool.js'
import {SummaryBuilder} from '../results/summary.js'
import {evaluateGate} from '../gate/evaluate.js'
import {LineKeys} from '../io/line-keys.js'
import {prepareContext, type ContextSettings} from './context.js'
import type {MonitorResult} from '../results/run.js'
import type {RecordFacts} from '../results/record.js'

export interface ScanSourcesOptions {
  sources: InputSource[]
  settings: ContextSettings
  failOn: readonly FailOn[]
  /** Keep reading the (single) file as it grows, until `signal` aborts. */
  follow?: boolean
  /** Stops the run between frames (Ctrl-C); the summary covers what was read. */
  signal?: AbortSignal
  /** --exit-on-first: stop reading after the first record that fails `failOn` (a live log's alarm). */
  exitOnFirst?: boolean
  /** Read for a `stdin` source (default: the process's standard input). */
  stdin?: NodeJS.ReadableStream
  /** Keep every finding's value key (the base side of --changed-since). */
  collectValueKeys?: boolean
  /** Keep the key of every line, per input (`LineKeys`: the base side of --changed-since). */
  collectLineKeys?: boolean
  /** Findings kept with their details for reports (default MAX_DETAILS); all are counted. */
  details?: number
  /** Worker threads besides the main thread (0: analyse on the main thread only). */
  threads?: number
  /** How records are formatted for `onRecords`. */
  mode?: OutputMode
  /** Receives each frame's formatted records (never empty), in input order; awaited (backpressure). */
  onRecords: (output: Uint8Array) => void | Promise<void>
  /** With it, the sanitized copy of the input lines (`--redact-out`), in input order. */
  onSanitized?: (sanitized: Uint8Array) => void | Promise<void>
  onProgress?: (progress: {bytes: number; records: number}) => void
  /** --since/--until: only records whose own time is in [since, until) are reported and counted. */
  window?: {since: Date | undefined; until: Date | undefined} | undefined
}

/** Frames analysed on the main thread before worker threads start: small inputs never pay for them. */
const FRAMES_BEFORE_THREADS = 8

/**
 * Read -> frame into whole lines -> analyse (main thread and workers) -> emit in input order.
 * Memory stays flat whatever the input size: a few frames are in flight at a time.
 */
export async function scanSources(options: ScanSourcesOptions): Promise<MonitorResult> {
  const started = performance.now()
  const context = prepareContext(options.settings)
  const mode = options.mode ?? 'jsonl'
  const summary = new SummaryBuilder(context.config.slowMs, context.config.groupBy)
  if (options.collectValueKeys) summary.valueKeys = new Set()
  if (options.details !== undefined) summary.detailLimit = options.details
  const {window} = options
  const batch = {
    mode,
    sanitized: options.onSanitized !== undefined,
    window: window === undefined ? undefined : {sinceMs: window.since?.getTime(), untilMs: window.until?.getTime()},
    lineKeys: options.collectLineKeys === true,
  }
  const lineKeys = options.collectLineKeys === true ? new Map<string, LineKeys>() : undefined
  const keep = (file: string, result: PoolResult): PoolResult => {
    if (lineKeys !== undefined && result.keys !== undefined) {
      let keys = lineKeys.get(file)
      if (keys === undefined) lineKeys.set(file, (keys = new LineKeys()))
      keys.addAll(result.keys)
    }

    return result
  }
  if (window !== undefined)
    summary.window = {since: window.since?.toISOString() ?? null, until: window.until?.toISOString() ?? null, before: 0, after: 0, untimed: 0}
  const pool = new AnalysisPool(context, {settings: options.settings, options: batch}, options.follow ? 0 : (options.threads ?? 0))
  const queue: Array<Promise<PoolResult>> = []
  let bytes = 0
  let lines = 0
  let frames = 0

  const firstFailure = new AbortController()
  const collect = async (result: PoolResult): Promise<void> => {
    summary.blankLines += result.blank
    summary.unchangedLines += result.unchanged
    if (result.outside !== undefined && summary.window !== null) {
      summary.window.before += result.outside.before
      summary.window.after += result.outside.after
      summary.window.untimed += result.outside.untimed
    }
    for (const facts of result.facts) {
      summary.add(facts)
      if (options.exitOnFirst && !firstFailure.signal.aborted && failsGate(facts, options.failOn, context.config.slowMs)) firstFailure.abort()
    }

    if (result.output.length > 0) await options.onRecords(result.output)
    if (result.sanitized.length > 0) await options.onSanitized?.(result.sanitized)
    options.onProgress?.({bytes, records: lines})
  }

  /** Keep at most `limit` frames in flight; emit finished ones in order. */
  const drain = async (limit: number): Promise<void> => {
    while (queue.length > limit) await collect(await (queue.shift() as Promise<PoolResult>))
  }

  const dispatch = async (source: InputSource, frame: Frame, firstLine: number, live: boolean): Promise<void> => {
    const job: BatchJob = {file: source.display, firstLine}
    if ('bytes' in frame) job.bytes = frame.bytes
    else job.oversized = frame.oversized
    const running = frames++ < FRAMES_BEFORE_THREADS || live ? pool.runInline(job) : pool.run(job)
    const task = lineKeys === undefined ? running : running.then((result) => keep(source.display, result))
    // A worker that dies rejects every frame it held: the oldest is awaited (and reported), the
    // others must not surface as unhandled rejections, which would crash with a stack trace.
    task.catch(() => {})
    queue.push(task)
    // Live input (a followed file, a pipe) is shown at once; files keep a few frames in flight.
    await drain(live ? 0 : pool.capacity)
  }

  const aborted = (): boolean => options.signal?.aborted === true || firstFailure.signal.aborted
  const stopped = options.signal === undefined ? firstFailure.signal : AbortSignal.any([options.signal, firstFailure.signal])
  try {
    for (const source of options.sources) {
      if (aborted()) break
      const live = options.follow === true || source.kind === 'stdin' || (source.kind === 'stream' && source.live === true)
      let framer = new LineFramer(context.config.maxLineBytes)
      let nextLine = source.kind === 'file' ? (source.firstLine ?? 1) : 1
      const send = async (batch: Frame[]): Promise<void> => {
        for (const frame of batch) {
          await dispatch(source, frame, nextLine, live)
          nextLine += frame.lines
          lines += frame.lines
        }
      }

      const limits = {maxDecodedBytes: context.config.maxDecodedBytes, maxExpansion: context.config.maxExpansion}
      const chunks =
        options.follow && source.kind === 'file'
          ? followChunks(source.path, source.display, {signal: stopped})
          : openChunks(source, options.stdin, stopped, limits)
      try {
        for await (const chunk of chunks) {
          if (chunk === RESTARTED) {
            await send(framer.end())
            framer = new LineFramer(context.config.maxLineBytes)
            nextLine = 1
            continue
          }

          bytes += chunk.length
          await send(framer.push(chunk))
          if (aborted() && !options.follow) break
        }

        // An interrupted read ends inside a line: that partial record is not reported as malformed.
        if (!aborted()) await send(framer.end())
      } catch (error) {
        if (!(error instanceof Unscannable)) throw error
        // What was read is reported; the rest of this input is one unscannable result, and the run goes on.
        await drain(0)
        await collect(singleResult(unscannableInput(source.display, nextLine, error.reason), batch))
      }
    }

    await drain(0)
  } finally {
    await pool.close()
  }

  const final = summary.finish(
    options.sources.map((s) => s.display),
    performance.now() - started,
  )
  return {
    summary: final,
    gate: evaluateGate(final, options.failOn),
    interrupted: options.signal?.aborted === true,
    stoppedAtFirstFailure: firstFailure.signal.aborted,
    findings: summary.sortedDetails(),
    findingsLeftOut: summary.detailsLeftOut,
    usedIgnores: summary.usedIgnores,
    valueKeys: summary.valueKeys,
    ...(lineKeys === undefined ? {} : {lineKeys}),
    tallies: summary,
  }
}

const UNSCANNED_KINDS: ReadonlySet<string> = new Set(['line_too_long', 'unscannable'])

/** Whether one record alone fails the gate's categories (what --exit-on-first stops at). */
function failsGate(facts: RecordFacts, failOn: readonly FailOn[], slowMs: number): boolean {
  const fresh = (category: string): boolean =>
    facts.findings.some((f) => f.category === category && !f.ignored && !f.preexisting) || Object.values(facts.omitted).some((o) => o.category === category)
  return failOn.some((c) => {
    if (c === 'pii' || c === 'secret') return fresh(c) || facts.errors.some((e) => UNSCANNED_KINDS.has(e))
    if (c === 'error') return facts.errors.length > 0
    return facts.latency !== null && facts.latency > slowMs
  })
}
