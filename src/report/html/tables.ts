/** The report's tables: the comparison with its deltas, the figures by version, the top findings (masked). */
import type {Comparison} from '../../results/comparison.js'
import type {ReportData} from '../../results/report-data.js'
import {formatChange, formatValue} from '../comparison-text.js'
import {esc, number} from './svg.js'

const ms = (v: number | null): string => (v === null ? '-' : `${number(Math.round(v))} ms`)

export function comparisonTable(c: Comparison): string {
  const rows = c.rows.map((r) => {
    const state = r.regression
      ? '<span class="regression">regression</span>'
      : r.limit !== null && !r.judged
        ? '<span class="muted">not judged</span>'
        : r.judged
          ? 'ok'
          : ''
    return `<tr${r.regression ? ' class="regression"' : ''}><td>${esc(r.label)}</td><td class="n">${esc(formatValue(r.baseline, r.unit))}</td><td class="n">${esc(formatValue(r.candidate, r.unit))}</td><td class="n">${esc(formatChange(r))}</td><td class="n">${esc(r.limit ?? '')}</td><td>${state}</td></tr>`
  })
  const types = [...new Set([...Object.keys(c.baseline.feedback.by_type), ...Object.keys(c.candidate.feedback.by_type)])].sort()
  for (const t of types) {
    rows.push(
      `<tr><td>feedback: ${esc(t)}</td><td class="n">${number(c.baseline.feedback.by_type[t] ?? 0)}</td><td class="n">${number(c.candidate.feedback.by_type[t] ?? 0)}</td><td class="n">${number((c.candidate.feedback.by_type[t] ?? 0) - (c.baseline.feedback.by_type[t] ?? 0))}</td><td></td><td></td></tr>`,
    )
  }

  const verdict =
    c.regressions.length === 0
      ? '<p>No regression beyond the limits.</p>'
      : `<p class="regression">${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'} beyond the limits.</p>`
  return `<p>Baseline <b>${esc(c.baseline.label)}</b> (${number(c.baseline.records)} interactions) against candidate <b>${esc(c.candidate.label)}</b> (${number(c.candidate.records)}).</p>
<table class="comparison"><thead><tr><th>metric</th><th class="n">baseline</th><th class="n">candidate</th><th class="n">change</th><th class="n">limit</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>${verdict}`
}

export function versionsTable(data: ReportData): string {
  const {groups, group_by: by} = data.summary
  const entries = Object.entries(groups)
  if (entries.length === 0 || by === null) return '<p class="empty">The run was not grouped (--group-by none).</p>'
  const feedback = new Map(data.feedback.versions.map((v) => [v.version, v]))
  const rows = entries.map(([name, g]) => {
    const fb = feedback.get(name)
    const rate = (n: number): string => (g.records === 0 ? '-' : number(Math.round((n / g.records) * 100_000) / 100))
    return `<tr><td>${esc(name)}</td><td class="n">${number(g.records)}</td><td class="n">${g.records === 0 ? '-' : `${number(Math.round((g.errors / g.records) * 10_000) / 100)}%`}</td><td class="n">${ms(g.latency.p50)}</td><td class="n">${ms(g.latency.p95)}</td><td class="n">${ms(g.latency.p99)}</td><td class="n">${rate(g.pii)}</td><td class="n">${rate(g.secrets)}</td><td class="n">${g.tokens_per_record === null ? '-' : number(g.tokens_per_record)}</td><td class="n">${number(fb?.total ?? 0)}</td><td class="n">${fb?.mean_rating === null || fb === undefined ? '-' : number(fb.mean_rating)}</td></tr>`
  })
  return `<table><thead><tr><th>${esc(by)}</th><th class="n">interactions</th><th class="n">error rate</th><th class="n">p50</th><th class="n">p95</th><th class="n">p99</th><th class="n">PII per 1,000</th><th class="n">secrets per 1,000</th><th class="n">tokens per interaction</th><th class="n">feedback</th><th class="n">mean rating</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

export function findingsTable(data: ReportData): string {
  if (data.findings.length === 0) return '<p class="empty">No findings.</p>'
  const rows = data.findings.map(
    (f) =>
      `<tr><td>${esc(f.severity)}</td><td>${esc(f.type)}</td><td><code>${esc(`${f.file}:${f.line}`)}</code></td><td><code>${esc(f.field)}</code></td><td><code>${esc(f.masked)}</code></td><td>${f.ignored ? 'accepted' : f.preexisting ? 'already there' : 'new'}</td></tr>`,
  )
  const more =
    data.findingsTotal > data.findings.length
      ? `<p class="muted">${number(data.findings.length)} of ${number(data.findingsTotal)} findings shown, most severe first.</p>`
      : ''
  return `<table><thead><tr><th>severity</th><th>type</th><th>location</th><th>field</th><th>value (masked)</th><th>status</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`
}
