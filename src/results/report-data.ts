/** Everything the HTML report shows: figures only, every finding masked, no raw value anywhere. */
import type {Comparison, FeedbackFigures} from './comparison.js'
import type {FindingDetail, MonitorSummary} from './summary.js'

export interface ReportData {
  tool: {name: string; version: string}
  /** The summary files the figures come from. */
  sources: string[]
  summary: MonitorSummary
  /** The most severe findings with their place (masked), at most the report's limit. */
  findings: FindingDetail[]
  /** All findings the run counted (new and accepted). */
  findingsTotal: number
  comparison: Comparison | null
  /** Feedback per model version (the run's versions), and the types seen. */
  feedback: {types: string[]; versions: Array<{version: string} & FeedbackFigures>}
  notes: string[]
}
