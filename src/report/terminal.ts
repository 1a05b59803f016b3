/**
 * The monitor's view for a person at a terminal (`--format text`, the default when stdout is a
 * terminal): every finding as `file:line  TYPE  masked value  field`, grouped by file in input
 * order, the most severe first, coloured when asked. It reads the JSON lines the threads format,
 * so it shows exactly what the JSONL output holds, and only the masked values: never a raw one,
 * even with --no-redact (the JSON output carries those).
 */
import {SEVERITY_RANK, type Severity} from '../engine/index.js'
import {cell, printable} from '../text/printable.js'

/** One finding as the view shows it. */
export interface ViewFinding {
  file: string
  line: number
  type: string
  masked: string
  field: string
  severity: Severity
  /** Position in the input, for a stable order among equals. */
  order: number
}

/** Findings kept for the view; past it they are counted, not listed (memory stays bounded). */
export const MAX_SHOWN = 1000

const COLOR: Readonly<Record<Severity, string>> = {critical: '\u001B[1;31m', high: '\u001B[31m', medium: '\u001B[33m', low: '\u001B[36m'}
const DIM = '\u001B[2m'
const BOLD = '\u001B[1m'
const RESET = '\u001B[0m'

const FINDINGS = '"findings":'

interface RecordLine {
  file?: unknown
  line?: unknown
  findings?: Array<{type?: unknown; masked?: unknown; field?: unknown; severity?: unknown; ignored?: unknown}>
}

/** Collects the findings of the formatted records, in input order. */
export class FindingsCollector {
  readonly findings: ViewFinding[] = []
  /** New findings past MAX_SHOWN: counted only. */
  notShown = 0
  private readonly decoder = new TextDecoder()
  private order = 0

  /** A run of JSON lines, as the threads hand them over. */
  add(output: Uint8Array): void {
    for (const text of this.decoder.decode(output).split('\n')) {
      // Most records hold no finding: no need to parse them. The record's own list is the first
      // "findings" key of its line (the fields before it are strings, numbers and error kinds),
      // never one that `original_interaction`, which comes after it, may hold.
      const at = text.indexOf(FINDINGS)
      if (text === '' || (at !== -1 && text.startsWith('[]', at + FINDINGS.length))) continue
      this.addRecord(JSON.parse(text) as RecordLine)
    }
  }

  private addRecord(record: RecordLine): void {
    for (const f of record.findings ?? []) {
      // Accepted by the ignore file: not something to look at.
      if (f.ignored === true) continue
      if (this.findings.length >= MAX_SHOWN) {
        this.notShown++
        continue
      }

      this.findings.push({
        file: String(record.file),
        line: Number(record.line),
        type: String(f.type),
        masked: String(f.masked),
        field: String(f.field),
        severity: (f.severity as Severity | undefined) ?? 'low',
        order: this.order++,
      })
    }
  }
}

const paint = (color: boolean, code: string, text: string): string => (color ? `${code}${text}${RESET}` : text)

/** The view: a heading per file, its findings most severe first (then by line), aligned columns. */
export function formatFindingsView(findings: readonly ViewFinding[], options: {color: boolean; notShown?: number}): string {
  if (findings.length === 0 && (options.notShown ?? 0) === 0) return ''
  const files = new Map<string, ViewFinding[]>()
  for (const f of findings) files.set(f.file, [...(files.get(f.file) ?? []), f])
  const out: string[] = []
  for (const [file, group] of files) {
    const sorted = [...group].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.line - b.line || a.order - b.order)
    const rows = sorted.map((f) => ({
      where: `${printable(file)}:${f.line}`,
      type: f.type,
      masked: cell(f.masked, 60),
      field: cell(f.field, 60),
      severity: f.severity,
    }))
    const widths = {
      where: Math.max(...rows.map((r) => r.where.length)),
      type: Math.max(...rows.map((r) => r.type.length)),
      masked: Math.max(...rows.map((r) => r.masked.length)),
    }
    out.push(paint(options.color, BOLD, printable(file)))
    for (const r of rows) {
      const type = paint(options.color, COLOR[r.severity], r.type.padEnd(widths.type))
      out.push(
        `  ${paint(options.color, DIM, r.where.padEnd(widths.where))}  ${type}  ${r.masked.padEnd(widths.masked)}  ${paint(options.color, DIM, r.field)}`.trimEnd(),
      )
    }

    out.push('')
  }

  const notShown = options.notShown ?? 0
  if (notShown > 0)
    out.push(`… and ${notShown.toLocaleString('en-US')} more ${notShown === 1 ? 'finding' : 'findings'}, not listed here (--format jsonl lists them all)`, '')
  return `${out.join('\n')}\n`
}
