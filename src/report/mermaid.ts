/**
 * A small Mermaid `xychart-beta` chart for Markdown (GitHub renders it in job summaries and pull
 * requests): new findings per span of time, in at most MAX_BARS bars.
 */
import type {TimelineSummary} from '../results/time-buckets.js'

const MAX_BARS = 24

/** A bar chart of new PII and secret findings over time, or '' when there is nothing to draw. */
export function findingsOverTime(timeline: TimelineSummary): string {
  const {buckets} = timeline
  if (buckets.length < 2) return ''
  // Neighbouring buckets are added together until MAX_BARS remain: counts add exactly.
  const per = Math.ceil(buckets.length / MAX_BARS)
  const bars: Array<{label: string; count: number}> = []
  for (let i = 0; i < buckets.length; i += per) {
    const group = buckets.slice(i, i + per)
    const start = (group[0] as {start: string}).start
    bars.push({label: `${start.slice(5, 10)} ${start.slice(11, 16)}`, count: group.reduce((n, b) => n + b.pii + b.secrets, 0)})
  }

  const max = Math.max(...bars.map((b) => b.count))
  if (max === 0) return ''
  return [
    '```mermaid',
    'xychart-beta',
    '    title "New PII and secret findings over time (UTC)"',
    `    x-axis [${bars.map((b) => `"${b.label}"`).join(', ')}]`,
    `    y-axis "findings" 0 --> ${max}`,
    `    bar [${bars.map((b) => b.count).join(', ')}]`,
    '```',
    '',
  ].join('\n')
}
