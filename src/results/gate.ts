/** The gate's verdict on a run: what failed, and by how much. */
import type {FailOn} from '../config/schema.js'

export interface GateFailure {
  /** A --fail-on category, `unscanned`, `unused_ignores`, `error_rate`, `p95_latency` or `p95_increase`. */
  category: string
  count: number
  /** For thresholds: the measured value against the limit. */
  detail?: string
}

export interface GateResult {
  fail_on: FailOn[]
  passed: boolean
  failures: GateFailure[]
}
