/**
 * A detector for a service's own code: the rules, allowlist and operators of the CLI, on one text
 * or one record at a time. Records go through the monitor's own analysis (`analyzeLine`), so a
 * record scanned here gives the findings `llmops monitor` prints for it.
 */
import {redactorFor} from '../detector.js'
import {detect as detectIn, mask, redactText, type Category, type EntityType, type Match, type Redactor, type Severity} from '../engine/index.js'
import {analyzeLine} from '../monitor/analyze.js'
import {unscannablePlaceholder} from '../monitor/batch.js'
import {prepareContext} from '../monitor/context.js'
import {operatorOf, settingsOf, type LlmopsOptions, type RedactOperator} from './options.js'

/** A value found in a text. The raw value is never part of it: `text.slice(start, end)` is. */
export interface TextFinding {
  type: EntityType
  category: Category
  /** The id of the rule that found it. */
  rule: string
  /** UTF-16 offsets (JavaScript string indices) into the text; `end` exclusive. */
  start: number
  end: number
  severity: Severity
  /** In [0, 1], after context words. */
  confidence: number
  /** The value masked (`j***@e***.com`), whatever the operator. */
  masked: string
}

/** A value found in a record: `field` is its path (`bot_response`, `messages[0].content`, a key's path). */
export interface RecordFinding extends TextFinding {
  field: string
}

export interface RecordScan {
  findings: RecordFinding[]
  /** Findings past the monitor's per-record limit: counted and redacted, not detailed. */
  findingsOmitted: number
  /** Allowlisted values seen (the organisation's own contacts): not findings. */
  suppressed: number
  /**
   * The record with every finding replaced by the operator: safe to log. When the record could
   * not be scanned (`scanned` false), a placeholder that holds none of its content.
   */
  redacted: unknown
  /** False when the engine could not finish the record (too slow or too deep to scan). */
  scanned: boolean
}

export interface Detector {
  /** The findings in one text; `key`, the name of its field, counts as context (`phone`, `ssn`). */
  detect(text: string, options?: {key?: string}): TextFinding[]
  /** The text with every finding replaced: by `operator`, else the detector's. */
  redact(text: string, operator?: RedactOperator): string
  /** Every key, string and number of a JSON value, scanned as `llmops monitor` scans a record. */
  scanRecord(record: unknown): RecordScan
}

const finding = ({type, category, rule, start, end, severity, confidence, value}: Match): TextFinding => ({
  type,
  category,
  rule,
  start,
  end,
  severity,
  confidence,
  masked: mask(value, type),
})

function textOf(text: unknown, what: string): string {
  if (typeof text !== 'string') throw new TypeError(`${what} takes a string, got ${text === null ? 'null' : typeof text}`)
  return text
}

export function createDetector(options: LlmopsOptions = {}): Detector {
  const settings = settingsOf(options)
  const context = prepareContext(settings)
  const {ruleSet} = context
  const redactors = new Map<RedactOperator, Redactor>()
  const redactorOf = (operator: RedactOperator): Redactor => {
    let redactor = redactors.get(operator)
    if (redactor === undefined) redactors.set(operator, (redactor = redactorFor(operator, settings.salt)))
    return redactor
  }

  return {
    detect(text, detectOptions) {
      const key = detectOptions?.key
      return detectIn(textOf(text, 'detect'), ruleSet, key === undefined ? undefined : {key}).map(finding)
    },
    redact(text, operator) {
      const matches = detectIn(textOf(text, 'redact'), ruleSet)
      return redactText(text, matches, operator === undefined ? context.redactor : redactorOf(operatorOf(operator)))
    },
    scanRecord(record) {
      const line = JSON.stringify(record)
      if (typeof line !== 'string') throw new TypeError('scanRecord takes a JSON value')
      const {record: result, sanitized} = analyzeLine(line, '', 1, context)
      const findings = result.findings.map(({type, category, rule, field, start, end, severity, confidence, masked}) => ({
        type,
        category,
        rule,
        field,
        start,
        end,
        severity,
        confidence,
        masked,
      }))
      const scanned = sanitized !== undefined
      return {
        findings,
        findingsOmitted: result.findings_omitted ?? 0,
        suppressed: result.suppressed,
        redacted: scanned ? JSON.parse(sanitized) : JSON.parse(unscannablePlaceholder(line.length)),
        scanned,
      }
    },
  }
}
