import type {GateResult} from '../results/gate.js'
import type {MonitorSummary} from '../results/summary.js'

/**
 * `--json` as a stream: one valid JSON object, `{"records": [...], "summary", "gate",
 * "interrupted"}`, written as the records come, so memory stays flat like the JSONL mode.
 */
export class JsonResultWriter {
  private first = true

  head(): string {
    return '{"records":['
  }

  /** What goes before the next run of records (already joined by `,\n`). */
  separator(): string {
    const separator = this.first ? '\n' : ',\n'
    this.first = false
    return separator
  }

  tail(summary: MonitorSummary, gate: GateResult, interrupted: boolean): string {
    return `\n],\n"summary":${JSON.stringify(summary)},\n"gate":${JSON.stringify(gate)},\n"interrupted":${interrupted}}\n`
  }
}
