/**
 * The HTML report: one self-contained file, no script, no network (a content security policy
 * forbids any fetch), charts drawn as SVG when the report is built, light and dark colours.
 */
import type {ReportData} from '../../results/report-data.js'
import {chartsOf} from './charts.js'
import {STYLE} from './style.js'
import {esc, number} from './svg.js'
import {comparisonTable, findingsTable, versionsTable} from './tables.js'

function kpis(data: ReportData): string {
  const s = data.summary
  const lines = s.records + s.malformed_lines
  const per1k = (n: number): string => (lines === 0 ? '-' : number(Math.round((n / lines) * 100_000) / 100))
  const items: Array<[string, string]> = [
    ['interactions', number(s.records)],
    ['error rate', lines === 0 ? '-' : `${number(Math.round((s.errors.total / lines) * 10_000) / 100)}%`],
    ['p95 latency', s.latency.p95 === null ? '-' : `${number(Math.round(s.latency.p95))} ms`],
    ['PII per 1,000', per1k(s.findings.pii)],
    ['secrets per 1,000', per1k(s.findings.secrets)],
    ['tokens per interaction', s.tokens.per_record === null ? '-' : number(s.tokens.per_record)],
  ]
  return `<div class="kpis">${items.map(([k, v]) => `<div class="kpi"><span class="muted">${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>`
}

export function renderReport(data: ReportData): string {
  const s = data.summary
  const range = s.time_range === null ? 'no record has a time of its own' : `${s.time_range.first} to ${s.time_range.last}`
  const window = s.window === null ? '' : ` · window ${esc(s.window.since ?? 'start')} to ${esc(s.window.until ?? 'end')}`
  const charts = chartsOf(data)
    .map((c) => `<figure id="${esc(c.id)}"><figcaption>${esc(c.caption)}</figcaption>${c.html}</figure>`)
    .join('\n')
  const comparison =
    data.comparison === null
      ? '<p class="empty">No comparison: give two summary files, or --baseline-version and --candidate-version.</p>'
      : comparisonTable(data.comparison)
  const bucket =
    s.timeline.width_ms >= 86_400_000
      ? `${number(s.timeline.width_ms / 86_400_000)} d`
      : s.timeline.width_ms >= 3_600_000
        ? `${number(s.timeline.width_ms / 3_600_000)} h`
        : `${number(s.timeline.width_ms / 60_000)} min`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>llmops report: ${esc(data.sources.join(', '))}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>llmops report</h1>
<p class="muted">${esc(data.sources.join(', '))} · ${esc(range)}${window} · ${number(s.records)} interactions · time buckets of ${esc(bucket)} · ${esc(data.tool.name)} ${esc(data.tool.version)}</p></header>
${kpis(data)}
<h2>Charts</h2>
<div class="charts">
${charts}
</div>
<h2>Comparison</h2>
${comparison}
<h2>By ${esc(s.group_by ?? 'group')}</h2>
${versionsTable(data)}
<h2>Top findings</h2>
<p class="muted">Values are masked; the location is the log file and line.</p>
${findingsTable(data)}
${data.notes.length > 0 ? `<h2>Notes</h2><ul>${data.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
</body></html>
`
}
