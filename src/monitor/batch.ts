import {LineSplitter, OversizedLine} from '../io/lines.js'
import {formatRecord} from '../report/jsonl.js'
import {analyzeLine} from './analyze.js'
import {digestOf, type AnalyzeContext, type Digest} from './types.js'

const PIECE = 32 * 1024

/** How records are written: one per line (JSONL), as members of a JSON array, or not at all. */
export type OutputMode = 'jsonl' | 'json' | 'none'

/** A frame of whole lines of one input, as raw bytes: what the main thread hands to a worker. */
export interface BatchJob {
  file: string
  firstLine: number
  observedAt: string
  /** UTF-8 bytes of complete lines; absent for an over-long line. */
  bytes?: Uint8Array
  /** Size of an over-long line whose bytes were dropped. */
  oversized?: number
}

export interface BatchResult {
  /**
   * The formatted records: JSONL lines each ended by `\n`, or JSON members joined by `,\n`;
   * in pieces of about PIECE characters, so that no string lands in V8's large-object space.
   */
  output: string[]
  digests: Digest[]
  blank: number
}

function linesOf(job: BatchJob, maxLineBytes: number): Array<string | OversizedLine> {
  if (job.bytes === undefined) return [new OversizedLine(job.oversized ?? 0)]
  const splitter = new LineSplitter(maxLineBytes)
  return [...splitter.push(job.bytes).lines, ...splitter.end().lines]
}

/** Decode, analyse and format a frame: the same code runs on the main thread and in workers. */
export function processBatch(job: BatchJob, ctx: AnalyzeContext, mode: OutputMode): BatchResult {
  const result: BatchResult = {output: [], digests: [], blank: 0}
  const separator = mode === 'json' ? ',\n' : '\n'
  let piece = ''
  for (const [i, line] of linesOf(job, ctx.config.maxLineBytes).entries()) {
    if (typeof line === 'string' && line.trim() === '') {
      result.blank++
      continue
    }

    const analyzed = analyzeLine(line, job.file, job.firstLine + i, job.observedAt, ctx)
    result.digests.push(digestOf(analyzed))
    if (mode === 'none') continue
    const record = formatRecord(analyzed)
    if (piece.length + record.length > PIECE && piece !== '') {
      result.output.push(piece)
      piece = separator === '\n' ? '' : separator
    } else if (piece !== '' && mode === 'json') {
      piece += separator
    }

    piece += mode === 'json' ? record : record + '\n'
  }

  if (piece !== '') result.output.push(piece)
  return result
}
