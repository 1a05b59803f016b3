import type {GateResult} from '../results/gate.js'
import type {LatencySummary, MonitorSummary, WindowSummary} from '../results/summary.js'
import {cell, printable} from '../text/printable.js'

const count = (n: number): string => n.toLocaleString('en-US')
const ms = (value: number | null): string => (value === null ? '-' : `${count(Math.round(value))} ms`)
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`
/** A run's duration as people read it: milliseconds below a second, seconds above. */
const took = (milliseconds: number): string => (milliseconds < 1000 ? `${milliseconds} ms` : `${(milliseconds / 1000).toFixed(1)} s`)

function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = []
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length)
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
  )
}

function latencyLine(latency: LatencySummary): string {
  if (latency.count === 0) return 'no latency field in any record'
  const estimate = latency.exact ? '' : ' (percentiles estimated within 1%)'
  return `p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}${estimate}`
}

/** What --since/--until kept and left out. */
function windowLine(w: WindowSummary): string {
  const span = `${w.since ?? 'the start'} to ${w.until ?? 'the end'}`
  const left = [
    w.before > 0 ? `${count(w.before)} before` : '',
    w.after > 0 ? `${count(w.after)} after` : '',
    w.untimed > 0 ? `${plural(w.untimed, 'line')} without a time of their own` : '',
  ].filter((x) => x !== '')
  return `window ${span}${left.length > 0 ? `; left out: ${left.join(', ')}` : ''}`
}

/** Inputs named in the first line; past this, the rest are counted (a CI run may scan a thousand files). */
const NAMED_INPUTS = 3

/** The inputs as the first line names them: "a.jsonl, b.jsonl, c.jsonl and 921 more" (the JSON summary lists all). */
function inputsLine(inputs: readonly string[]): string {
  if (inputs.length > NAMED_INPUTS + 1) return `${printable(inputs.slice(0, NAMED_INPUTS).join(', '))} and ${count(inputs.length - NAMED_INPUTS)} more`
  return printable(inputs.join(', ')) || 'no input (nothing to scan)'
}

/** The human summary of a run: plain text, no colour, safe for terminals and CI logs. */
export function formatSummary(summary: MonitorSummary, gate: GateResult, options: {interrupted?: boolean} = {}): string {
  const lines: string[] = []
  const head = `llmops monitor: ${plural(summary.records, 'record')} from ${inputsLine(summary.inputs)} in ${took(summary.duration_ms)}`
  lines.push(options.interrupted ? `${head} (interrupted: partial figures)` : head)
  if (summary.window !== null) lines.push(`  ${windowLine(summary.window)}`)
  if (summary.malformed_lines > 0) lines.push(`  ${plural(summary.malformed_lines, 'malformed line')} (see the lines with "parse_error")`)
  if (summary.unscanned_lines > 0) {
    lines.push(`  ${plural(summary.unscanned_lines, 'line')} not scanned:`)
    for (const u of summary.unscanned.slice(0, 10)) lines.push(`    ${printable(`${u.file}:${u.line}: ${u.reason}`)}`)
    if (summary.unscanned_lines > 10) lines.push(`    and ${count(summary.unscanned_lines - 10)} more`)
  }

  const {findings} = summary
  lines.push('', `PII and secrets: ${plural(findings.total, 'finding')} in ${plural(findings.records_with_findings, 'line')}`)
  if (findings.total > 0) lines.push(...table(Object.entries(findings.by_type).map(([type, n]) => [type, count(n)])))
  if (findings.suppressed > 0) {
    const kinds = Object.entries(findings.suppressed_by_type).map(([type, n]) => `${count(n)} ${type}`)
    lines.push(`  suppressed by the allowlist: ${kinds.join(', ')}`)
  }

  if (findings.ignored > 0) lines.push(`  accepted by the ignore file: ${plural(findings.ignored, 'finding')}`)
  if (findings.preexisting > 0) lines.push(`  already there before this change: ${plural(findings.preexisting, 'finding')}`)

  const malformed = summary.malformed_lines > 0 ? ` (${count(summary.malformed_lines)} of them malformed)` : ''
  lines.push('', `Errors: ${plural(summary.errors.total, 'line')} with a functional error${malformed}`)
  const kinds = Object.entries(summary.errors.by_kind)
  if (kinds.length > 0) lines.push(...table(kinds.map(([kind, n]) => [kind, count(n)])))

  const {latency} = summary
  lines.push('', `Latency: ${latencyLine(latency)}`)
  if (latency.count > 0) lines.push(`  slow (> ${count(latency.threshold_ms)} ms): ${count(latency.slow)} of ${count(latency.count)}`)
  if (latency.missing > 0) lines.push(`  ${plural(latency.missing, 'record')} without a latency field`)
  if (summary.tokens.records > 0)
    lines.push('', `Tokens: ${count(summary.tokens.per_record ?? 0)} per record (over ${plural(summary.tokens.records, 'record')} with a count)`)

  const groups = Object.entries(summary.groups)
  if (groups.length > 0 && summary.group_by !== null) {
    lines.push('', `By ${cell(summary.group_by)}:`)
    const rows = [[cell(summary.group_by), 'records', 'errors', 'pii', 'secrets', 'p95', 'slow']]
    for (const [name, g] of groups)
      rows.push([cell(name), count(g.records), count(g.errors), count(g.pii), count(g.secrets), ms(g.latency.p95), count(g.latency.slow)])
    lines.push(...table(rows))
  }

  if (gate.fail_on.length > 0 || gate.failures.length > 0) {
    const verdict = gate.passed
      ? 'passed'
      : `FAILED: ${gate.failures.map((f) => (f.detail === undefined ? `${count(f.count)} ${f.category}` : `${f.category} (${f.detail})`)).join(', ')}`
    lines.push('', `Gate${gate.fail_on.length > 0 ? ` (--fail-on ${gate.fail_on.join(',')})` : ''}: ${verdict}`)
  }

  return lines.join('\n') + '\n'
}
