import {mask, redactText, rulesForKey, scan, type CompiledRule, type Match, type OffsetMap, type ScanResult} from '../engine/index.js'
import {OversizedLine} from '../io/lines.js'
import {parseJsonLine} from '../io/jsonl.js'
import type {Json} from './fields.js'
import {createHmac} from 'node:crypto'

import {hashText, fingerprintOf, maskedContexts} from './fingerprint.js'
import {decodeEscapes, fieldLabel, looseParts, numberReading, ownKey, parentKey, pathOf, walkJson, type Frame, type JsonToken} from './json-tokens.js'
import {lineTriggers, TriggerCursor, type LineTriggers} from './line-triggers.js'
import {shownFacts, shownId} from './shown.js'
import {mergeLineMatches, Splices} from './splices.js'
import type {AnalyzeContext} from './types.js'
import type {Analyzed, ErrorKind, Finding, OmittedFindings, RecordResult} from '../results/record.js'

/**
 * Findings of one record that keep their details (field, offsets, fingerprint). Past this, each
 * value is still masked in every output and counted in the summary (so a gate still fails), but
 * reported only as a number: a line of 150,000 addresses must not become a 40 MB output line.
 */
export const MAX_FINDINGS_PER_RECORD = 1000

/** A line took longer than `maxLineMs` to scan. */
class LineTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`took longer than ${limitMs} ms to scan (maxLineMs)`)
  }
}

/** Throws LineTimeout once the line has used up its time; checked every 64 values, matches or occurrences. */
function deadline(ctx: AnalyzeContext): () => void {
  const limit = ctx.config.maxLineMs
  const end = performance.now() + limit
  let calls = 0
  return () => {
    if (++calls % 64 === 0 && performance.now() > end) throw new LineTimeout(limit)
  }
}

/** What scanning a line produced. */
interface LineScan {
  findings: Finding[]
  /** The normalised value of each finding, for `valueKey` (never printed). */
  values: string[]
  /** The masked context of each finding (same order): what its fingerprint is computed from. */
  contexts: string[]
  omitted: OmittedFindings
  /** Types of the allowlisted values seen (not findings, but counted). */
  suppressed: string[]
  /** The line with every finding replaced by the configured operator (as is with --no-redact). */
  sanitized: string
  /** The line with every finding masked: what record keys and fingerprints are computed from. */
  masked: string
}

const NOTHING: Omit<LineScan, 'sanitized' | 'masked'> = {findings: [], values: [], contexts: [], omitted: {}, suppressed: []}

class Collector {
  readonly findings: Finding[] = []
  /** The normalised value of each finding (same order): never output, only keyed for the base side. */
  readonly values: string[] = []
  readonly contexts: string[] = []
  readonly omitted: OmittedFindings = {}
  readonly suppressed: string[] = []

  constructor(private readonly ctx: AnalyzeContext) {}

  add(field: string, text: string, matches: readonly Match[], suppressed: readonly Match[]): void {
    for (const m of suppressed) this.suppressed.push(m.type)
    if (matches.length === 0) return
    const room = MAX_FINDINGS_PER_RECORD - this.findings.length
    const contexts = room > 0 ? maskedContexts(text, matches.slice(0, room)) : []
    for (const [i, m] of matches.entries()) {
      if (i >= room) {
        const tally = (this.omitted[m.type] ??= {category: m.category, count: 0})
        tally.count++
        continue
      }

      const finding: Finding = {
        type: m.type,
        category: m.category,
        rule: m.rule,
        field,
        start: m.start,
        end: m.end,
        severity: m.severity,
        confidence: m.confidence,
        masked: mask(m.value, m.type),
        // Given once the record key is known (see `fingerprint`).
        fingerprint: '',
      }
      if (!this.ctx.redact) finding.value = text.slice(m.start, m.end)
      this.findings.push(finding)
      this.values.push(m.value)
      this.contexts.push(contexts[i] as string)
    }
  }
}

/** True when the value at `frames` is one of the configured fields (scanAllFields off). */
function selected(frames: readonly Frame[], ctx: AnalyzeContext): boolean {
  if (frames.length === 1 && !frames[0]?.array) {
    const key = frames[0]?.key as string
    if (ctx.config.idFields.includes(key) || ctx.config.groupBy === key) return true
  }

  const path = ctx.fieldPaths.some((steps) => steps.length === frames.length) ? pathOf(frames) : undefined
  return (
    path !== undefined &&
    ctx.fieldPaths.some(
      (steps) =>
        steps.length === path.length &&
        steps.every((s, i) => (s.kind === 'key' ? s.key === path[i] : s.kind === 'each' ? typeof path[i] === 'number' : s.index === path[i])),
    )
  )
}

/** Where a JSON number may have an exponent (or a string holds the same letters: then the walk finds none). */
const EXPONENT = /\d[eE][-+]?\d/

/** The number token is written with an exponent (`e` or `E`). */
function hasExponent(line: string, token: JsonToken): boolean {
  for (let i = token.start; i < token.end; i++) if ((line.charCodeAt(i) | 0x20) === 0x65) return true
  return false
}

/**
 * Scan every key, string and number of a valid JSON line on its own, as JSON defines it: strings
 * decoded, numbers by their digits, values under duplicate keys included. Context words count
 * only from the value itself and its own key, never from a neighbour.
 */
function scanTokens(line: string, triggers: LineTriggers, ctx: AnalyzeContext): LineScan {
  const found = new Collector(ctx)
  const out = new Splices(line, ctx.redact ? ctx.redactor : undefined)
  const cursor = new TriggerCursor(triggers, ctx.ruleSet)
  const tick = deadline(ctx)
  walkJson(line, (token: JsonToken, frames: Frame[]) => {
    tick()
    const isKey = token.kind === 'key'
    let rules: readonly CompiledRule[] = cursor.rulesFor(token.start, token.end)
    // A number is scanned by its digits, and an exponent writes digits the line does not show
    // (4.2e15 is sixteen digits): no trigger in the line speaks for them, so every rule reads it.
    if (token.kind === 'number' && hasExponent(line, token)) rules = ctx.ruleSet.rules
    // A value reads its own key as context; a key reads the key of the object that holds it.
    const key = rules.length === 0 ? '' : isKey ? parentKey(frames) : ownKey(frames)
    if (rules.length > 0) rules = rulesForKey(rules, key)
    if (rules.length === 0 || (!isKey && !ctx.config.scanAllFields && !selected(frames, ctx))) {
      if (isKey) out.keepKey(frames.at(-1) as Frame, (frames.at(-1) as Frame).key)
      return
    }

    const raw = line.slice(token.start, token.end)
    const text = token.kind === 'number' ? numberReading(raw) : token.escaped ? decodeEscapes(raw).text : raw
    const {matches, suppressed} = scan(text, ctx.ruleSet, {rules, key, normal: triggers.normal, tick})
    if (matches.length === 0) {
      if (isKey) out.keepKey(frames.at(-1) as Frame, text)
      for (const m of suppressed) found.suppressed.push(m.type)
      return
    }

    found.add(fieldLabel(frames, isKey), text, matches, suppressed)
    if (isKey) {
      const top = frames.at(-1) as Frame
      // The paths of the values under this key show it masked.
      top.shown = redactText(text, matches, mask)
      out.replaceKey(top, token, text, matches)
    } else if (token.kind === 'number') out.replaceNumber(token, matches)
    else out.replaceInString(token, token.escaped ? decodeEscapes(raw).map : undefined, matches)
  })
  return {findings: found.findings, values: found.values, contexts: found.contexts, omitted: found.omitted, suppressed: found.suppressed, ...out.lines()}
}

/**
 * A line that is not valid JSON: its text with escapes decoded is scanned as a whole, and so is
 * each part between quotes on its own (so that a neighbour's words cannot hide a value, however
 * the quotes pair up). Findings are reported against the line (`$line`, offsets into the raw
 * line) and masked in place.
 */
function scanLoose(line: string, ctx: AnalyzeContext): LineScan {
  const tick = deadline(ctx)
  const whole = decodeEscapes(line)
  const views: Array<{map: OffsetMap; offset: number; result: ScanResult}> = [{map: whole.map, offset: 0, result: scan(whole.text, ctx.ruleSet, {tick})}]
  for (const [start, end] of looseParts(line)) {
    tick()
    const part = decodeEscapes(line.slice(start, end))
    views.push({map: part.map, offset: start, result: scan(part.text, ctx.ruleSet, {tick})})
  }

  const raw: Match[] = []
  for (const {map, offset, result} of views) {
    for (const m of result.matches) {
      const [start, end] = map.span(m.start, m.end)
      raw.push({...m, start: offset + start, end: offset + end})
    }
  }

  const matches = mergeLineMatches(line, raw)
  const found = new Collector(ctx)
  found.add('$line', line, matches, views[0]?.result.suppressed ?? [])
  const out = new Splices(line, ctx.redact ? ctx.redactor : undefined)
  out.replaceInText(matches)
  return {findings: found.findings, values: found.values, contexts: found.contexts, omitted: found.omitted, suppressed: found.suppressed, ...out.lines()}
}

/**
 * A finding's identity for "already there at the base": its fingerprint and its value, keyed with
 * the run's secret. The fingerprint alone holds no value, so two different addresses that mask
 * alike in the same place share it; this key tells them apart, and never leaves the run.
 */
export function valueKey(ctx: AnalyzeContext, fingerprint: string, value: string): string {
  return createHmac('sha256', ctx.valueSecret).update(`${fingerprint}\u0000${value}`).digest('base64').slice(0, 22)
}

/** Give each finding its fingerprint, now that the record key is known, and mark ignored ones. */
function fingerprint(scanned: Pick<LineScan, 'findings' | 'values' | 'contexts'>, file: string, record: string, ctx: AnalyzeContext): string[] {
  const keys: string[] = []
  for (const [i, f] of scanned.findings.entries()) {
    f.fingerprint = fingerprintOf({rule: f.rule, file, record, field: f.field, context: scanned.contexts[i] ?? ''})
    const key = valueKey(ctx, f.fingerprint, scanned.values[i] ?? '')
    keys.push(key)
    if (ctx.ignored.has(f.fingerprint)) f.ignored = true
    else if (ctx.preexisting?.has(key)) f.preexisting = true
  }

  return keys
}

/** The record's key: its id (masked), else a hash of the whole masked record. */
function recordKey(masked: unknown, ctx: AnalyzeContext): string {
  const id = masked !== null && typeof masked === 'object' && !Array.isArray(masked) ? shownId(masked as Json, ctx, mask) : null
  return id === null ? `record:${hashText(canonical(masked))}` : `id:${id}`
}

/** A text that depends on the value only, not on how it was written (escapes, spaces); iterative. */
function canonical(value: unknown): string {
  const parts: string[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v)
      parts.push(Array.isArray(v) ? '[' : '{')
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]?.[1], `k:${String(entries[i]?.[0])}`)
    } else parts.push(typeof v === 'string' ? JSON.stringify(v) : String(v))
  }

  return parts.join('\u0000')
}

function failed(kind: ErrorKind, file: string, line: number, parseError: string, scanned = NOTHING): RecordResult {
  const record: RecordResult = {
    interaction_id: null,
    file,
    line,
    timestamp_utc: null,
    latency_ms: null,
    slow: false,
    pii_detected: hasCategory(scanned, 'pii'),
    secret_detected: hasCategory(scanned, 'secret'),
    error: kind,
    errors: [kind],
    parse_error: parseError,
    findings: scanned.findings,
    suppressed: scanned.suppressed.length,
    original_interaction: null,
  }
  return withOmitted(record, scanned.omitted)
}

function hasCategory(scanned: Pick<LineScan, 'findings' | 'omitted'>, category: 'pii' | 'secret'): boolean {
  return scanned.findings.some((f) => f.category === category) || Object.values(scanned.omitted).some((o) => o.category === category)
}

function withOmitted(record: RecordResult, omitted: OmittedFindings): RecordResult {
  const count = Object.values(omitted).reduce((n, o) => n + o.count, 0)
  if (count > 0) record.findings_omitted = count
  return record
}

/** Fingerprints for the findings of a line that is not a record: keyed by the masked line. */
function lineFingerprints(scanned: LineScan, file: string, ctx: AnalyzeContext): LineScan & {valueKeys: string[]} {
  return {...scanned, valueKeys: scanned.findings.length > 0 ? fingerprint(scanned, file, `line:${hashText(scanned.masked)}`, ctx) : []}
}

/**
 * Analyse one line of a log: parse, detect PII and secrets, find functional errors, read
 * latency. A bad line becomes a result, never an exception; its text is still scanned (field
 * `$line`) and masked in the sanitized copy. A line the engine cannot finish (it took longer than
 * `maxLineMs`, the regular expression engine ran out of stack, or it holds more than
 * MAX_SPREAD_OCCURRENCES further occurrences of found values) is reported as `unscannable`: it
 * fails a PII gate, and it stops nothing else.
 */
export function analyzeLine(line: string | OversizedLine, file: string, lineNumber: number, ctx: AnalyzeContext): Analyzed {
  if (line instanceof OversizedLine) {
    return {record: failed('line_too_long', file, lineNumber, `line of ${line.length} bytes exceeds the limit; not scanned`), group: undefined}
  }

  try {
    return analyzeText(line, file, lineNumber, ctx)
  } catch (error) {
    if (!(error instanceof RangeError) && !(error instanceof LineTimeout)) throw error
    return {record: failed('unscannable', file, lineNumber, `line of ${line.length} characters could not be scanned: ${error.message}`), group: undefined}
  }
}

/** An input whose content cannot be read as text (from `line` on): fails a pii or secret gate. */
export function unscannableInput(file: string, line: number, reason: string): Analyzed {
  return {record: failed('unscannable', file, line, `${file} could not be scanned from this line on: ${reason}`), group: undefined}
}

function analyzeText(line: string, file: string, lineNumber: number, ctx: AnalyzeContext): Analyzed {
  const parsed = parseJsonLine(line)
  if (!parsed.ok) {
    const scanned = lineFingerprints(scanLoose(line, ctx), file, ctx)
    return {
      record: failed('malformed_json', file, lineNumber, parsed.error, scanned),
      group: undefined,
      sanitized: scanned.sanitized,
      suppressed: scanned.suppressed,
      omitted: scanned.omitted,
      valueKeys: scanned.valueKeys,
    }
  }

  // One pass over the whole decoded line rules out most lines, and most values of the rest.
  // A line without triggers is still walked if it may hold a number with an exponent (see scanTokens).
  const triggers = lineTriggers(line, ctx.ruleSet) ?? (EXPONENT.test(line) ? {everywhere: [], hits: [], normal: false} : undefined)
  const scanned = triggers === undefined ? {...NOTHING, sanitized: line, masked: line} : scanTokens(line, triggers, ctx)
  const {value} = parsed
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`
    const valueKeys = scanned.findings.length > 0 ? fingerprint(scanned, file, recordKey(JSON.parse(scanned.masked), ctx), ctx) : []
    const record = failed('not_object', file, lineNumber, `expected a JSON object, got ${kind}`, scanned)
    return {record, group: undefined, sanitized: scanned.sanitized, suppressed: scanned.suppressed, omitted: scanned.omitted, valueKeys}
  }

  const record = value as Json
  const changed = scanned.sanitized !== line
  // Shown values come from the sanitized line, so an id or group that holds PII is masked too.
  const shown = changed ? (JSON.parse(scanned.sanitized) as Json) : record
  let valueKeys: string[] = []
  if (scanned.findings.length > 0) {
    const masked = scanned.masked === scanned.sanitized ? shown : JSON.parse(scanned.masked)
    valueKeys = fingerprint(scanned, file, recordKey(masked, ctx), ctx)
  }

  const {config} = ctx
  const {id, time, latency, errors, group, shape} = shownFacts(record, shown, ctx)
  const result: RecordResult = {
    interaction_id: id,
    file,
    line: lineNumber,
    timestamp_utc: time,
    latency_ms: latency,
    slow: latency !== null && latency > config.slowMs,
    pii_detected: hasCategory(scanned, 'pii'),
    secret_detected: hasCategory(scanned, 'secret'),
    error: errors[0] ?? null,
    errors,
    findings: scanned.findings,
    suppressed: scanned.suppressed.length,
    original_interaction: shown,
  }
  if (shape !== undefined) Object.assign(result, shape)
  return {
    record: withOmitted(result, scanned.omitted),
    suppressed: scanned.suppressed,
    omitted: scanned.omitted,
    group,
    raw: scanned.sanitized,
    sanitized: scanned.sanitized,
    valueKeys,
  }
}
