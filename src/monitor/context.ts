import {parseFieldPath, type PathStep} from '../config/field-path.js'
import type {MonitorConfig} from '../config/schema.js'
import {compileRules} from '../engine/index.js'
import {usageError} from '../errors.js'
import {builtinRules} from '../rules/index.js'
import type {AnalyzeContext} from './types.js'

/** Resolve the config into what analysis needs: compiled rules and parsed field paths. */
export function prepareContext(config: MonitorConfig, redact: boolean): AnalyzeContext {
  const fieldPaths = config.fields.map((field): PathStep[] => {
    const parsed = parseFieldPath(field)
    if (typeof parsed === 'string') throw usageError(parsed, 'E_CONFIG_INVALID')
    return parsed
  })
  return {config, fieldPaths, ruleSet: compileRules(builtinRules), redact}
}
