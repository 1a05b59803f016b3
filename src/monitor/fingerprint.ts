import {createHash} from 'node:crypto'

import {detect, mask, redactText, type Match, type RuleSet} from '../engine/index.js'

/** Characters of masked text on each side of a finding that go into its fingerprint. */
const CONTEXT = 24

/**
 * The text around each match, with every match of the text masked: what a finding looks like
 * to a reviewer, and no raw value.
 */
export function maskedContexts(text: string, matches: readonly Match[]): string[] {
  let masked = ''
  let cursor = 0
  const spans: Array<[number, number]> = []
  for (const m of matches) {
    masked += text.slice(cursor, m.start)
    const start = masked.length
    masked += mask(m.value, m.type)
    spans.push([start, masked.length])
    cursor = m.end
  }

  masked += text.slice(cursor)
  return spans.map(([start, end]) => masked.slice(Math.max(0, start - CONTEXT), end + CONTEXT))
}

/** The record's id with any PII in it masked, so that the key never holds a raw value. */
export function maskedKey(value: string, ruleSet: RuleSet): string {
  return redactText(value, detect(value, ruleSet), mask)
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export function hashText(text: string): string {
  return sha256(text).slice(0, 16)
}

/**
 * A finding's stable id, for ignore files and code scanning: rule, file, record key, field and
 * masked context. No line number (moving a line keeps it) and no raw value (a hash of a phone
 * number could be reversed by trying them all).
 */
export function fingerprintOf(parts: {rule: string; file: string; record: string; field: string; context: string}): string {
  return sha256(['llmops/v1', parts.rule, parts.file, parts.record, parts.field, parts.context].join('\u0000')).slice(0, 32)
}
