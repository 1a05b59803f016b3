/**
 * Every report of `llmops monitor`, behind two small interfaces and two lists: a new format is
 * one file plus one line here.
 * - A stdout format (JSON Lines, one JSON document, the findings for a terminal, the text summary) is a stream: it writes a
 *   head, each run of records as the threads format them, and an end once the run is judged.
 * - A file report (SARIF, JUnit, Markdown) renders the finished run, the gate's verdict and the
 *   findings in one piece; the gate writes it atomically to the file its option names.
 * GitHub's annotations, job summary and outputs (github.ts) go through @actions/core instead.
 */
import type {GateResult} from '../results/gate.js'
import type {MonitorSummary} from '../results/summary.js'
import type {GateReport} from './gate-report.js'
import {JsonResultWriter} from './json.js'
import {formatJunit} from './junit.js'
import {formatMarkdown} from './markdown.js'
import {formatSarif} from './sarif.js'
import {FindingsCollector, formatFindingsView} from './terminal.js'

/** How the threads format records: one per line (JSONL), as members of a JSON array, or not at all. */
export type OutputMode = 'jsonl' | 'json' | 'none'

export interface StdoutFormat {
  mode: OutputMode
  start: string
  /** A run of formatted records, as the threads hand it over. */
  records(output: Uint8Array): Array<string | Uint8Array>
  /** What goes to stdout and stderr once the run is judged; `summaryText` is the human summary. */
  end(run: {summary: MonitorSummary; gate: GateResult; interrupted: boolean}, summaryText: string): {stdout: string; stderr: string}
}

const pieces = (output: Uint8Array): Array<string | Uint8Array> => [output]

export interface StdoutOptions {
  /** --quiet: no summary on stderr. */
  quiet: boolean
  /** The text view may colour its output (a terminal, NO_COLOR unset, or FORCE_COLOR). */
  color: boolean
  /** A run that never ends by itself (--follow): the text view shows findings as they come. */
  live: boolean
}

/** The person's view: the findings listed by file once the run ends (as they come when live), then the summary. */
function textFormat({quiet, color, live}: StdoutOptions): StdoutFormat {
  const collector = new FindingsCollector()
  const flush = (): string => {
    const view = formatFindingsView(collector.findings, {color, notShown: collector.notShown})
    collector.findings.length = 0
    collector.notShown = 0
    return view
  }

  return {
    mode: 'jsonl',
    start: '',
    records(output) {
      collector.add(output)
      const view = live ? flush() : ''
      return view === '' ? [] : [view]
    },
    end: (_, text) => ({stdout: flush(), stderr: quiet ? '' : text}),
  }
}

/** The stdout formats of `--format`, each made fresh for one run. */
export const STDOUT_FORMATS = {
  jsonl: ({quiet}: StdoutOptions): StdoutFormat => ({mode: 'jsonl', start: '', records: pieces, end: (_, text) => ({stdout: '', stderr: quiet ? '' : text})}),
  text: textFormat,
  json: (): StdoutFormat => {
    const writer = new JsonResultWriter()
    return {
      mode: 'json',
      start: writer.head(),
      records: (output) => [writer.separator(), ...pieces(output)],
      end: ({summary, gate, interrupted}) => ({stdout: writer.tail(summary, gate, interrupted), stderr: ''}),
    }
  },
  summary: (): StdoutFormat => ({mode: 'none', start: '', records: () => [], end: (_, text) => ({stdout: text, stderr: ''})}),
} as const satisfies Record<string, (options: StdoutOptions) => StdoutFormat>

export interface FileReport {
  /** The option that names its file: the gate option, the `--<option>` flag and the Action input. */
  option: 'sarif' | 'junit' | 'markdown'
  render(report: GateReport): string
}

export const FILE_REPORTS: readonly FileReport[] = [
  {option: 'sarif', render: formatSarif},
  {option: 'junit', render: formatJunit},
  {option: 'markdown', render: (report) => formatMarkdown(report)},
]
