import {ByteSink} from '../io/byte-sink.js'
import {frameLines, OversizedLine} from '../io/lines.js'
import {formatRecord, recordHead} from '../report/jsonl.js'
import type {OutputMode} from '../report/reporter.js'
import {lineKeyInto} from '../io/line-keys.js'
import {analyzeLine} from './analyze.js'
import {factsOf, type Analyzed, type RecordFacts} from '../results/record.js'
import {recordTokens} from './tokens.js'
import {type AnalyzeContext} from './types.js'

/** A frame of whole lines of one input, as raw bytes: what the main thread hands to a worker. */
export interface BatchJob {
  file: string
  firstLine: number
  /** UTF-8 bytes of complete lines; absent for an over-long line. */
  bytes?: Uint8Array
  /** Size of an over-long line whose bytes were dropped. */
  oversized?: number
}

/** What a batch produces besides facts: the records in `mode`, and the sanitized copy if asked. */
export interface BatchOptions {
  mode: OutputMode
  /** Produce the sanitized copy of the input lines (`--redact-out`). */
  sanitized: boolean
  /** --since/--until in ms (`until` excluded): only records whose own time falls inside are reported and counted. */
  window?: {sinceMs: number | undefined; untilMs: number | undefined} | undefined
  /** Also give the key of every line that is not blank (`lineKeyInto`): the base side of --changed-since. */
  lineKeys?: boolean
}

/** Lines a window left out: records before or after it, and lines without a time of their own. */
export interface Outside {
  before: number
  after: number
  untimed: number
}

export interface BatchResult {
  /** The formatted records as UTF-8: JSONL lines each ended by `\n`, or JSON members joined by `,\n`. */
  output: Uint8Array
  facts: RecordFacts[]
  blank: number
  /** Lines skipped because they were already there at the base (--changed-since). */
  unchanged: number
  /** The input lines with every detected value replaced, each ended by `\n`, as UTF-8 (with `sanitized`). */
  sanitized: Uint8Array
  /** With a window: what it left out. */
  outside?: Outside
  /** With `lineKeys`: the key of each line that is not blank, too long or unchanged (4 words each). */
  keys?: Uint32Array
}

/** Stands in the sanitized copy for a line too long to scan, so that line numbers still match. */
export function tooLongPlaceholder(length: number): string {
  return JSON.stringify({llmops: 'line_too_long', note: 'removed from the sanitized copy: too long to scan', length})
}

/** Stands in the sanitized copy for a line the engine could not scan. */
export function unscannablePlaceholder(length: number): string {
  return JSON.stringify({llmops: 'unscannable', note: 'removed from the sanitized copy: could not be scanned', length})
}

/** The line as it goes into the sanitized copy: never a line that was not scanned. */
function sanitizedLine(line: string | OversizedLine, analyzed: Analyzed | undefined): string {
  if (line instanceof OversizedLine) return tooLongPlaceholder(line.length)
  if (analyzed === undefined) return line
  return analyzed.sanitized ?? unscannablePlaceholder(line.length)
}

/** Where a record falls outside the window, or undefined when inside. A line that does not say when it happened is in no window (docs/evaluate.md). */
function placeOf(ms: number | undefined, window: NonNullable<BatchOptions['window']>): keyof Outside | undefined {
  if (ms === undefined) return 'untimed'
  if (window.sinceMs !== undefined && ms < window.sinceMs) return 'before'
  if (window.untilMs !== undefined && ms >= window.untilMs) return 'after'
  return undefined
}

function linesOf(job: BatchJob, maxLineBytes: number, spans: number[]): Array<string | OversizedLine> {
  if (job.bytes === undefined) return [new OversizedLine(job.oversized ?? 0)]
  return frameLines(job.bytes, maxLineBytes, job.firstLine === 1, spans)
}

/**
 * Writes a record's output line (without its line break). A line in which nothing was found is
 * its own `original_interaction`: its input bytes are copied after the head, where they are the
 * line's exact UTF-8 (`span`, see frameLines) and hold no carriage return to turn into a space.
 * That saves building and encoding a second copy of every clean line (4% of the CPU on the
 * benchmark's log).
 */
export function writeRecord(out: ByteSink, analyzed: Analyzed, line: string | OversizedLine, frame: Uint8Array | undefined, start: number, end: number): void {
  if (frame !== undefined && start >= 0 && typeof line === 'string' && analyzed.raw === line && !line.includes('\r')) {
    out.text(recordHead(analyzed))
    out.copy(frame, start, end)
    out.text('}')
  } else out.text(formatRecord(analyzed))
}

/**
 * Writes a line of the sanitized copy. A line in which nothing was replaced is copied from its
 * input bytes, where they are its exact UTF-8 (`span`, see frameLines).
 */
function writeSanitized(
  out: ByteSink,
  line: string | OversizedLine,
  analyzed: Analyzed | undefined,
  frame: Uint8Array | undefined,
  start: number,
  end: number,
): void {
  const text = sanitizedLine(line, analyzed)
  if (frame !== undefined && start >= 0 && text === line) out.copy(frame, start, end)
  else out.text(text)
  out.text('\n')
}

/** One result on its own (an input that could not be read), formatted as a batch would. */
export function singleResult(analyzed: Analyzed, options: BatchOptions): BatchResult {
  const out = new ByteSink(0)
  if (options.mode !== 'none') out.text(formatRecord(analyzed) + (options.mode === 'json' ? '' : '\n'))
  const sanitized = new ByteSink(0)
  if (options.sanitized) sanitized.text(unscannablePlaceholder(0) + '\n')
  return {output: out.done(), facts: [factsOf(analyzed)], blank: 0, unchanged: 0, sanitized: sanitized.done()}
}

/** Decode, analyse and format a frame: the same code runs on the main thread and in workers. */
export function processBatch(job: BatchJob, ctx: AnalyzeContext, options: BatchOptions): BatchResult {
  const result: BatchResult = {output: new Uint8Array(0), facts: [], blank: 0, unchanged: 0, sanitized: new Uint8Array(0)}
  const {window} = options
  const outside = window === undefined ? undefined : (result.outside = {before: 0, after: 0, untimed: 0})
  const unchanged = options.sanitized ? undefined : ctx.unchanged?.get(job.file)
  // Records are about as long as their lines, plus their fields and findings.
  const output = options.mode === 'none' ? undefined : new ByteSink(((job.bytes?.length ?? 0) * 3) / 2 + 4096)
  const sanitized = options.sanitized ? new ByteSink((job.bytes?.length ?? 0) + 4096) : undefined
  const spans: number[] = []
  const lines = linesOf(job, ctx.config.maxLineBytes, spans)
  const keys = options.lineKeys === true ? new Uint32Array(4 * lines.length) : undefined
  let keyCount = 0
  let first = true
  for (const [i, line] of lines.entries()) {
    const blank = typeof line === 'string' && line.trim() === ''
    if (!blank && typeof line === 'string') {
      if (unchanged?.has(line) === true) {
        result.unchanged++
        continue
      }

      if (keys !== undefined) lineKeyInto(line, keys, 4 * keyCount++)
    }

    const analyzed = blank ? undefined : analyzeLine(line, job.file, job.firstLine + i, ctx)
    if (sanitized !== undefined) writeSanitized(sanitized, line, analyzed, job.bytes, spans[2 * i] ?? -1, spans[2 * i + 1] ?? -1)
    if (analyzed === undefined) {
      result.blank++
      continue
    }

    const facts = factsOf(analyzed)
    const place = window === undefined ? undefined : placeOf(facts.timeMs, window)
    if (place !== undefined && outside !== undefined) {
      outside[place]++
      continue
    }

    const tokens = recordTokens(analyzed.record)
    if (tokens !== undefined) facts.tokens = tokens
    result.facts.push(facts)
    if (output === undefined) continue
    if (options.mode === 'json' && !first) output.text(',\n')
    writeRecord(output, analyzed, line, job.bytes, spans[2 * i] ?? -1, spans[2 * i + 1] ?? -1)
    if (options.mode !== 'json') output.text('\n')
    first = false
  }

  if (output !== undefined) result.output = output.done()
  if (sanitized !== undefined) result.sanitized = sanitized.done()
  if (keys !== undefined) result.keys = keys.slice(0, 4 * keyCount)
  return result
}
