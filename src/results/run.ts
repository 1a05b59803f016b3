/** What a monitor run hands to the gate and to its caller: the summary, the verdict and the details reports need. */
import type {LineKeys} from '../io/line-keys.js'
import type {GateResult} from './gate.js'
import type {FindingDetail, MonitorSummary, SummaryBuilder} from './summary.js'

export interface MonitorResult {
  summary: MonitorSummary
  gate: GateResult
  interrupted: boolean
  /** --exit-on-first: the run stopped after the first record that failed the gate. */
  stoppedAtFirstFailure?: boolean
  /** Findings with their location, for reports (capped; `findingsLeftOut` counts the rest). */
  findings: FindingDetail[]
  findingsLeftOut: number
  /** Ignore-file fingerprints that accepted at least one finding. */
  usedIgnores: Set<string>
  /** Every finding's value key, with `collectValueKeys` (the base side of --changed-since). */
  valueKeys: Set<string> | undefined
  /** Per input, the key of every line, with `collectLineKeys` (the base side of --changed-since). */
  lineKeys?: Map<string, LineKeys>
  /** The figures as data, for `--summary-out` and merging. */
  tallies: SummaryBuilder
}
