/** The report's charts, from the run's figures: what each shows, in which unit. */
import type {ReportData} from '../../results/report-data.js'
import {groupedBarChart, stackedTimeChart} from './bar-chart.js'
import {lineChart} from './line-chart.js'

/** Finding types drawn on their own; the rest are stacked as one. */
const TYPES_SHOWN = 7

export interface Chart {
  id: string
  caption: string
  html: string
}

export function chartsOf(data: ReportData): Chart[] {
  const {timeline, groups} = data.summary
  const times = timeline.buckets.map((b) => Date.parse(b.start))
  const widthMs = timeline.width_ms
  const per = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 10_000) / 100)
  const charts: Chart[] = []
  const latency = lineChart({
    id: 'latency-over-time',
    title: 'Latency percentiles over time',
    times,
    widthMs,
    series: (['p50', 'p95', 'p99'] as const).map((p) => ({name: p, values: timeline.buckets.map((b) => b.latency[p])})),
    yTitle: 'latency (ms)',
    unit: 'ms',
  })
  charts.push({id: 'latency-over-time', caption: 'Latency percentiles over time', html: latency})
  const errors = lineChart({
    id: 'error-rate-over-time',
    title: 'Error rate over time',
    times,
    widthMs,
    series: [
      {name: 'error rate', values: timeline.buckets.map((b) => per(b.errors, b.records))},
      {name: 'slow share', values: timeline.buckets.map((b) => per(b.slow, b.latency.count))},
    ],
    yTitle: 'share of interactions (%)',
    unit: '%',
  })
  charts.push({id: 'error-rate-over-time', caption: 'Error rate and slow interactions over time', html: errors})
  const totals = new Map<string, number>()
  for (const b of timeline.buckets) for (const [t, n] of Object.entries(b.by_type)) totals.set(t, (totals.get(t) ?? 0) + n)
  const ranked = [...totals].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([t]) => t)
  const shown = ranked.length > TYPES_SHOWN + 1 ? ranked.slice(0, TYPES_SHOWN) : ranked
  const series = shown.map((t) => ({name: t, values: timeline.buckets.map((b) => b.by_type[t] ?? 0)}))
  if (shown.length < ranked.length)
    series.push({name: 'other types', values: timeline.buckets.map((b) => Object.entries(b.by_type).reduce((n, [t, c]) => n + (shown.includes(t) ? 0 : c), 0))})
  charts.push({
    id: 'findings-over-time',
    caption: 'PII and secret findings by type over time',
    html: stackedTimeChart({id: 'findings-over-time', title: 'Findings by type over time', times, widthMs, series, yTitle: 'findings', unit: 'findings'}),
  })
  const versions = Object.keys(groups)
  charts.push({
    id: 'latency-by-version',
    caption: `Latency by ${data.summary.group_by ?? 'group'}`,
    html: groupedBarChart({
      id: 'latency-by-version',
      title: `Latency percentiles by ${data.summary.group_by ?? 'group'}`,
      categories: versions,
      series: (['p50', 'p95', 'p99'] as const).map((p) => ({name: p, values: versions.map((v) => groups[v]?.latency[p] ?? null)})),
      xTitle: data.summary.group_by ?? 'group',
      yTitle: 'latency (ms)',
      unit: 'ms',
    }),
  })
  const {feedback} = data
  const fbVersions = feedback.versions.filter((v) => v.total > 0)
  charts.push({
    id: 'feedback-by-version',
    caption: 'Feedback by type and model version',
    html: groupedBarChart({
      id: 'feedback-by-version',
      title: 'Feedback by type and model version',
      categories: fbVersions.map((v) => v.version),
      series: feedback.types.map((t) => ({name: t, values: fbVersions.map((v) => v.by_type[t] ?? 0)})),
      xTitle: 'model version',
      yTitle: 'feedback records',
      unit: 'records',
    }),
  })
  return charts
}
