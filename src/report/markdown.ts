import {markdownCell} from '../text/printable.js'
import {bySeverity, newFindings, type GateReport} from './gate-report.js'
import {findingsOverTime} from './mermaid.js'

const md = (text: string): string => markdownCell(text, 80)

/**
 * The gate as Markdown (for --markdown and the GitHub job summary): verdict, counts, the findings
 * table with masked values, latency and errors, and what was left out to stay under `maxBytes`.
 */
export function formatMarkdown(report: GateReport, maxBytes = 900 * 1024): string {
  const {summary, gate} = report
  const fresh = newFindings(report)
  const head = [
    `## llmops PII gate: ${gate.passed ? 'passed ✅' : 'failed ❌'}`,
    '',
    `${summary.records} records scanned in ${summary.inputs.length} file${summary.inputs.length === 1 ? '' : 's'}: **${fresh.length} new finding${fresh.length === 1 ? '' : 's'}**, ${summary.findings.ignored} accepted by the ignore file, ${summary.findings.preexisting} already there before, ${summary.findings.suppressed} allowlisted.`,
    '',
  ]
  if (gate.failures.length > 0) {
    head.push('| failed check | count | detail |', '|---|---|---|')
    for (const f of gate.failures) head.push(`| ${md(f.category)} | ${f.count} | ${md(f.detail ?? '')} |`)
    head.push('')
  }

  if (summary.unscanned_lines > 0) {
    head.push(`**${summary.unscanned_lines} line${summary.unscanned_lines === 1 ? '' : 's'} could not be scanned** (the gate fails closed):`, '')
    for (const u of summary.unscanned.slice(0, 20)) head.push(`- \`${md(u.file)}:${u.line}\`: ${md(u.reason)}`)
    head.push('')
  }

  const types = Object.entries(summary.findings.by_type)
  if (types.length > 0) {
    head.push('| type | new findings |', '|---|---|', ...types.map(([t, n]) => `| ${md(t)} | ${n} |`), '')
  }

  // A chart where it helps: findings spread over time (records with a time of their own).
  const chart = findingsOverTime(summary.timeline)
  if (chart !== '') head.push(chart)

  const {latency, errors} = summary
  const tail = [
    '',
    `Latency: p50 ${latency.p50 ?? '-'} ms, p95 ${latency.p95 ?? '-'} ms, max ${latency.max ?? '-'} ms, ${latency.slow} slow (> ${latency.threshold_ms} ms). Functional errors: ${errors.total}.`,
  ]
  const rows = bySeverity(report.findings).map(
    (f) =>
      `| ${f.ignored ? 'accepted' : f.preexisting ? 'already there' : '**new**'} | ${f.severity} | ${md(f.type)} | \`${md(f.file)}:${f.line}\` | ${md(f.field)} | ${md(f.masked)} | \`${f.fingerprint}\` |`,
  )
  const table = ['| status | severity | type | location | field | value (masked) | fingerprint |', '|---|---|---|---|---|---|---|']
  let size = Buffer.byteLength([...head, ...table, ...tail].join('\n'))
  let shown = 0
  for (const row of rows) {
    const bytes = Buffer.byteLength(row) + 1
    if (size + bytes > maxBytes - 200) break
    table.push(row)
    size += bytes
    shown++
  }

  const leftOut = rows.length - shown + report.findingsLeftOut
  const notes = leftOut > 0 ? [`_${leftOut} more findings are not listed here (size limit); see the SARIF or JSONL output._`] : []
  if (report.unusedIgnores.length > 0) notes.push(`_${report.unusedIgnores.length} ignore-file entries matched nothing._`)
  if (report.weakenedConfig.length > 0) {
    notes.push('', `**This change's config would weaken the gate** (this run used the base's config): review before merging.`, '')
    for (const w of report.weakenedConfig.slice(0, 50)) notes.push(`- ${md(w)}`)
  }

  if (report.addedIgnores.length > 0) {
    notes.push(
      '',
      `**This change adds ${report.addedIgnores.length} ignore-file entr${report.addedIgnores.length === 1 ? 'y' : 'ies'}: review ${report.addedIgnores.length === 1 ? 'it' : 'them'}.**`,
      '',
      '| fingerprint | reason |',
      '|---|---|',
    )
    for (const e of report.addedIgnores.slice(0, 100)) notes.push(`| \`${e.fingerprint}\` | ${md(e.reason)} |`)
  }
  return [...head, ...(rows.length > 0 ? table : []), ...notes, ...tail].join('\n') + '\n'
}
