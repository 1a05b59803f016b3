/**
 * `llmops monitor` for a stream in a program: the same pipeline (`scanSources`), the same record
 * objects it prints as JSON Lines, and the summary at the end.
 */
import type {MonitorResult} from '../results/run.js'
import type {RecordResult} from '../results/record.js'
import type {GateResult} from '../results/gate.js'
import type {MonitorSummary} from '../results/summary.js'
import {scanSources} from '../monitor/scan-sources.js'
import {Channel} from './channel.js'
import {settingsOf, type LlmopsOptions} from './options.js'

export interface MonitorStreamOptions extends LlmopsOptions {
  /** The name records carry in `file` (default `-`, as for standard input). */
  file?: string
}

/** What a finished run says: the summary `--json` prints, and the verdict of `monitor.failOn`. */
export interface MonitorStreamResult {
  summary: MonitorSummary
  gate: GateResult
  /** The caller stopped reading records before the end of the input. */
  stopped: boolean
}

export interface MonitorStream extends AsyncIterable<RecordResult> {
  /**
   * Waits for the end of the run and gives its summary. Records not read by then are skipped:
   * call it after the loop, or on its own for the summary only.
   */
  result(): Promise<MonitorStreamResult>
}

async function* buffers(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

const decoder = new TextDecoder()

/** The records of one frame's JSON Lines, as objects. */
function recordsOf(output: Uint8Array): RecordResult[] {
  return decoder
    .decode(output)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordResult)
}

/**
 * Scan a stream of JSON Lines (a Node readable, or any async iterable of bytes or strings) and
 * yield one record per line, in order, as soon as its line is complete. The config is read
 * at once: a bad one throws here, before anything is read.
 */
export function monitorStream(input: AsyncIterable<Uint8Array | string>, options: MonitorStreamOptions = {}): MonitorStream {
  const settings = settingsOf(options)
  const stop = new AbortController()
  const channel = new Channel<RecordResult>(() => stop.abort())
  let run: Promise<MonitorResult> | undefined
  const start = (): Promise<MonitorResult> => {
    run ??= scanSources({
      sources: [{kind: 'stream', display: options.file ?? '-', open: () => buffers(input), live: true}],
      settings,
      failOn: settings.monitor.failOn,
      signal: stop.signal,
      onRecords: (output) => channel.send(recordsOf(output)),
    }).then(
      (result) => {
        channel.end()
        return result
      },
      (error: unknown) => {
        channel.end({error})
        throw error
      },
    )
    // The error reaches the caller through the loop or result(); never as an unhandled rejection.
    run.catch(() => {})
    return run
  }

  return {
    [Symbol.asyncIterator]() {
      void start()
      return channel
    },
    async result() {
      const started = start()
      channel.drop()
      const {summary, gate, interrupted} = await started
      return {summary, gate, stopped: interrupted}
    },
  }
}
