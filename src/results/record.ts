/**
 * What the monitor produces for one line: the output record users' scripts rely on, and the
 * small set of facts that the summary, the gate and the reports are built from.
 */
import type {Category, EntityType, Severity} from '../engine/index.js'

/** A finding as a record of `llmops monitor` shows it: where, what, masked, and its gate state. */
export interface Finding {
  type: EntityType
  category: Category
  rule: string
  field: string
  start: number
  end: number
  severity: Severity
  confidence: number
  masked: string
  /** Stable id of the finding (no line number, no raw value): for ignore files and code scanning. */
  fingerprint: string
  /** Present (true) when an entry of the ignore file accepts this finding. */
  ignored?: true
  /** Present (true) when the same finding was already there at the base (--changed-since). */
  preexisting?: true
  /** The raw value: only present when the user asked for `--no-redact`. */
  value?: string
}

export const ERROR_KINDS = [
  'malformed_json',
  'not_object',
  'line_too_long',
  'unscannable',
  'null_response',
  'missing_response',
  'empty_response',
  'missing_query',
  'error_field',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/**
 * What a record of a recognised log shape adds to its output line (docs/monitoring.md#log-shapes):
 * present, all together, only on records of a shape other than the flat one; null when the
 * record does not hold the fact.
 */
export interface ShapeFields {
  /** The shape the facts were read as: `openai-chat`, `openai-responses`, `otel-genai`, `langfuse`, `langsmith`. */
  schema: string
  model: string | null
  model_version: string | null
  tokens_in: number | null
  tokens_out: number | null
  /** Time to first token, in milliseconds. */
  ttft_ms: number | null
  /** otel-genai only: how many GenAI spans the line holds (the facts are the first one's). */
  spans?: number
}

/** One output line of `llmops monitor`: the contract users' scripts rely on. */
export interface RecordResult extends Partial<ShapeFields> {
  interaction_id: string | null
  file: string
  line: number
  /** The record's own time (ISO-8601 UTC), or null when it has none. */
  timestamp_utc: string | null
  latency_ms: number | null
  slow: boolean
  pii_detected: boolean
  secret_detected: boolean
  /** The first functional error, or null. */
  error: ErrorKind | null
  errors: ErrorKind[]
  /** Why the line is not a JSON object (malformed lines only); never quotes the line. */
  parse_error?: string
  findings: Finding[]
  /**
   * Findings past the per-record limit: masked in every output and counted in the summary, but
   * without details. Absent when there are none.
   */
  findings_omitted?: number
  /** Allowlisted values in this record: not findings, counted so that nothing is hidden. */
  suppressed: number
  /** The record with every finding masked (raw with --no-redact); null for malformed lines. */
  original_interaction: unknown
}

/** A finding as reports need it: no value, ever. */
export interface FindingFacts {
  type: string
  category: Category
  rule: string
  severity: Severity
  field: string
  start: number
  end: number
  masked: string
  fingerprint: string
  /** Accepted by an entry of the ignore file. */
  ignored: boolean
  /** Already there at the base (--changed-since): not new. */
  preexisting: boolean
}

/** Findings past the per-record limit, by type: counted, never detailed. */
export type OmittedFindings = Record<string, {category: Category; count: number}>

/** What the summary and the reports need of one record: small enough to send back from a worker. */
export interface RecordFacts {
  file: string
  line: number
  errors: ErrorKind[]
  findings: FindingFacts[]
  /** Types of the allowlisted values. */
  suppressed: string[]
  /** Findings past the per-record limit (new findings: never ignored or pre-existing). */
  omitted: OmittedFindings
  /** Why a line was not scanned (too long, unscannable), for the reports that name it. */
  note?: string
  /** Value keys of the findings (base side of --changed-since); never in a report. */
  valueKeys: string[]
  latency: number | null
  group: string | undefined
  /** The record's own time (ISO-8601 UTC), when it has one. */
  time?: string
  /** The same instant in ms since the epoch: parsed once, here, for the window and the summary. */
  timeMs?: number
  /** Tokens the interaction used, when the record says (set by the monitor's batch). */
  tokens?: number
}

export function factsOf({record, group, suppressed, omitted, valueKeys}: Analyzed): RecordFacts {
  const findings = record.findings.map(({type, category, rule, severity, field, start, end, masked, fingerprint, ignored, preexisting}) => ({
    type,
    category,
    rule,
    severity,
    field,
    start,
    end,
    masked,
    fingerprint,
    ignored: ignored === true,
    preexisting: preexisting === true,
  }))
  const facts: RecordFacts = {
    file: record.file,
    line: record.line,
    errors: record.errors,
    findings,
    suppressed: suppressed ?? [],
    omitted: omitted ?? {},
    valueKeys: valueKeys ?? [],
    latency: record.latency_ms,
    group,
  }
  if (record.error === 'line_too_long' || record.error === 'unscannable') facts.note = record.parse_error
  if (record.timestamp_utc !== null) {
    facts.time = record.timestamp_utc
    facts.timeMs = Date.parse(record.timestamp_utc)
  }

  return facts
}

export interface Analyzed {
  record: RecordResult
  /** Value of the group-by field, when present. */
  group: string | undefined
  /**
   * `original_interaction` as JSON text: the input line with every finding replaced in place.
   * Reporters embed it instead of serialising the record again (it keeps duplicate keys, which
   * the parsed object cannot show).
   */
  raw?: string | undefined
  /** The line as it goes into the sanitized copy (`--redact-out`); absent for a line too long to scan. */
  sanitized?: string | undefined
  /** Types of the allowlisted values (the record only shows their number). */
  suppressed?: string[]
  /** Findings past the per-record limit. */
  omitted?: OmittedFindings
  /** Value keys of the findings, in order (see analyze.ts `valueKey`). */
  valueKeys?: string[]
}
