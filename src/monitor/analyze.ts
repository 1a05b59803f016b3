import {detect, mask, redactText, scan, type Finding, type Match} from '../engine/index.js'
import {OversizedLine} from '../io/lines.js'
import {parseJsonLine, scanText} from '../io/jsonl.js'
import {firstScalar, functionalErrors, latencyOf, timestampOf, type Json} from './fields.js'
import {digestText, fingerprintOf, maskedContexts, maskedKey} from './fingerprint.js'
import {allTexts, renameKeyAt, setAt, textsAt, TooDeep, type TextAt} from './record.js'
import type {AnalyzeContext, Analyzed, ErrorKind, RecordResult} from './types.js'

/** Findings of one text; `fingerprint` holds the masked context until the record key is known. */
/** A field path with any PII in its key names masked: a key can be an e-mail address. */
function maskedField(field: string, ctx: AnalyzeContext): string {
  return field === '$line' ? field : maskedKey(field, ctx.ruleSet)
}

function toFindings(at: TextAt, matches: readonly Match[], ctx: AnalyzeContext): Finding[] {
  const {redact} = ctx
  const field = maskedField(at.field, ctx)
  const contexts = maskedContexts(at.text, matches)
  return matches.map((m, i) => {
    const raw = at.text.slice(m.start, m.end)
    const finding: Finding = {
      type: m.type,
      category: m.category,
      rule: m.rule,
      field,
      start: m.start,
      end: m.end,
      severity: m.severity,
      confidence: m.confidence,
      masked: mask(raw, m.type),
      fingerprint: contexts[i] as string,
    }
    if (!redact) finding.value = raw
    return finding
  })
}

/** Replace each finding's masked context by its fingerprint, now that the record key is known. */
function fingerprint(findings: Finding[], file: string, record: string, ctx: AnalyzeContext): Finding[] {
  for (const f of findings) {
    f.fingerprint = fingerprintOf({rule: f.rule, file, record, field: f.field, context: f.fingerprint})
    if (ctx.ignored.has(f.fingerprint)) f.ignored = true
    else if (ctx.preexisting?.has(f.fingerprint)) f.preexisting = true
  }

  return findings
}

/** The record's key: its id (masked), else a digest of the record with every finding masked. */
function recordKey(record: Json, ctx: AnalyzeContext): string {
  const id = firstScalar(record, ctx.config.idFields)
  if (id !== null) return `id:${maskedKey(id, ctx.ruleSet)}`
  return `record:${digestText(JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? maskedKey(value, ctx.ruleSet) : value)))}`
}

/** The configured fields first, then (unless disabled) every other string and key of the record. */
function textsOf(record: Json, ctx: AnalyzeContext): TextAt[] {
  const primary = textsAt(record, ctx.fieldPaths)
  if (!ctx.config.scanAllFields) return primary
  return [...primary, ...allTexts(record, new Set(primary.map((t) => t.field)))]
}

interface Scanned {
  findings: Finding[]
  redacted: Json
  /** Types of the allowlisted values seen (not findings, but counted). */
  suppressed: string[]
}

function scanRecord(record: Json, ctx: AnalyzeContext): Scanned {
  const findings: Finding[] = []
  const suppressed: string[] = []
  let redacted: unknown = record
  const renames: Array<{at: TextAt; to: string}> = []
  for (const at of textsOf(record, ctx)) {
    const {matches, suppressed: allowed} = scan(at.text, ctx.ruleSet)
    for (const m of allowed) suppressed.push(m.type)
    if (matches.length === 0) continue
    findings.push(...toFindings(at, matches, ctx))
    if (!ctx.redact) continue
    if (at.isKey) renames.push({at, to: redactText(at.text, matches, ctx.redactor)})
    else redacted = setAt(redacted, at.keys, redactText(at.text, matches, ctx.redactor))
  }

  // Keys last, deepest first, so that the paths of values and inner keys stay valid.
  renames.sort((a, b) => b.at.keys.length - a.at.keys.length)
  for (const {at, to} of renames) redacted = renameKeyAt(redacted, at.keys, at.text, to)
  return {findings, redacted: redacted as Json, suppressed}
}

/** A line that is not a record is still scanned, as field `$line`; it is never echoed. */
function scanLine(line: string, file: string, ctx: AnalyzeContext): Finding[] {
  const matches = detect(line, ctx.ruleSet)
  if (matches.length === 0) return []
  return fingerprint(toFindings({field: '$line', keys: [], text: line}, matches, ctx), file, `line:${digestText(redactText(line, matches, mask))}`, ctx)
}

/**
 * True when no rule matches anywhere in the line (escapes made harmless by scanText): then no
 * string or key of the record can match either, since each appears in that text between quotes,
 * which bound a match like the start or end of a text. Such a record needs no walk, and its
 * line can be echoed as is (a duplicate key's hidden value is in the line too, so it is seen).
 */
function lineIsClean(line: string, ctx: AnalyzeContext): boolean {
  const {matches, suppressed} = scan(scanText(line), ctx.ruleSet)
  // Allowlisted values take the slow path too, so that they are counted where they are.
  return matches.length === 0 && suppressed.length === 0
}

function failed(kind: ErrorKind, file: string, line: number, observedAt: string, parseError: string, findings: Finding[] = []): RecordResult {
  return {
    interaction_id: null,
    file,
    line,
    timestamp_utc: observedAt,
    latency_ms: null,
    slow: false,
    pii_detected: findings.some((f) => f.category === 'pii'),
    secret_detected: findings.some((f) => f.category === 'secret'),
    error: kind,
    errors: [kind],
    parse_error: parseError,
    findings,
    suppressed: 0,
    original_interaction: null,
  }
}

const scalar = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)

/**
 * Analyse one line of a log: parse, detect PII and secrets, find functional errors, read
 * latency. A bad line becomes a result, never an exception; its raw text is still scanned
 * (field `$line`) so that PII in a truncated record is not missed.
 */
export function analyzeLine(line: string | OversizedLine, file: string, lineNumber: number, observedAt: string, ctx: AnalyzeContext): Analyzed {
  if (line instanceof OversizedLine) {
    return {record: failed('line_too_long', file, lineNumber, observedAt, `line of ${line.length} characters exceeds the limit; not scanned`), group: undefined}
  }

  const parsed = parseJsonLine(line)
  if (!parsed.ok) return {record: failed('malformed_json', file, lineNumber, observedAt, parsed.error, scanLine(line, file, ctx)), group: undefined}
  const {value} = parsed
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`
    return {record: failed('not_object', file, lineNumber, observedAt, `expected a JSON object, got ${kind}`, scanLine(line, file, ctx)), group: undefined}
  }

  const record = value as Json
  const clean = lineIsClean(line, ctx)
  let scanned: Scanned
  try {
    scanned = clean ? {findings: [], redacted: record, suppressed: []} : scanRecord(record, ctx)
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error
    return {record: failed('too_deep', file, lineNumber, observedAt, error.message, scanLine(line, file, ctx)), group: undefined}
  }

  // The line matched but no string of the parsed record did: the value hides where a parser does
  // not look (a duplicate key). Report it against the line, so that a gate still sees it.
  if (!clean && scanned.findings.length === 0 && scanned.suppressed.length === 0 && ctx.config.scanAllFields) scanned.findings = scanLine(line, file, ctx)
  const {config} = ctx
  // Shown values come from the redacted record, so an id or group that holds PII is masked too.
  const shown = ctx.redact ? scanned.redacted : record
  const {suppressed} = scanned
  const findings = scanned.findings.length === 0 || scanned.findings[0]?.field === '$line' ? scanned.findings : fingerprint(scanned.findings, file, recordKey(record, ctx), ctx)
  const errors = functionalErrors(record, config)
  const latency = latencyOf(record, config.latencyFields)
  return {
    record: {
      interaction_id: firstScalar(shown, config.idFields),
      file,
      line: lineNumber,
      timestamp_utc: timestampOf(record, config.timestampFields, observedAt),
      latency_ms: latency,
      slow: latency !== null && latency > config.slowMs,
      pii_detected: findings.some((f) => f.category === 'pii'),
      secret_detected: findings.some((f) => f.category === 'secret'),
      error: errors[0] ?? null,
      errors,
      findings,
      suppressed: suppressed.length,
      original_interaction: shown,
    },
    suppressed,
    group: config.groupBy === null ? undefined : scalar(shown[config.groupBy]),
    raw: clean || !ctx.redact ? line : undefined,
  }
}
