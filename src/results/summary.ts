/**
 * A run's figures: the summary's shape and the builder that tallies facts into it, in memory
 * that does not grow with the input.
 */
import {ERROR_KINDS, type RecordFacts, type ErrorKind, type FindingFacts} from './record.js'
import {PART_EXACT_LIMIT, Tally, tokensPerRecord, type LatencySummary, type TallyState} from './tally.js'
import {newTimeline, timelineFrom, timelineState, timelineSummary, type TimelineState, type TimelineSummary} from './time-buckets.js'

export type {LatencySummary, TallyState} from './tally.js'

/** Groups shown in the breakdown: the largest by records (ties by name); the rest are counted under OTHER_GROUP. */
export const MAX_GROUPS = 50
/** Distinct group values tallied while reading; past this many, new values are counted under OTHER_GROUP at once. */
export const MAX_TRACKED_GROUPS = 1000
export const OTHER_GROUP = '(other)'
/** Findings kept with their details for reports (SARIF, annotations, tables); all are counted. */
export const MAX_DETAILS = 10_000
/** Unscanned lines listed by place and reason; all are counted. */
export const MAX_UNSCANNED = 100

/** A finding with where it is: what the reports are built from. */
export type FindingDetail = FindingFacts & {file: string; line: number}

export interface GroupSummary {
  records: number
  errors: number
  pii: number
  secrets: number
  latency: LatencySummary
  /** Mean tokens of the records that give a token count; null when none does. */
  tokens_per_record: number | null
}

/**
 * --since/--until: the span of record times the figures cover (`until` excluded), and the lines
 * left out: records before or after it, and lines without a time of their own (`untimed`).
 */
export interface WindowSummary {
  since: string | null
  until: string | null
  before: number
  after: number
  untimed: number
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
  /** The earliest and latest of the records' own times (ISO-8601 UTC); null when no record has one. */
  time_range: {first: string; last: string} | null
  /** Token counts the records give (`usage.total_tokens`, `tokens_in` + `tokens_out`...). */
  tokens: {records: number; total: number; per_record: number | null}
  /** The figures of the records with a time of their own, per span of time. */
  timeline: TimelineSummary
  /** With --since/--until: the window and what fell outside it; else null. */
  window: WindowSummary | null
  duration_ms: number
}

const MALFORMED: ReadonlySet<ErrorKind> = new Set(['malformed_json', 'not_object', 'line_too_long', 'unscannable'])
/** Lines whose content was not (fully) scanned: a PII or secret gate fails on them. */
const UNSCANNED: ReadonlySet<ErrorKind> = new Set(['line_too_long', 'unscannable'])

/** A run's figures as data, before they are summarised: what `--summary-out` writes and `merge` reads. */
export interface SummaryTallies {
  slow_ms: number
  group_by: string | null
  all: TallyState
  /** Every group seen (up to MAX_TRACKED_GROUPS; later values under OTHER_GROUP). */
  groups: Record<string, TallyState>
  by_type: Record<string, number>
  suppressed_by_type: Record<string, number>
  by_kind: Partial<Record<ErrorKind, number>>
  records_with_pii: number
  records_with_secrets: number
  records_with_findings: number
  malformed_lines: number
  unscanned_lines: number
  unscanned: Array<{file: string; line: number; reason: string}>
  ignored: number
  preexisting: number
  blank_lines: number
  unchanged_lines: number
  /** Findings with their details, in (file, line, start, rule) order; at most the detail limit. */
  details: FindingDetail[]
  details_left_out: number
  detail_limit: number
  used_ignores: string[]
  /** The earliest and latest of the records' own times, or null. */
  first_time: string | null
  last_time: string | null
  timeline: TimelineState
  window: WindowSummary | null
}

/** Error kinds in their table's order (ERROR_KINDS): the same however the records came. */
const kindsInOrder = (map: Map<ErrorKind, number>): Partial<Record<ErrorKind, number>> =>
  Object.fromEntries(ERROR_KINDS.filter((k) => map.has(k)).map((k) => [k, map.get(k) as number]))

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const sortedRecord = <T>(map: Map<string, T>): Record<string, T> => Object.fromEntries([...map].sort(([a], [b]) => byName(a, b)))
const add = (map: Map<string, number>, key: string, n: number): void => {
  map.set(key, (map.get(key) ?? 0) + n)
}

const byPlace = (a: FindingDetail, b: FindingDetail): number =>
  byName(a.file, b.file) || a.line - b.line || a.start - b.start || byName(a.rule, b.rule) || byName(a.field, b.field)
const unscannedOrder = (a: {file: string; line: number}, b: {file: string; line: number}): number => byName(a.file, b.file) || a.line - b.line

/**
 * Accumulates a run's figures in memory that does not grow with the input. Two builders merge
 * into the builder of both runs' inputs: counts add, latency sketches merge exactly, groups are
 * chosen for the breakdown only when the summary is made, so the result does not depend on the
 * order in which records, files or shards came.
 */
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
  private unscannedList: Array<{file: string; line: number; reason: string}> = []
  private ignored = 0
  private preexisting = 0
  /** Every finding's value key, when asked for (the base side of --changed-since). */
  valueKeys: Set<string> | undefined
  /** Every finding (new and ignored) for the reports, up to `detailLimit`. */
  details: FindingDetail[] = []
  /** How many findings keep their details: MAX_DETAILS for reports, fewer when only a hint needs them. */
  detailLimit = MAX_DETAILS
  detailsLeftOut = 0
  /** Ignore-file fingerprints that accepted at least one finding. */
  readonly usedIgnores = new Set<string>()
  blankLines = 0
  unchangedLines = 0
  private firstTime: string | null = null
  private lastTime: string | null = null
  /** The same instants as numbers: one parse per record on the hot path, none per comparison. */
  private firstMs = Number.POSITIVE_INFINITY
  private lastMs = Number.NEGATIVE_INFINITY
  private timeline = newTimeline()
  /** With --since/--until: the window and the lines outside it (counted by the scan). */
  window: WindowSummary | null = null

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
    for (const {type} of findings) add(this.byType, type, 1)
    const omitted = Object.entries(facts.omitted)
    for (const [type, {count}] of omitted) add(this.byType, type, count)
    for (const type of facts.suppressed) add(this.suppressedByType, type, 1)
    const has = (category: string): boolean => findings.some((f) => f.category === category) || omitted.some(([, o]) => o.category === category)
    if (has('pii')) this.recordsWithPii++
    if (has('secret')) this.recordsWithSecrets++
    if (findings.length > 0 || omitted.length > 0) this.recordsWithFindings++
    if (facts.time !== undefined && facts.timeMs !== undefined) {
      this.seeInstant(facts.time, facts.timeMs, facts.time, facts.timeMs)
      this.timeline.at(facts.timeMs).record(facts, this.slowMs, malformed, findings, omitted)
    }

    this.all.add(facts, this.slowMs, malformed)
    if (facts.group !== undefined) this.groupFor(facts.group).add(facts, this.slowMs, malformed)
  }

  /** The findings with details, in a fixed order (file, line, position, rule): the same however the run was split. */
  sortedDetails(): FindingDetail[] {
    return [...this.details].sort(byPlace)
  }

  finish(inputs: string[], durationMs: number): MonitorSummary {
    const groups: Record<string, GroupSummary> = {}
    for (const [name, t] of this.shownGroups()) {
      groups[name] = {
        records: t.records,
        errors: t.errors,
        pii: t.pii,
        secrets: t.secrets,
        latency: t.latencySummary(this.slowMs),
        tokens_per_record: tokensPerRecord(t),
      }
    }

    return {
      inputs,
      records: this.all.records,
      malformed_lines: this.malformed,
      unscanned_lines: this.unscanned,
      unscanned: [...this.unscannedList].sort(unscannedOrder),
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
        by_type: sortedRecord(this.byType),
        suppressed: [...this.suppressedByType.values()].reduce((a, b) => a + b, 0),
        suppressed_by_type: sortedRecord(this.suppressedByType),
      },
      errors: {total: this.all.errors, by_kind: kindsInOrder(this.byKind)},
      latency: this.all.latencySummary(this.slowMs),
      group_by: this.groupBy,
      groups,
      time_range: this.firstTime === null || this.lastTime === null ? null : {first: this.firstTime, last: this.lastTime},
      tokens: {records: this.all.withTokens, total: this.all.tokens, per_record: tokensPerRecord(this.all)},
      timeline: timelineSummary(this.timeline),
      window: this.window === null ? null : {...this.window},
      duration_ms: Math.round(durationMs),
    }
  }

  /** Times compare as instants (ISO strings of years past 9999 do not sort as text). */
  private seeTime(first: string | null, last: string | null): void {
    const firstMs = first === null ? Number.NaN : Date.parse(first)
    const lastMs = last === null ? Number.NaN : last === first ? firstMs : Date.parse(last)
    this.seeInstant(first, firstMs, last, lastMs)
  }

  private seeInstant(first: string | null, firstMs: number, last: string | null, lastMs: number): void {
    if (firstMs < this.firstMs) [this.firstMs, this.firstTime] = [firstMs, first]
    if (lastMs > this.lastMs) [this.lastMs, this.lastTime] = [lastMs, last]
  }

  /** The groups of the breakdown, by name: the MAX_GROUPS largest, the rest folded into OTHER_GROUP. */
  private shownGroups(): Array<[string, Tally]> {
    const ranked = [...this.groups].filter(([name]) => name !== OTHER_GROUP).sort(([a, x], [b, y]) => y.records - x.records || byName(a, b))
    const shown = ranked.slice(0, MAX_GROUPS)
    const rest = [...ranked.slice(MAX_GROUPS).map(([, t]) => t), ...[this.groups.get(OTHER_GROUP)].filter((t) => t !== undefined)]
    if (rest.length > 0) {
      const other = new Tally(PART_EXACT_LIMIT)
      for (const t of rest) other.merge(t)
      shown.push([OTHER_GROUP, other])
    }

    return shown.sort(([a], [b]) => a.localeCompare(b))
  }

  state(): SummaryTallies {
    return {
      slow_ms: this.slowMs,
      group_by: this.groupBy,
      all: this.all.state(),
      groups: sortedRecord(new Map([...this.groups].map(([name, t]) => [name, t.state()]))),
      by_type: sortedRecord(this.byType),
      suppressed_by_type: sortedRecord(this.suppressedByType),
      by_kind: kindsInOrder(this.byKind),
      records_with_pii: this.recordsWithPii,
      records_with_secrets: this.recordsWithSecrets,
      records_with_findings: this.recordsWithFindings,
      malformed_lines: this.malformed,
      unscanned_lines: this.unscanned,
      unscanned: [...this.unscannedList].sort(unscannedOrder),
      ignored: this.ignored,
      preexisting: this.preexisting,
      blank_lines: this.blankLines,
      unchanged_lines: this.unchangedLines,
      details: this.sortedDetails(),
      details_left_out: this.detailsLeftOut,
      detail_limit: this.detailLimit,
      used_ignores: [...this.usedIgnores].sort(),
      first_time: this.firstTime,
      last_time: this.lastTime,
      timeline: timelineState(this.timeline),
      window: this.window === null ? null : {...this.window},
    }
  }

  static from(state: SummaryTallies): SummaryBuilder {
    const builder = new SummaryBuilder(state.slow_ms, state.group_by)
    builder.all.merge(Tally.from(state.all))
    for (const [name, t] of Object.entries(state.groups)) builder.groups.set(name, Tally.from(t, PART_EXACT_LIMIT))
    for (const [type, n] of Object.entries(state.by_type)) builder.byType.set(type, n)
    for (const [type, n] of Object.entries(state.suppressed_by_type)) builder.suppressedByType.set(type, n)
    for (const [kind, n] of Object.entries(state.by_kind)) builder.byKind.set(kind as ErrorKind, n as number)
    builder.recordsWithPii = state.records_with_pii
    builder.recordsWithSecrets = state.records_with_secrets
    builder.recordsWithFindings = state.records_with_findings
    builder.malformed = state.malformed_lines
    builder.unscanned = state.unscanned_lines
    builder.unscannedList = [...state.unscanned]
    builder.ignored = state.ignored
    builder.preexisting = state.preexisting
    builder.blankLines = state.blank_lines
    builder.unchangedLines = state.unchanged_lines
    builder.details = [...state.details]
    builder.detailsLeftOut = state.details_left_out
    builder.detailLimit = state.detail_limit
    for (const f of state.used_ignores) builder.usedIgnores.add(f)
    builder.seeTime(state.first_time, state.last_time)
    builder.timeline = timelineFrom(state.timeline)
    builder.window = state.window === null ? null : {...state.window}
    return builder
  }

  /**
   * Adds another run's figures. Details and the list of unscanned lines are kept in place order
   * up to their limits; what falls past a limit is counted.
   */
  merge(other: SummaryBuilder): void {
    this.all.merge(other.all)
    for (const [name, t] of other.groups) this.groupFor(name).merge(t)
    for (const [type, n] of other.byType) add(this.byType, type, n)
    for (const [type, n] of other.suppressedByType) add(this.suppressedByType, type, n)
    for (const [kind, n] of other.byKind) this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + n)
    this.recordsWithPii += other.recordsWithPii
    this.recordsWithSecrets += other.recordsWithSecrets
    this.recordsWithFindings += other.recordsWithFindings
    this.malformed += other.malformed
    this.unscanned += other.unscanned
    this.unscannedList = [...this.unscannedList, ...other.unscannedList].sort(unscannedOrder).slice(0, MAX_UNSCANNED)
    this.ignored += other.ignored
    this.preexisting += other.preexisting
    this.blankLines += other.blankLines
    this.unchangedLines += other.unchangedLines
    this.detailLimit = Math.max(this.detailLimit, other.detailLimit)
    const details = [...this.details, ...other.details].sort(byPlace)
    this.details = details.slice(0, this.detailLimit)
    this.detailsLeftOut += other.detailsLeftOut + (details.length - this.details.length)
    for (const f of other.usedIgnores) this.usedIgnores.add(f)
    this.seeTime(other.firstTime, other.lastTime)
    this.timeline.merge(other.timeline)
    this.window = mergeWindows(this.window, other.window)
  }

  private groupFor(name: string): Tally {
    const existing = this.groups.get(name)
    if (existing !== undefined) return existing
    const key = this.groups.size >= MAX_TRACKED_GROUPS ? OTHER_GROUP : name
    const tally = this.groups.get(key) ?? new Tally(PART_EXACT_LIMIT)
    this.groups.set(key, tally)
    return tally
  }
}

/** Windows of parts of one run: the same bounds (the settings hash says so), counts added. */
function mergeWindows(a: WindowSummary | null, b: WindowSummary | null): WindowSummary | null {
  if (a === null || b === null) return a ?? (b === null ? null : {...b})
  return {since: a.since, until: a.until, before: a.before + b.before, after: a.after + b.after, untimed: a.untimed + b.untimed}
}
