/** A comparison as plain text: the metrics side by side with their change, regressions marked. */
import type {Comparison, MetricRow} from '../results/comparison.js'
import {cell, printable} from '../text/printable.js'

const number = (n: number): string => n.toLocaleString('en-US', {maximumFractionDigits: 2})

/** A value with its unit, as the table shows it. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '-'
  if (unit === 'ms') return `${number(Math.round(value))} ms`
  if (unit === '%') return `${number(value)}%`
  return number(value)
}

/** The change: relative for latency and tokens, absolute points for rates and ratings. */
export function formatChange(row: MetricRow): string {
  if (row.delta === null) return '-'
  const sign = row.delta > 0 ? '+' : ''
  if ((row.unit === 'ms' || row.metric === 'tokens_per_record' || row.metric === 'records') && row.relative !== null)
    return `${sign}${number(Math.round(row.relative * 1000) / 10)}%`
  if (row.unit === '%') return `${sign}${number(row.delta)} pt`
  return `${sign}${number(row.delta)}`
}

function table(rows: string[][]): string[] {
  const widths: number[] = []
  for (const row of rows) for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length)
  return rows.map((row) => `  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd())
}

export function formatComparison(c: Comparison): string {
  const {baseline, candidate} = c
  const lines = [
    `llmops compare: baseline ${printable(baseline.label)} (${number(baseline.records)} interactions) vs candidate ${printable(candidate.label)} (${number(candidate.records)})`,
    '',
  ]
  const rows = [['metric', 'baseline', 'candidate', 'change', 'limit', '']]
  for (const row of c.rows) {
    rows.push([
      row.label,
      formatValue(row.baseline, row.unit),
      formatValue(row.candidate, row.unit),
      formatChange(row),
      row.limit ?? '',
      row.regression ? 'REGRESSION' : row.limit !== null && !row.judged ? 'not judged' : '',
    ])
  }

  lines.push(...table(rows))
  const types = [...new Set([...Object.keys(baseline.feedback.by_type), ...Object.keys(candidate.feedback.by_type)])].sort()
  if (types.length > 0) {
    lines.push(
      '',
      'Feedback by type:',
      ...table([
        ['type', 'baseline', 'candidate'],
        ...types.map((t) => [cell(t), number(baseline.feedback.by_type[t] ?? 0), number(candidate.feedback.by_type[t] ?? 0)]),
      ]),
    )
  }

  lines.push(
    '',
    c.regressions.length === 0
      ? 'No regression beyond the limits.'
      : `${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}: ${c.rows
          .filter((r) => r.regression)
          .map((r) => r.label)
          .join(', ')}`,
  )
  for (const note of c.notes) lines.push(`Note: ${printable(note)}`)
  return `${lines.join('\n')}\n`
}
