/** A comparison of two runs, versions or windows: what `llmops compare` prints and the HTML report shows. */

/** Feedback joined to one side by model version (and window). */
export interface FeedbackFigures {
  total: number
  by_type: Record<string, number>
  /** Star ratings (1 to 5): how many, and their mean. */
  ratings: number
  mean_rating: number | null
}

/** One side's figures, as rates that compare across sides of different sizes. */
export interface SideFigures {
  /** What the side is: a model version, or a summary file. */
  label: string
  /** Records (interactions) on this side. */
  records: number
  /** Errors over records (and malformed lines, for a whole run), 0 to 1. */
  error_rate: number | null
  latency: {count: number; p50: number | null; p95: number | null; p99: number | null}
  pii_per_1k: number | null
  secrets_per_1k: number | null
  tokens_per_record: number | null
  feedback: FeedbackFigures
}

export type MetricId = 'records' | 'p50' | 'p95' | 'p99' | 'error_rate' | 'pii_per_1k' | 'secrets_per_1k' | 'tokens_per_record' | 'feedback' | 'mean_rating'

/** One row of the comparison: the two values, the change, and whether it crosses its limit. */
export interface MetricRow {
  metric: MetricId
  label: string
  unit: string
  baseline: number | null
  candidate: number | null
  /** candidate - baseline (null when either is missing). */
  delta: number | null
  /** delta / baseline (null when the baseline is 0 or missing). */
  relative: number | null
  /** The limit in words (`+20%`, `+1 pt`), or null for rows that are shown, not judged. */
  limit: string | null
  /** Judged: both sides have enough samples for this metric and it has a limit. */
  judged: boolean
  /** Judged and beyond the limit: a regression. */
  regression: boolean
}

/** How far a change may go before it is a regression (`llmops compare` flags). */
export interface RegressionLimits {
  /** Latency percentiles: largest rise, in percent. */
  latencyIncreasePercent: number
  /** Error rate: largest rise, in percentage points. */
  errorRateIncreasePoints: number
  /** PII findings per 1,000 interactions: largest rise. */
  piiRateIncrease: number
  /** Secret findings per 1,000 interactions: largest rise. */
  secretRateIncrease: number
  /** Tokens per interaction: largest rise, in percent. */
  tokensIncreasePercent: number
  /** Mean star rating: largest drop. */
  ratingDrop: number
  /** Both sides need at least this many samples (records; latencies; ratings) for a metric to be judged. */
  minSamples: number
}

export interface Comparison {
  baseline: SideFigures
  candidate: SideFigures
  rows: MetricRow[]
  limits: RegressionLimits
  /** The rows beyond their limits. */
  regressions: MetricId[]
  /** Notes for the reader: metrics not judged for lack of samples, feedback not joined, ... */
  notes: string[]
}
