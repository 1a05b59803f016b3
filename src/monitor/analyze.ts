import {allTexts, setAt, textsAt, type TextAt} from '../config/field-path.js'
import {detect, mask, redactText, type Finding, type Match} from '../engine/index.js'
import {OversizedLine} from '../io/lines.js'
import {parseJsonLine} from '../io/jsonl.js'
import type {AnalyzeContext, Analyzed, ErrorKind, RecordResult} from './types.js'

type Json = Record<string, unknown>

/** An error field counts when it holds something: not null, false, 0 or an empty string. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== false && value !== '' && value !== 0

function firstScalar(record: Json, names: readonly string[]): string | null {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }

  return null
}

function latencyOf(record: Json, names: readonly string[]): number | null {
  for (const name of names) {
    const value = record[name]
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
    if (Number.isFinite(n) && n >= 0) return n
  }

  return null
}

/** Already ISO-8601 UTC with milliseconds, as toISOString() writes it: used as is. */
const CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const LOCAL_ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/

/** A date-time without a zone is taken as UTC, never as the machine's local time. */
function asUtc(value: string): string {
  const m = LOCAL_ISO.exec(value.trim())
  return m === null ? value : `${m[1]}T${m[2]}Z`
}

/** The record's own time in ISO-8601 UTC (epoch seconds or milliseconds accepted), else `observedAt`. */
function timestampOf(record: Json, names: readonly string[], observedAt: string): string {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && CANONICAL_UTC.test(value) && Number.isFinite(Date.parse(value))) return value
    if (typeof value !== 'string' && typeof value !== 'number') continue
    const ms = typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : Date.parse(asUtc(value))
    if (Number.isFinite(ms)) {
      const date = new Date(ms)
      if (!Number.isNaN(date.getTime())) return date.toISOString()
    }
  }

  return observedAt
}

function functionalErrors(record: Json, ctx: AnalyzeContext): ErrorKind[] {
  const {responseField, queryField, errorFields} = ctx.config
  const errors: ErrorKind[] = []
  if (responseField !== null) {
    const response = record[responseField]
    if (response === null) errors.push('null_response')
    else if (response === undefined) errors.push('missing_response')
    else if (typeof response === 'string' && response.trim() === '') errors.push('empty_response')
  }

  if (queryField !== null && (record[queryField] === undefined || record[queryField] === null)) errors.push('missing_query')
  if (errorFields.some((name) => isSet(record[name]))) errors.push('error_field')
  return errors
}

function toFindings(at: TextAt, matches: readonly Match[], redact: boolean): Finding[] {
  return matches.map((m) => {
    const raw = at.text.slice(m.start, m.end)
    const finding: Finding = {type: m.type, category: m.category, rule: m.rule, field: at.field, start: m.start, end: m.end, severity: m.severity, masked: mask(raw, m.type)}
    if (!redact) finding.value = raw
    return finding
  })
}

/** The configured fields first, then (unless disabled) every other string of the record. */
function textsOf(record: Json, ctx: AnalyzeContext): TextAt[] {
  const primary = textsAt(record, ctx.fieldPaths)
  if (!ctx.config.scanAllFields) return primary
  return [...primary, ...allTexts(record, new Set(primary.map((t) => t.field)))]
}

function scanRecord(record: Json, ctx: AnalyzeContext): {findings: Finding[]; redacted: unknown} {
  const findings: Finding[] = []
  let redacted: unknown = record
  for (const at of textsOf(record, ctx)) {
    const matches = detect(at.text, ctx.ruleSet)
    if (matches.length === 0) continue
    findings.push(...toFindings(at, matches, ctx.redact))
    if (ctx.redact) redacted = setAt(redacted, at.keys, redactText(at.text, matches))
  }

  return {findings, redacted}
}

/** A line that is not a record is still scanned, as field `$line`; it is never echoed. */
function scanLine(line: string, ctx: AnalyzeContext): Finding[] {
  return toFindings({field: '$line', keys: [], text: line}, detect(line, ctx.ruleSet), ctx.redact)
}

function hasCategory(findings: readonly Finding[], secret: boolean): boolean {
  return findings.some((f) => (f.category === 'secret') === secret)
}

function failed(kind: ErrorKind, file: string, line: number, observedAt: string, parseError: string, findings: Finding[] = []): RecordResult {
  return {
    interaction_id: null,
    file,
    line,
    timestamp_utc: observedAt,
    latency_ms: null,
    slow: false,
    pii_detected: hasCategory(findings, false),
    secret_detected: hasCategory(findings, true),
    error: kind,
    errors: [kind],
    parse_error: parseError,
    findings,
    original_interaction: null,
  }
}

/**
 * Analyse one line of a log: parse, detect PII and secrets in the configured fields, find
 * functional errors, read latency. A bad line becomes a result, never an exception; its raw
 * text is still scanned (field `$line`) so that PII in a truncated record is not missed.
 */
export function analyzeLine(line: string | OversizedLine, file: string, lineNumber: number, observedAt: string, ctx: AnalyzeContext): Analyzed {
  if (line instanceof OversizedLine) {
    return {record: failed('line_too_long', file, lineNumber, observedAt, `line of ${line.length} characters exceeds the limit`), group: undefined}
  }

  const parsed = parseJsonLine(line)
  if (!parsed.ok) {
    return {record: failed('malformed_json', file, lineNumber, observedAt, parsed.error, scanLine(line, ctx)), group: undefined}
  }

  const {value} = parsed
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`
    return {record: failed('not_object', file, lineNumber, observedAt, `expected a JSON object, got ${kind}`, scanLine(line, ctx)), group: undefined}
  }

  const record = value as Json
  const {config} = ctx
  const {findings, redacted} = scanRecord(record, ctx)
  const errors = functionalErrors(record, ctx)
  const latency = latencyOf(record, config.latencyFields)
  const groupValue = config.groupBy === null ? undefined : record[config.groupBy]
  return {
    record: {
      interaction_id: firstScalar(record, config.idFields),
      file,
      line: lineNumber,
      timestamp_utc: timestampOf(record, config.timestampFields, observedAt),
      latency_ms: latency,
      slow: latency !== null && latency > config.slowMs,
      pii_detected: hasCategory(findings, false),
      secret_detected: hasCategory(findings, true),
      error: errors[0] ?? null,
      errors,
      findings,
      original_interaction: ctx.redact ? redacted : record,
    },
    group: typeof groupValue === 'string' || typeof groupValue === 'number' ? String(groupValue) : undefined,
    raw: redacted === record || !ctx.redact ? line : undefined,
  }
}
