/**
 * Logs scanned straight into a summary file, for `llmops compare` and `llmops report` given a log
 * instead of a summary: the same settings, figures and file as `llmops monitor --summary-out`,
 * without records on stdout.
 */
import {open} from 'node:fs/promises'
import path from 'node:path'

import {checkCustomRules} from '../config/check-rules.js'
import {rulesOf} from '../detector.js'
import {MAX_DETAILS} from '../results/summary.js'
import type {SummaryFile} from '../results/summary-file.js'
import {prepareContext} from './context.js'
import type {MonitorIo} from './invocation.js'
import {inputSources, resolveRun} from './resolve.js'
import {scanSources} from './scan-sources.js'
import {readSummaryFile, settingsHash, summaryFileOf} from './summary-out.js'

/** A summary file starts with its format key (as llmops writes it, or pretty-printed); a log does not. */
const SUMMARY_START = /^\s*\{\s*"format"\s*:\s*"llmops-summary"/

export async function isSummaryFile(file: string, cwd: string): Promise<boolean> {
  const handle = await open(path.resolve(cwd, file), 'r').catch(() => undefined)
  if (handle === undefined) return file.endsWith('.json')
  try {
    const {buffer, bytesRead} = await handle.read(Buffer.alloc(256), 0, 256, 0)
    return SUMMARY_START.test(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}

export interface ScanRequest {
  configPath?: string | undefined
  version: string
  threads: number
}

/** Scans the logs (gzip, several files; not stdin) with the config, as one run. */
export async function summarizeLogs(files: string[], request: ScanRequest, io: MonitorIo): Promise<SummaryFile> {
  const invocation = {
    files,
    configPath: request.configPath,
    overrides: {},
    redact: true,
    follow: false,
    format: 'summary' as const,
    quiet: true,
    threads: request.threads,
    explicitFiles: true,
  }
  const run = await resolveRun(invocation, io)
  prepareContext(run.settings)
  checkCustomRules(run.config.rules.custom)
  const sources = await inputSources(run, files, io.cwd)
  const result = await scanSources({
    sources,
    settings: run.settings,
    failOn: [],
    stdin: io.stdin,
    mode: 'none',
    threads: request.threads,
    details: MAX_DETAILS,
    onRecords: () => {},
  })
  const rules = rulesOf(run.detection).map(({id, type, category, severity, description}) => ({id, type, category, severity, description}))
  return summaryFileOf(result, {version: request.version, settings: settingsHash(run.settings), shards: null, rules})
}

/** A summary file as it is, or the logs it names scanned into one. */
export async function summaryOrScan(file: string, request: ScanRequest, io: MonitorIo): Promise<SummaryFile> {
  return (await isSummaryFile(file, io.cwd)) ? readSummaryFile(file, io.cwd) : summarizeLogs([file], request, io)
}
