import type {DetectionConfig} from '../config/detection.js'
import {parseFieldPath, type PathStep} from '../config/field-path.js'
import type {MonitorConfig} from '../config/schema.js'
import {buildDetector} from '../detector.js'
import {usageError} from '../errors.js'
import {LineKeys, type LineKeysState} from '../io/line-keys.js'
import type {AnalyzeContext} from './types.js'

/** Everything a run's analysis is built from: plain data, so worker threads can rebuild it. */
export interface ContextSettings {
  monitor: MonitorConfig
  detection: DetectionConfig
  /** False with --no-redact. */
  redact: boolean
  /** Salt of the hash operator, shared by all threads of a run. */
  salt: string
  /** Fingerprints accepted by the ignore file (entries still in force). */
  ignored?: string[]
  /** --changed-since: per file, keys of the lines already there at the base. */
  unchanged?: Map<string, LineKeysState>
  /** --changed-since: value keys of the findings already there at the base. */
  preexisting?: string[]
}

/** Resolve the settings into what analysis needs: compiled rules, parsed field paths, a redactor. */
export function prepareContext(settings: ContextSettings): AnalyzeContext {
  const {monitor, detection} = settings
  const fieldPaths = monitor.fields.map((field): PathStep[] => {
    const parsed = parseFieldPath(field)
    if (typeof parsed === 'string') throw usageError(parsed, 'E_CONFIG_INVALID')
    return parsed
  })
  const {ruleSet, redactor} = buildDetector(detection, settings.salt)
  return {
    config: monitor,
    fieldPaths,
    ruleSet,
    redact: settings.redact,
    redactor,
    ignored: new Set(settings.ignored ?? []),
    unchanged: settings.unchanged === undefined ? undefined : new Map([...settings.unchanged].map(([file, state]) => [file, new LineKeys(state)])),
    preexisting: new Set(settings.preexisting ?? []),
    valueSecret: `llmops-value/${settings.salt}`,
  }
}
