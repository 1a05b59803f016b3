import type {MonitorConfig} from '../config/schema.js'
import type {PathStep} from '../config/field-path.js'
import type {Redactor, RuleSet} from '../engine/index.js'
import type {LineKeys} from '../io/line-keys.js'

/** Everything analysis needs, resolved once per run. */
export interface AnalyzeContext {
  config: MonitorConfig
  ruleSet: RuleSet
  fieldPaths: PathStep[][]
  redact: boolean
  /** Replaces detected values in output (the configured operator). */
  redactor: Redactor
  /** Fingerprints accepted by the ignore file (still in force). */
  ignored: ReadonlySet<string>
  /** --changed-since: value keys (see analyze.ts `valueKey`) of the findings already there at the base. */
  preexisting?: ReadonlySet<string> | undefined
  /** The run's secret for value keys: the same in every thread and on both sides of a run. */
  valueSecret: string
  /** --changed-since: per file, keys of the lines already there at the base (not scanned). */
  unchanged?: ReadonlyMap<string, LineKeys> | undefined
}
