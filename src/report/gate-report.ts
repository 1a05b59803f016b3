import type {Severity} from '../engine/index.js'
import type {FindingDetail, MonitorSummary} from '../results/summary.js'
import type {GateResult} from '../results/gate.js'

/** Everything a gate report is made of: no raw values anywhere. */
export interface GateReport {
  summary: MonitorSummary
  gate: GateResult
  /** Findings with their location, new and accepted, most severe first. */
  findings: FindingDetail[]
  /** Findings counted but left out of `findings` (memory cap). */
  findingsLeftOut: number
  /** Metadata of the rules that can produce findings. */
  rules: Array<{id: string; type: string; category: string; severity: Severity; description: string}>
  tool: {name: string; version: string}
  /** The ignore file, for the "how to accept" hints. */
  ignoreFile: string
  /** Ignore-file entries that matched nothing (when asked to report them). */
  unusedIgnores: Array<{fingerprint: string; reason: string}>
  /** Ignore-file entries added by the change under review (--changed-since): reviewers should see them. */
  addedIgnores: Array<{fingerprint: string; reason: string}>
  /** How the change's own config would weaken the gate (the run used the base's config). */
  weakenedConfig: string[]
}

const RANK: Record<Severity, number> = {critical: 0, high: 1, medium: 2, low: 3}

/** Most severe first, then by file and line: the order of annotations and tables. */
export function bySeverity(findings: readonly FindingDetail[]): FindingDetail[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.start - b.start)
}

export const newFindings = (report: GateReport): FindingDetail[] => report.findings.filter((f) => !f.ignored && !f.preexisting)

/** One line describing a finding, value-free. */
export function describeFinding(f: FindingDetail): string {
  return `${f.type} (${f.rule}) in ${f.field}: ${f.masked}`
}
