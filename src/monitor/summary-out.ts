/**
 * The summary file of a run (`--summary-out`) and reading such files back for a merge: the
 * settings hash that decides which parts may be merged, and errors that name the file.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {problemsOf} from '../config/issues.js'
import {usageError} from '../errors.js'
import {readProblem} from '../io/fs-problem.js'
import type {MonitorResult} from '../results/run.js'
import {checkSummaryFile, SUMMARY_FILE_VERSION, type RuleInfo, type SummaryFile} from '../results/summary-file.js'
import type {ContextSettings} from './context.js'

/**
 * Everything that changes what a record counts as, hashed: parts of one scan share it. The salt
 * (it only changes masks and value keys) and the gate's own settings (--fail-on, thresholds:
 * the merge applies them) are left out.
 */
export function settingsHash(settings: ContextSettings, window?: {since: Date | undefined; until: Date | undefined}): string {
  const {failOn: _failOn, ...monitor} = settings.monitor
  const {salt: _salt, ...redaction} = settings.detection.redaction
  // Parts of one run cover one window: a window is part of what a record counts as.
  const span = window === undefined ? undefined : {since: window.since?.toISOString() ?? null, until: window.until?.toISOString() ?? null}
  const canonical = JSON.stringify({
    monitor,
    rules: settings.detection.rules,
    allowlist: settings.detection.allowlist,
    redaction,
    redact: settings.redact,
    ignored: [...(settings.ignored ?? [])].sort(),
    ...(span === undefined ? {} : {window: span}),
  })
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`
}

export function summaryFileOf(result: MonitorResult, meta: {version: string; settings: string; shards: SummaryFile['shards']; rules: RuleInfo[]}): SummaryFile {
  return {
    format: 'llmops-summary',
    version: SUMMARY_FILE_VERSION,
    tool: {name: 'llmops', version: meta.version},
    settings: meta.settings,
    shards: meta.shards,
    inputs: result.summary.inputs,
    rules: meta.rules,
    duration_ms: result.summary.duration_ms,
    tallies: result.tallies.state(),
  }
}

/** Reads and validates one summary file; every problem is a usage error (exit 2) that names it. */
export async function readSummaryFile(file: string, cwd: string): Promise<SummaryFile> {
  let text: string
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8')
  } catch (error) {
    throw usageError(`summary file ${file} ${readProblem(error)}`, 'E_INPUT_NOT_FOUND', ['Give files written by llmops monitor --summary-out.'])
  }

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw usageError(`summary file ${file} is not JSON`, 'E_SUMMARY_INVALID', ['Give files written by llmops monitor --summary-out.'])
  }

  const checked = checkSummaryFile(data)
  if ('file' in checked) return checked.file
  const problems = problemsOf(checked.issues, 'key', data)
    .slice(0, 5)
    .map(({where, what}) => `${where}: ${what}`)
  throw usageError(`summary file ${file} is not a valid llmops summary:\n  ${problems.join('\n  ')}`, 'E_SUMMARY_INVALID', [
    'Give files written by llmops monitor --summary-out.',
  ])
}
