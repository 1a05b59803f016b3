/** The gate's evaluation of a run's summary: `--fail-on` categories, thresholds and ignore-file checks. */
import type {FailOn} from '../config/schema.js'
import type {GateFailure, GateResult} from '../results/gate.js'
import type {MonitorSummary} from '../results/summary.js'

/** Limits over the scanned records, checked only with at least `minSamples` records. */
export interface Thresholds {
  /** Share of records (and malformed lines) with a functional error, 0 to 1. */
  maxErrorRate?: number | undefined
  maxP95LatencyMs?: number | undefined
  /** Largest rise of p95 latency over the base side (--changed-since), in percent. */
  maxP95IncreasePercent?: number | undefined
  minSamples: number
}

export interface GateExtras {
  /** Ignore-file entries that matched nothing, when --fail-on-unused-ignores is set. */
  unusedIgnores?: number
  thresholds?: Thresholds
  /** The summary of the base side, for relative thresholds. */
  base?: MonitorSummary | undefined
}

const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`

function thresholdFailures(summary: MonitorSummary, t: Thresholds, base: MonitorSummary | undefined): GateFailure[] {
  const failures: GateFailure[] = []
  const samples = summary.records + summary.malformed_lines
  if (samples < t.minSamples) return failures
  const rate = summary.errors.total / samples
  if (t.maxErrorRate !== undefined && rate > t.maxErrorRate) {
    failures.push({category: 'error_rate', count: summary.errors.total, detail: `${percent(rate)} of ${samples} > ${percent(t.maxErrorRate)}`})
  }

  const p95 = summary.latency.p95
  if (t.maxP95LatencyMs !== undefined && p95 !== null && summary.latency.count >= t.minSamples && p95 > t.maxP95LatencyMs) {
    failures.push({category: 'p95_latency', count: summary.latency.count, detail: `p95 ${Math.round(p95)} ms > ${t.maxP95LatencyMs} ms`})
  }

  const baseP95 = base?.latency.p95 ?? null
  if (t.maxP95IncreasePercent !== undefined && p95 !== null && baseP95 !== null && baseP95 > 0 && (base?.latency.count ?? 0) >= t.minSamples) {
    const rise = ((p95 - baseP95) / baseP95) * 100
    if (rise > t.maxP95IncreasePercent) {
      failures.push({
        category: 'p95_increase',
        count: summary.latency.count,
        detail: `p95 ${Math.round(p95)} ms is ${Math.round(rise)}% above the base's ${Math.round(baseP95)} ms (limit ${t.maxP95IncreasePercent}%)`,
      })
    }
  }

  return failures
}

/** Which of the `--fail-on` categories, thresholds and ignore-file checks the run trips. */
export function evaluateGate(summary: MonitorSummary, failOn: readonly FailOn[], extras: GateExtras = {}): GateResult {
  const counts: Record<FailOn, number> = {
    pii: summary.findings.pii,
    secret: summary.findings.secrets,
    error: summary.errors.total,
    slow: summary.latency.slow,
  }
  const failures: GateFailure[] = failOn.filter((c) => counts[c] > 0).map((category) => ({category, count: counts[category]}))
  // Fail closed: a line that was never scanned cannot pass a PII or secret gate.
  if (summary.unscanned_lines > 0 && failOn.some((c) => c === 'pii' || c === 'secret')) {
    failures.push({category: 'unscanned', count: summary.unscanned_lines})
  }

  if ((extras.unusedIgnores ?? 0) > 0) failures.push({category: 'unused_ignores', count: extras.unusedIgnores as number})
  if (extras.thresholds !== undefined) failures.push(...thresholdFailures(summary, extras.thresholds, extras.base))
  return {fail_on: [...failOn], passed: failures.length === 0, failures}
}
