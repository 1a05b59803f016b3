/**
 * The two sides of a comparison from the command line: two summary files (two runs, two windows),
 * or one with two model versions; feedback read once and joined to each side.
 */
import {existsSync} from 'node:fs'

import {usageError} from '../errors.js'
import {feedbackSettings} from '../feedback/settings.js'
import {readRecords} from '../feedback/store.js'
import type {FeedbackRecord} from '../feedback/record.js'
import {summaryOrScan, type ScanRequest} from '../monitor/summarize-logs.js'
import type {SideFigures} from '../results/comparison.js'
import type {SummaryFile} from '../results/summary-file.js'
import {printable} from '../text/printable.js'
import {runSide, versionSide} from './sides.js'

export interface SidesRequest {
  /** One summary file or log (with both versions) or two (baseline first); a log is scanned first. */
  files: string[]
  /** How a log given instead of a summary file is scanned. */
  scan: ScanRequest
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
  baselineVersion?: string | undefined
  candidateVersion?: string | undefined
  /** --feedback: the feedback file (else $LLMOPS_FEEDBACK_FILE, the config's, chatbot_feedback.jsonl). */
  feedbackFile?: string | undefined
  config?: string | undefined
  cwd: string
  env: NodeJS.ProcessEnv
}

export interface LoadedSides {
  baseline: SideFigures
  candidate: SideFigures
  /** The summary files as read, in argument order. */
  runs: Array<{file: string; data: SummaryFile}>
  feedback: FeedbackRecord[]
  notes: string[]
}

const HINT = 'Give two summary files (llmops monitor --summary-out) or logs, baseline first, or one with --baseline-version and --candidate-version.'

/** Reads the feedback file: a named one must exist; the default one may be absent (no feedback yet). */
export async function loadFeedback(request: Pick<SidesRequest, 'feedbackFile' | 'config' | 'cwd' | 'env'>, notes: string[]): Promise<FeedbackRecord[]> {
  const settings = await feedbackSettings({file: request.feedbackFile, config: request.config, cwd: request.cwd, env: request.env})
  if (!existsSync(settings.file)) {
    if (settings.explicit)
      throw usageError(`feedback file ${printable(settings.shown)} not found`, 'E_FEEDBACK_MISSING', [
        'Check the path given with --feedback or $LLMOPS_FEEDBACK_FILE.',
      ])
    notes.push(`no feedback file (${settings.shown}): feedback figures are empty`)
    return []
  }

  const {records, warnings} = await readRecords(settings.file, settings.shown)
  notes.push(...warnings)
  return records
}

/** The summary files, or the logs scanned into summaries, in argument order (scans one after the other). */
export async function readRuns(request: SidesRequest): Promise<Array<{file: string; data: SummaryFile}>> {
  const runs: Array<{file: string; data: SummaryFile}> = []
  for (const file of request.files) runs.push({file, data: await summaryOrScan(file, request.scan, request)})
  return runs
}

export async function loadSides(request: SidesRequest): Promise<LoadedSides> {
  const {files, baselineVersion, candidateVersion} = request
  if (files.length === 0 || files.length > 2) throw usageError(`give one or two summary files, not ${files.length}`, 'E_USAGE', [HINT])
  if (files.length === 1 && (baselineVersion === undefined || candidateVersion === undefined)) {
    throw usageError('one summary file compares two of its model versions: give --baseline-version and --candidate-version', 'E_USAGE', [HINT])
  }

  const runs = await readRuns(request)
  const notes: string[] = []
  const feedback = await loadFeedback(request, notes)
  const [first, second = first] = runs as [{file: string; data: SummaryFile}, {file: string; data: SummaryFile}?]
  if (first.data.settings !== second.data.settings)
    notes.push(`${first.file} and ${second.file} were scanned with different settings: part of a difference may come from that`)
  const side = (run: {file: string; data: SummaryFile}, version: string | undefined, flag: string): SideFigures =>
    version === undefined ? runSide(run.file, run.data, feedback) : versionSide(version, run.data, run.file, flag, feedback)
  const baseline = side(first, baselineVersion, '--baseline-version')
  const candidate = side(second, candidateVersion, '--candidate-version')
  for (const run of runs) {
    if (run.data.tallies.group_by !== 'model_version' && (baselineVersion === undefined || candidateVersion === undefined)) {
      notes.push(`${run.file} is not grouped by model_version: no feedback is joined to it`)
    }
  }

  return {baseline, candidate, runs, feedback, notes}
}
