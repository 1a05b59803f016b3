import type {FailOn} from '../config/schema.js'
import {RESTARTED, followChunks} from '../io/follow.js'
import {openChunks, type InputSource} from '../io/input.js'
import {LineSplitter, type LineBatch} from '../io/lines.js'
import {analyzeLine} from './analyze.js'
import {SummaryBuilder, evaluateGate, type GateResult, type MonitorSummary} from './summary.js'
import type {AnalyzeContext, Analyzed} from './types.js'

export interface MonitorRunOptions {
  sources: InputSource[]
  context: AnalyzeContext
  failOn: readonly FailOn[]
  /** Keep reading the (single) file as it grows, until `signal` aborts. */
  follow?: boolean
  /** Stops the run between batches (Ctrl-C); the summary covers what was read. */
  signal?: AbortSignal
  stdin: NodeJS.ReadableStream
  /** Receives the results of each batch of lines, in input order; awaited (backpressure). */
  onRecords: (batch: Analyzed[]) => void | Promise<void>
  onProgress?: (progress: {bytes: number; records: number}) => void
  now?: () => Date
}

export interface MonitorResult {
  summary: MonitorSummary
  gate: GateResult
  interrupted: boolean
}

/** Read -> analyse -> emit, batch by batch: memory stays flat whatever the input size. */
export async function runMonitor(options: MonitorRunOptions): Promise<MonitorResult> {
  const started = performance.now()
  const now = options.now ?? (() => new Date())
  const {context} = options
  const summary = new SummaryBuilder(context.config.slowMs, context.config.groupBy)
  let bytes = 0
  let lines = 0

  const emit = async (source: InputSource, batch: LineBatch): Promise<void> => {
    if (batch.lines.length === 0) return
    const observedAt = now().toISOString()
    const records: Analyzed[] = []
    for (const [i, line] of batch.lines.entries()) {
      if (typeof line === 'string' && line.trim() === '') {
        summary.blankLines++
        continue
      }

      const analyzed = analyzeLine(line, source.display, batch.firstLine + i, observedAt, context)
      summary.add(analyzed)
      records.push(analyzed)
    }

    lines += batch.lines.length
    if (records.length > 0) await options.onRecords(records)
    options.onProgress?.({bytes, records: lines})
  }

  const aborted = (): boolean => options.signal?.aborted === true
  for (const source of options.sources) {
    if (aborted()) break
    const newSplitter = (): LineSplitter => new LineSplitter(context.config.maxLineLength)
    let splitter = newSplitter()
    const chunks =
      options.follow && source.kind === 'file' && options.signal
        ? followChunks(source.path, source.display, {signal: options.signal})
        : openChunks(source, options.stdin, options.signal)
    for await (const chunk of chunks) {
      if (chunk === RESTARTED) {
        await emit(source, splitter.end())
        splitter = newSplitter()
        continue
      }

      bytes += chunk.length
      await emit(source, splitter.push(chunk))
      if (aborted() && !options.follow) break
    }

    // An interrupted read ends inside a line: that partial record is not reported as malformed.
    if (!aborted()) await emit(source, splitter.end())
  }

  const final = summary.finish(
    options.sources.map((s) => s.display),
    performance.now() - started,
  )
  return {summary: final, gate: evaluateGate(final, options.failOn), interrupted: aborted()}
}
