/**
 * A run's figures: the summary's shape and the builder that tallies facts into it, in memory
 * that does not grow with the input.
 */
import {LatencyStats} from '../engine/index.js'
import type {RecordFacts, ErrorKind, FindingFacts} from './record.js'

/** Distinct group values kept in the breakdown; the rest are counted under OTHER_GROUP. */
export const MAX_GROUPS = 50
export const OTHER_GROUP = '(other)'
/** Findings kept with their details for reports (SARIF, annotations, tables); all are counted. */
export const MAX_DETAILS = 10_000
/** Unscanned lines listed by place and reason; all are counted. */
export const MAX_UNSCANNED = 100

/** A finding with where it is: what the reports are built from. */
export type FindingDetail = FindingFacts & {file: string; line: number}

export interface LatencySummary {
  count: number
  /** Records without a usable latency field. */
  missing: number
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
  mean: number | null
  slow: number
  threshold_ms: number
  /** False once there are so many samples that percentiles are estimated (within 1%). */
  exact: boolean
}

export interface GroupSummary {
  records: number
  errors: number
  pii: number
  secrets: number
  latency: LatencySummary
}

export interface MonitorSummary {
  inputs: string[]
  /** Lines that were JSON objects. */
  records: number
  /** Lines that could not be used (not JSON, not an object, too long). */
  malformed_lines: number
  /** Lines too long to scan, or that the engine could not scan: the PII and secret gates fail closed on them. */
  unscanned_lines: number
  /** Where and why (the first MAX_UNSCANNED): what reports name so that someone can act on it. */
  unscanned: Array<{file: string; line: number; reason: string}>
  blank_lines: number
  /** --changed-since: lines already there at the base, not scanned. */
  unchanged_lines: number
  findings: {
    /** New findings (pii + secrets); findings accepted by the ignore file are in `ignored`. */
    total: number
    pii: number
    secrets: number
    ignored: number
    /** With --changed-since: findings that were already there at the base (not new). */
    preexisting: number
    records_with_pii: number
    records_with_secrets: number
    /** Records (and malformed lines) with at least one finding of either kind. */
    records_with_findings: number
    by_type: Record<string, number>
    /** Allowlisted values (the organisation's own contacts): not findings, never silently dropped. */
    suppressed: number
    suppressed_by_type: Record<string, number>
  }
  /** `total`: records and malformed lines with at least one functional error. */
  errors: {total: number; by_kind: Partial<Record<ErrorKind, number>>}
  latency: LatencySummary
  group_by: string | null
  groups: Record<string, GroupSummary>
  duration_ms: number
}

class Tally {
  records = 0
  errors = 0
  pii = 0
  secrets = 0
  slow = 0
  missingLatency = 0
  readonly latency = new LatencyStats()

  /** Malformed lines count as errors and may hold findings, but are not records. */
  add(facts: RecordFacts, slowMs: number, malformed: boolean): void {
    if (!malformed) this.records++
    if (facts.errors.length > 0) this.errors++
    for (const f of facts.findings) {
      if (f.ignored || f.preexisting) continue
      if (f.category === 'secret') this.secrets++
      else this.pii++
    }

    for (const {category, count} of Object.values(facts.omitted)) {
      if (category === 'secret') this.secrets += count
      else this.pii += count
    }

    if (malformed) return
    if (facts.latency === null) this.missingLatency++
    else {
      this.latency.add(facts.latency)
      if (facts.latency > slowMs) this.slow++
    }
  }

  latencySummary(thresholdMs: number): LatencySummary {
    const [p50, p90, p95, p99] = this.latency.percentiles([50, 90, 95, 99])
    const {count} = this.latency
    return {
      count,
      missing: this.missingLatency,
      p50: p50 ?? null,
      p90: p90 ?? null,
      p95: p95 ?? null,
      p99: p99 ?? null,
      max: count === 0 ? null : this.latency.max,
      mean: count === 0 ? null : Math.round((this.latency.sum / count) * 10) / 10,
      slow: this.slow,
      threshold_ms: thresholdMs,
      exact: this.latency.isExact,
    }
  }
}

const MALFORMED: ReadonlySet<ErrorKind> = new Set(['malformed_json', 'not_object', 'line_too_long', 'unscannable'])
/** Lines whose content was not (fully) scanned: a PII or secret gate fails on them. */
const UNSCANNED: ReadonlySet<ErrorKind> = new Set(['line_too_long', 'unscannable'])

/** Accumulates a run's figures in memory that does not grow with the input. */
export class SummaryBuilder {
  private readonly all = new Tally()
  private readonly groups = new Map<string, Tally>()
  private readonly byType = new Map<string, number>()
  private readonly suppressedByType = new Map<string, number>()
  private readonly byKind = new Map<ErrorKind, number>()
  private recordsWithPii = 0
  private recordsWithSecrets = 0
  private recordsWithFindings = 0
  private malformed = 0
  private unscanned = 0
  private readonly unscannedList: Array<{file: string; line: number; reason: string}> = []
  private ignored = 0
  private preexisting = 0
  /** Every finding's value key, when asked for (the base side of --changed-since). */
  valueKeys: Set<string> | undefined
  /** Every finding (new and ignored) for the reports, up to `detailLimit`. */
  readonly details: FindingDetail[] = []
  /** How many findings keep their details: MAX_DETAILS for reports, fewer when only a hint needs them. */
  detailLimit = MAX_DETAILS
  detailsLeftOut = 0
  /** Ignore-file fingerprints that accepted at least one finding. */
  readonly usedIgnores = new Set<string>()
  blankLines = 0
  unchangedLines = 0

  constructor(
    private readonly slowMs: number,
    private readonly groupBy: string | null,
  ) {}

  add(facts: RecordFacts): void {
    const {errors} = facts
    const findings = facts.findings.filter((f) => !f.ignored && !f.preexisting)
    for (const f of facts.findings) {
      if (f.ignored) {
        this.ignored++
        this.usedIgnores.add(f.fingerprint)
      } else if (f.preexisting) this.preexisting++


      if (this.details.length < this.detailLimit) this.details.push({...f, file: facts.file, line: facts.line})
      else this.detailsLeftOut++
    }

    // The base side of --changed-since collects value keys: what "already there" is judged by.
    for (const key of facts.valueKeys) this.valueKeys?.add(key)
    const malformed = errors.length === 1 && MALFORMED.has(errors[0] as ErrorKind)
    if (malformed) this.malformed++
    if (UNSCANNED.has(errors[0] as ErrorKind)) {
      this.unscanned++
      if (this.unscannedList.length < MAX_UNSCANNED) this.unscannedList.push({file: facts.file, line: facts.line, reason: facts.note ?? String(errors[0])})
    }
    for (const kind of errors) this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1)
    for (const {type} of findings) this.byType.set(type, (this.byType.get(type) ?? 0) + 1)
    const omitted = Object.entries(facts.omitted)
    for (const [type, {count}] of omitted) this.byType.set(type, (this.byType.get(type) ?? 0) + count)
    for (const type of facts.suppressed) this.suppressedByType.set(type, (this.suppressedByType.get(type) ?? 0) + 1)
    const has = (category: string): boolean => findings.some((f) => f.category === category) || omitted.some(([, o]) => o.category === category)
    if (has('pii')) this.recordsWithPii++
    if (has('secret')) this.recordsWithSecrets++
    if (findings.length > 0 || omitted.length > 0) this.recordsWithFindings++
    this.all.add(facts, this.slowMs, malformed)
    if (facts.group !== undefined) this.groupFor(facts.group).add(facts, this.slowMs, malformed)
  }

  finish(inputs: string[], durationMs: number): MonitorSummary {
    const groups: Record<string, GroupSummary> = {}
    for (const [name, t] of [...this.groups].sort(([a], [b]) => a.localeCompare(b))) {
      groups[name] = {records: t.records, errors: t.errors, pii: t.pii, secrets: t.secrets, latency: t.latencySummary(this.slowMs)}
    }

    return {
      inputs,
      records: this.all.records,
      malformed_lines: this.malformed,
      unscanned_lines: this.unscanned,
      unscanned: this.unscannedList,
      blank_lines: this.blankLines,
      unchanged_lines: this.unchangedLines,
      findings: {
        total: this.all.pii + this.all.secrets,
        pii: this.all.pii,
        secrets: this.all.secrets,
        ignored: this.ignored,
        preexisting: this.preexisting,
        records_with_pii: this.recordsWithPii,
        records_with_secrets: this.recordsWithSecrets,
        records_with_findings: this.recordsWithFindings,
        by_type: Object.fromEntries([...this.byType].sort(([a], [b]) => a.localeCompare(b))),
        suppressed: [...this.suppressedByType.values()].reduce((a, b) => a + b, 0),
        suppressed_by_type: Object.fromEntries([...this.suppressedByType].sort(([a], [b]) => a.localeCompare(b))),
      },
      errors: {total: this.all.errors, by_kind: Object.fromEntries(this.byKind)},
      latency: this.all.latencySummary(this.slowMs),
      group_by: this.groupBy,
      groups,
      duration_ms: Math.round(durationMs),
    }
  }

  private groupFor(name: string): Tally {
    const existing = this.groups.get(name)
    if (existing !== undefined) return existing
    const key = this.groups.size >= MAX_GROUPS ? OTHER_GROUP : name
    const tally = this.groups.get(key) ?? new Tally()
    this.groups.set(key, tally)
    return tally
  }
}
