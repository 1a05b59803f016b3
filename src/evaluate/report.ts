/**
 * `llmops report`: the HTML report of a run (a summary file), with the comparison of two runs or
 * two versions when asked, and the feedback of each version; written whole or not at all.
 */
import path from 'node:path'

import {usageError} from '../errors.js'
import {AtomicFile} from '../io/atomic-file.js'
import {bySeverity} from '../report/gate-report.js'
import {renderReport} from '../report/html/page.js'
import type {RegressionLimits} from '../results/comparison.js'
import type {ReportData} from '../results/report-data.js'
import type {SummaryFile} from '../results/summary-file.js'
import {SummaryBuilder} from '../results/summary.js'
import {compareSides} from './compare.js'
import {loadFeedback, readRuns, type SidesRequest} from './load.js'
import {maskLabels} from './mask-labels.js'
import {feedbackFigures, runSide, versionSide} from './sides.js'

/** Findings listed in the report, most severe first (all are counted). */
export const REPORT_FINDINGS = 200

export interface ReportRequest extends SidesRequest {
  out: string
  limits: RegressionLimits
  version: string
}

/** The report's figures: the last file is the run shown; two files, or two versions, are compared. */
export async function reportData(request: ReportRequest): Promise<ReportData> {
  const {files, baselineVersion, candidateVersion} = request
  if (files.length === 0 || files.length > 2)
    throw usageError(`give one or two summary files, not ${files.length}`, 'E_USAGE', ['The report shows the last one; two are compared, baseline first.'])
  if ((baselineVersion === undefined) !== (candidateVersion === undefined))
    throw usageError('give both --baseline-version and --candidate-version, or neither', 'E_USAGE')
  const runs = await readRuns(request)
  const notes: string[] = []
  const feedback = await loadFeedback(request, notes)
  const shown = runs.at(-1) as {file: string; data: SummaryFile}
  const [first] = runs as [{file: string; data: SummaryFile}]
  let comparison = null
  if (runs.length === 2 || baselineVersion !== undefined) {
    const side = (run: {file: string; data: SummaryFile}, version: string | undefined, flag: string) =>
      version === undefined ? runSide(run.file, run.data, feedback) : versionSide(version, run.data, run.file, flag, feedback)
    comparison = compareSides(side(first, baselineVersion, '--baseline-version'), side(shown, candidateVersion, '--candidate-version'), request.limits)
    notes.push(...comparison.notes)
  }

  const builder = SummaryBuilder.from(shown.data.tallies)
  const summary = builder.finish(shown.data.inputs, shown.data.duration_ms)
  const all = builder.sortedDetails()
  const versions = shown.data.tallies.group_by === 'model_version' ? Object.keys(summary.groups) : []
  const byVersion = versions.map((version) => ({version, ...feedbackFigures(feedback, new Set([version]), summary.window)}))
  return maskLabels({
    tool: {name: 'llmops', version: request.version},
    sources: files,
    summary,
    findings: bySeverity(all).slice(0, REPORT_FINDINGS),
    findingsTotal: summary.findings.total + summary.findings.ignored + summary.findings.preexisting,
    comparison,
    feedback: {types: [...new Set(byVersion.flatMap((v) => Object.keys(v.by_type)))].sort(), versions: byVersion},
    notes,
  })
}

/** Builds the report and writes it atomically; returns its size in bytes. */
export async function writeReport(request: ReportRequest): Promise<{bytes: number; data: ReportData}> {
  // The target is checked before anything is read: a typo in --out fails at once.
  const file = await AtomicFile.create(path.resolve(request.cwd, request.out), request.out)
  try {
    const data = await reportData(request)
    const html = renderReport(data)
    await file.writer.write(html)
    await file.commit()
    return {bytes: Buffer.byteLength(html), data}
  } catch (error) {
    await file.abort()
    throw error
  }
}
