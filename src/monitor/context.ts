import {createHmac, randomBytes} from 'node:crypto'

import type {DetectionConfig, RedactOperator} from '../config/detection.js'
import {parseFieldPath, type PathStep} from '../config/field-path.js'
import type {MonitorConfig} from '../config/schema.js'
import {compileRules, mask, removeValue, replaceWithType, RuleCompileError, type Redactor, type Rule} from '../engine/index.js'
import {usageError} from '../errors.js'
import {builtinRules} from '../rules/index.js'
import type {AnalyzeContext} from './types.js'

/** Everything a run's analysis is built from: plain data, so worker threads can rebuild it. */
export interface ContextSettings {
  monitor: MonitorConfig
  detection: DetectionConfig
  /** False with --no-redact. */
  redact: boolean
  /** Salt of the hash operator, shared by all threads of a run. */
  salt: string
}

/** The salt for hashing: the config's, else $LLMOPS_HASH_SALT, else random for this run only. */
export function resolveSalt(detection: DetectionConfig, env: NodeJS.ProcessEnv): string {
  return detection.redaction.salt ?? (env.LLMOPS_HASH_SALT || randomBytes(16).toString('hex'))
}

function redactorFor(operator: RedactOperator, salt: string): Redactor {
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
  return [...builtinRules.filter((r) => !disabled.has(r.id)), ...(detection.rules.custom as Rule[])]
}

/** Resolve the settings into what analysis needs: compiled rules, parsed field paths, a redactor. */
export function prepareContext(settings: ContextSettings): AnalyzeContext {
  const {monitor, detection} = settings
  const fieldPaths = monitor.fields.map((field): PathStep[] => {
    const parsed = parseFieldPath(field)
    if (typeof parsed === 'string') throw usageError(parsed, 'E_CONFIG_INVALID')
    return parsed
  })
  try {
    const ruleSet = compileRules(rulesOf(detection), {allowlist: detection.allowlist, minConfidence: detection.rules.minConfidence})
    return {config: monitor, fieldPaths, ruleSet, redact: settings.redact, redactor: redactorFor(detection.redaction.operator, settings.salt)}
  } catch (error) {
    if (error instanceof RuleCompileError) throw usageError(`invalid config: ${error.message}`, 'E_CONFIG_INVALID')
    throw error
  }
}
