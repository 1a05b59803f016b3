import {createHmac, randomBytes} from 'node:crypto'

import type {DetectionConfig, RedactOperator} from './config/detection.js'
import {compileRules, mask, removeValue, replaceWithType, RuleCompileError, type Redactor, type Rule, type RuleSet} from './engine/index.js'
import {usageError} from './errors.js'
import {builtinRules} from './rules/index.js'

/** The detection engine as the config sets it up: shared by the monitor, the gate and feedback. */
export interface Detector {
  ruleSet: RuleSet
  /** Replaces a detected value in stored or printed text (the configured operator). */
  redactor: Redactor
}

/** The salt for hashing: the config's, else $LLMOPS_HASH_SALT, else random for this run only. */
export function resolveSalt(detection: DetectionConfig, env: NodeJS.ProcessEnv): string {
  return detection.redaction.salt ?? (env.LLMOPS_HASH_SALT || randomBytes(16).toString('hex'))
}

export function redactorFor(operator: RedactOperator, salt: string): Redactor {
  switch (operator) {
    case 'replace': {
      return replaceWithType
    }

    case 'remove': {
      return removeValue
    }

    case 'hash': {
      // Keyed (HMAC): a phone number has too few possibilities for a plain hash to hide it.
      return (value, type) => `<${type}:${createHmac('sha256', salt).update(value).digest('hex').slice(0, 12)}>`
    }

    default: {
      return mask
    }
  }
}

/** The rule set of a run: built-in rules minus the disabled ones, plus the organisation's own. */
export function rulesOf(detection: DetectionConfig): Rule[] {
  const disabled = new Set(detection.rules.disable)
  return [...builtinRules.filter((r) => !disabled.has(r.id)), ...detection.rules.custom]
}

export function buildDetector(detection: DetectionConfig, salt: string): Detector {
  try {
    const ruleSet = compileRules(rulesOf(detection), {
      allowlist: detection.allowlist,
      minConfidence: detection.rules.minConfidence,
      // The organisation's own rules come from a file anyone with write access can change: RE2.
      userRules: new Set(detection.rules.custom.map((r) => r.id)),
    })
    return {ruleSet, redactor: redactorFor(detection.redaction.operator, salt)}
  } catch (error) {
    if (error instanceof RuleCompileError) throw usageError(`invalid config: ${error.message}`, 'E_CONFIG_INVALID')
    throw error
  }
}
