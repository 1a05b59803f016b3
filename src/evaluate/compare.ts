/**
 * Two sides compared, metric by metric: pure, from the figures of each side. A metric is judged
 * only when both sides have enough samples for it; a judged change beyond its limit is a regression.
 */
import type {Comparison, MetricId, MetricRow, RegressionLimits, SideFigures} from '../results/comparison.js'

export const DEFAULT_LIMITS: RegressionLimits = {
  latencyIncreasePercent: 20,
  errorRateIncreasePoints: 1,
  piiRateIncrease: 1,
  secretRateIncrease: 0,
  tokensIncreasePercent: 25,
  ratingDrop: 0.5,
  minSamples: 20,
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits

interface RowSpec {
  metric: MetricId
  label: string
  unit: string
  value: (side: SideFigures) => number | null
  samples: (side: SideFigures) => number
  /** True when the change is a regression; undefined: shown, never judged. */
  beyond?: (baseline: number, candidate: number) => boolean
  limit?: string
}

function specs(l: RegressionLimits): RowSpec[] {
  const rise = (percent: number) => (b: number, c: number) => (b === 0 ? c > 0 : ((c - b) / b) * 100 > percent)
  const latency = (metric: 'p50' | 'p95' | 'p99'): RowSpec => ({
    metric,
    label: `${metric} latency`,
    unit: 'ms',
    value: (s) => s.latency[metric],
    samples: (s) => s.latency.count,
    beyond: rise(l.latencyIncreasePercent),
    limit: `+${l.latencyIncreasePercent}%`,
  })
  return [
    {metric: 'records', label: 'interactions', unit: '', value: (s) => s.records, samples: (s) => s.records},
    latency('p50'),
    latency('p95'),
    latency('p99'),
    {
      metric: 'error_rate',
      label: 'error rate',
      unit: '%',
      value: (s) => (s.error_rate === null ? null : round(s.error_rate * 100, 2)),
      samples: (s) => s.records,
      beyond: (b, c) => c - b > l.errorRateIncreasePoints,
      limit: `+${l.errorRateIncreasePoints} pt`,
    },
    {
      metric: 'pii_per_1k',
      label: 'PII findings per 1,000',
      unit: '',
      value: (s) => s.pii_per_1k,
      samples: (s) => s.records,
      beyond: (b, c) => c - b > l.piiRateIncrease,
      limit: `+${l.piiRateIncrease}`,
    },
    {
      metric: 'secrets_per_1k',
      label: 'secret findings per 1,000',
      unit: '',
      value: (s) => s.secrets_per_1k,
      samples: (s) => s.records,
      beyond: (b, c) => c - b > l.secretRateIncrease,
      limit: `+${l.secretRateIncrease}`,
    },
    {
      metric: 'tokens_per_record',
      label: 'tokens per interaction',
      unit: '',
      value: (s) => s.tokens_per_record,
      samples: (s) => (s.tokens_per_record === null ? 0 : s.records),
      beyond: rise(l.tokensIncreasePercent),
      limit: `+${l.tokensIncreasePercent}%`,
    },
    {metric: 'feedback', label: 'feedback records', unit: '', value: (s) => s.feedback.total, samples: (s) => s.feedback.total},
    {
      metric: 'mean_rating',
      label: 'mean rating (1-5)',
      unit: '',
      value: (s) => s.feedback.mean_rating,
      samples: (s) => s.feedback.ratings,
      beyond: (b, c) => b - c > l.ratingDrop,
      limit: `-${l.ratingDrop}`,
    },
  ]
}

export function compareSides(baseline: SideFigures, candidate: SideFigures, limits: RegressionLimits = DEFAULT_LIMITS): Comparison {
  const notes: string[] = []
  const rows: MetricRow[] = specs(limits).map((spec) => {
    const b = spec.value(baseline)
    const c = spec.value(candidate)
    const delta = b === null || c === null ? null : round(c - b, 3)
    const enough = spec.samples(baseline) >= limits.minSamples && spec.samples(candidate) >= limits.minSamples
    const judged = spec.beyond !== undefined && b !== null && c !== null && enough
    if (spec.beyond !== undefined && b !== null && c !== null && !enough)
      notes.push(`${spec.label}: not judged, fewer than ${limits.minSamples} samples on a side (--min-samples)`)
    return {
      metric: spec.metric,
      label: spec.label,
      unit: spec.unit,
      baseline: b,
      candidate: c,
      delta,
      relative: b === null || c === null || b === 0 ? null : round((c - b) / b, 4),
      limit: spec.limit ?? null,
      judged,
      regression: judged && (spec.beyond as (b: number, c: number) => boolean)(b as number, c as number),
    }
  })
  return {baseline, candidate, rows, limits, regressions: rows.filter((r) => r.regression).map((r) => r.metric), notes}
}
