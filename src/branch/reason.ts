/**
 * The `--reason` a user gives for moving a branch, made fit to be kept: one line, bounded, and
 * with personal data and secrets masked by the detection engine before it is recorded in a tag.
 */
import {compileRules, detect, mask, redactText, type RuleSet} from '../engine/index.js'
import {builtinRules} from '../rules/index.js'

let detector: RuleSet | undefined

// eslint-disable-next-line no-control-regex -- control characters are exactly what a reason must not carry
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g

/**
 * A reason goes into a tag message that is pushed and kept for good, and into a terminal: one
 * line, no control characters, bounded, and personal data or secrets masked (people paste the
 * leaked value into the reason under pressure).
 */
export function cleanReason(reason: string | undefined): string | null {
  if (reason === undefined) return null
  const line = reason.replaceAll(CONTROL, ' ').trim().slice(0, 500)
  if (line === '') return null
  detector ??= compileRules(builtinRules)
  return redactText(line, detect(line, detector), mask)
}
