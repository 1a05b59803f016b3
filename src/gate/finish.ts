import path from 'node:path'

import type {FailOn} from '../config/schema.js'
import {AtomicFile} from '../io/atomic-file.js'
import type {MonitorResult} from '../results/run.js'
import {evaluateGate, type Thresholds} from './evaluate.js'
import {MAX_DETAILS, type MonitorSummary} from '../results/summary.js'
import {type GateResult} from '../results/gate.js'
import {bySeverity, newFindings, type GateReport} from '../report/gate-report.js'
import {reportToGithub} from '../report/github.js'
import {FILE_REPORTS} from '../report/reporter.js'
import {printable} from '../text/printable.js'
import {IGNORE_FILE, ignoreLine, writeBaseline, type Ignores} from './ignore.js'

/** The gate's options, shared by `llmops monitor` and the GitHub Action. */
export interface GateOptions {
  /** Scan only the records added since `git merge-base <ref> HEAD`. */
  changedSince?: string | undefined
  /** Scan the working tree (uncommitted changes, untracked files) instead of the committed HEAD. */
  uncommitted?: boolean
  /** Fail when the change's own config file would weaken the gate. */
  failOnWeakenedConfig?: boolean
  /** Which files count as logs (default **\/*.jsonl and **\/*.jsonl.gz; config gate.paths). */
  globs?: string[] | undefined
  ignoreFile?: string | undefined
  writeBaseline?: boolean
  reportUnusedIgnores?: boolean
  failOnUnusedIgnores?: boolean
  sarif?: string | undefined
  junit?: string | undefined
  markdown?: string | undefined
  github?: boolean
  thresholds?: Thresholds | undefined
}

export interface GateContext {
  cwd: string
  failOn: readonly FailOn[]
  ignores: Ignores
  rules: GateReport['rules']
  version: string
  /** The base side's summary (--changed-since), for relative thresholds. */
  base?: MonitorSummary | undefined
  /** A stopped run judged nothing: it never passes. */
  interrupted?: boolean
  /** Fingerprints the ignore file already had at the base (--changed-since). */
  ignoredAtBase?: Set<string> | undefined
  /** How the change's own config would weaken the gate (--changed-since; the base's config is used). */
  weakenedConfig?: string[] | undefined
  /** Where annotations go: stdout, unless stdout carries records (then stderr, which GitHub reads too). */
  annotations?: {write: (text: string) => unknown}
}

const entries = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** Lines of guidance printed by a failing run, at most this many findings. */
const GUIDANCE = 20
/** Findings kept for the guidance alone: enough to pick the most severe few. */
const GUIDANCE_DETAILS = 500

/**
 * How many findings the run must keep with their details: reports and baselines want them all
 * (up to MAX_DETAILS); otherwise only the guidance reads them, and a long run need not hold
 * ten thousand of them.
 */
export function detailsNeeded(options: GateOptions): number {
  const reports = FILE_REPORTS.some((r) => options[r.option] !== undefined) || options.github === true || options.writeBaseline === true
  return reports ? MAX_DETAILS : GUIDANCE_DETAILS
}

/**
 * Every report file a run will write, checked before any input is read: a typo in a path is
 * exit 2 at once, not after a long scan (the check opens and removes a temporary file beside
 * the target, as the final write does).
 */
export async function checkReportTargets(options: GateOptions, cwd: string): Promise<void> {
  for (const {option} of FILE_REPORTS) {
    const file = options[option]
    if (file !== undefined) await (await AtomicFile.create(path.resolve(cwd, file), file)).abort()
  }
}

const writeReport = (cwd: string, file: string, text: string): Promise<void> => AtomicFile.write(path.resolve(cwd, file), text, file)

/** How to accept each new finding: the exact line for the ignore file. */
function guidance(report: GateReport): string {
  const fresh = bySeverity(newFindings(report))
  if (fresh.length === 0) return ''
  const lines = [`To accept a finding, add its line to ${report.ignoreFile} and replace the reason:`]
  for (const f of fresh.slice(0, GUIDANCE)) lines.push(`  ${printable(`${f.file}:${f.line} ${f.type} in ${f.field}: ${f.masked}`)}`, `    ${ignoreLine(f)}`)
  // Count from the summary: the details may hold only the first few hundred findings.
  const more = report.summary.findings.total - Math.min(fresh.length, GUIDANCE)
  if (more > 0) lines.push(`  ... and ${more} more: llmops monitor --write-baseline accepts all current findings at once.`)
  return lines.join('\n') + '\n'
}

/**
 * After a scan: judge it with the ignore file and thresholds, write the requested reports
 * (files appear whole or not at all), annotate GitHub, and tell people how to accept findings.
 */
export async function finishGate(result: MonitorResult, options: GateOptions, context: GateContext): Promise<{gate: GateResult; notes: string}> {
  const unused = context.ignores.active.filter((e) => !result.usedIgnores.has(e.fingerprint))
  const gate: GateResult = evaluateGate(result.summary, context.failOn, {
    unusedIgnores: options.failOnUnusedIgnores ? unused.length : 0,
    thresholds: options.thresholds,
    base: context.base,
  })
  const weakened = context.weakenedConfig ?? []
  if (weakened.length > 0 && options.failOnWeakenedConfig) {
    gate.failures.push({category: 'weakened_config', count: weakened.length, detail: weakened.join('; ')})
    gate.passed = false
  }

  const t = options.thresholds
  const limits = t !== undefined && (t.maxErrorRate !== undefined || t.maxP95LatencyMs !== undefined || t.maxP95IncreasePercent !== undefined)
  // A stopped run judged nothing: it fails a gate that was asked for, and only then.
  if (context.interrupted && (context.failOn.length > 0 || limits || options.github)) {
    gate.failures.push({category: 'interrupted', count: 1, detail: 'the run was stopped before it read everything'})
    gate.passed = false
  }

  const report: GateReport = {
    summary: result.summary,
    gate,
    findings: result.findings,
    findingsLeftOut: result.findingsLeftOut,
    rules: context.rules,
    tool: {name: 'llmops', version: context.version},
    ignoreFile: options.ignoreFile ?? IGNORE_FILE,
    unusedIgnores: options.reportUnusedIgnores || options.failOnUnusedIgnores ? unused.map((e) => ({fingerprint: e.fingerprint, reason: e.reason})) : [],
    addedIgnores:
      context.ignoredAtBase === undefined
        ? []
        : context.ignores.active.filter((e) => !context.ignoredAtBase?.has(e.fingerprint)).map((e) => ({fingerprint: e.fingerprint, reason: e.reason})),
    weakenedConfig: weakened,
  }
  for (const {option, render} of FILE_REPORTS) {
    const file = options[option]
    if (file !== undefined) await writeReport(context.cwd, file, render(report))
  }

  if (options.github) await reportToGithub(report, options.sarif, context.annotations)

  let notes = ''
  if (weakened.length > 0) {
    notes += `This change's config would weaken the gate (this run used the base's config):\n${weakened.map((w) => `  ${printable(w)}`).join('\n')}\n`
  }

  if (report.addedIgnores.length > 0) {
    notes += `This change adds ${report.addedIgnores.length} entr${report.addedIgnores.length === 1 ? 'y' : 'ies'} to ${printable(report.ignoreFile)}; review them:\n${report.addedIgnores.map((e) => `  ${e.fingerprint} (${printable(e.reason)})`).join('\n')}\n`
  }

  if (context.ignores.expired.length > 0)
    notes += `${entries(context.ignores.expired.length, 'expired entry', 'expired entries')} in ${printable(report.ignoreFile)} no longer accept${context.ignores.expired.length === 1 ? 's' : ''} anything:\n${context.ignores.expired.map((e) => `  ${e.fingerprint} (${printable(e.reason)}, expired ${printable(e.expires ?? '')})`).join('\n')}\n`
  if (report.unusedIgnores.length > 0) {
    notes += `${entries(unused.length, 'entry', 'entries')} in ${printable(report.ignoreFile)} matched no finding:\n${unused.map((e) => `  ${e.fingerprint} (${printable(e.reason)})`).join('\n')}\n`
  }

  if (options.writeBaseline) {
    const written = await writeBaseline(options.ignoreFile, context.cwd, result.findings, context.ignores)
    notes += `Wrote ${written.path}: ${written.added} new entr${written.added === 1 ? 'y' : 'ies'}, ${written.written} in all. Review the reasons before you commit it.\n`
  } else if (gate.failures.some((f) => f.category === 'pii' || f.category === 'secret')) {
    notes += guidance(report)
  }

  return {gate, notes}
}
