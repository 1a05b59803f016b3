/**
 * What the library is configured with, resolved into the settings the CLI's monitor runs with:
 * the same config schema, the same custom-rule checks, the same salt rules.
 */
import {checkCustomRules} from '../config/check-rules.js'
import {REDACT_OPERATORS, type RedactOperator} from '../config/detection.js'
import {loadConfigFileSync, parseConfig} from '../config/load.js'
import type {ConfigInput} from '../config/schema.js'
import {resolveSalt} from '../detector.js'
import {usageError} from '../errors.js'
import type {ContextSettings} from '../monitor/context.js'

export type {ConfigInput} from '../config/schema.js'
export type {RedactOperator} from '../config/detection.js'

export interface LlmopsOptions {
  /**
   * The config: an object with the keys of `.llmops.json`, or the path of such a file (relative
   * to the working directory). Without it, the built-in defaults; no file is looked for.
   */
  config?: ConfigInput | string
  /** How detected values are replaced; overrides `redaction.operator` of the config. */
  operator?: RedactOperator
  /**
   * The key of the `hash` operator (at least 16 characters). Default: `redaction.salt` of the
   * config, else `$LLMOPS_HASH_SALT`, else random for this detector: the CLI's order.
   */
  salt?: string
}

/** The operator named, checked: a JavaScript caller may pass any string. */
export function operatorOf(operator: unknown): RedactOperator {
  if (REDACT_OPERATORS.includes(operator as RedactOperator)) return operator as RedactOperator
  throw usageError(`invalid operator ${JSON.stringify(operator)}: use ${REDACT_OPERATORS.join(', ')}`, 'E_USAGE')
}

/** The settings a monitor run (or a detector) is built from, as the CLI resolves them. */
export function settingsOf(options: LlmopsOptions = {}): ContextSettings {
  const {config: given} = options
  const config = typeof given === 'string' ? loadConfigFileSync(given, process.cwd()) : parseConfig(given ?? {}, '(the config option)')
  checkCustomRules(config.rules.custom)
  const detection = {
    rules: config.rules,
    allowlist: config.allowlist,
    redaction: {...config.redaction, operator: options.operator === undefined ? config.redaction.operator : operatorOf(options.operator)},
  }
  if (options.salt !== undefined && options.salt.length < 16)
    throw usageError('invalid salt: at least 16 characters, so that hashes cannot be brute-forced', 'E_CONFIG_INVALID')
  return {monitor: config.monitor, detection, redact: true, salt: options.salt ?? resolveSalt(detection, process.env)}
}
