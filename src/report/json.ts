import type {Analyzed, GateResult, MonitorSummary} from '../monitor/index.js'
import {formatRecord} from './jsonl.js'

/**
 * `--json` as a stream: one valid JSON object, `{"records": [...], "summary", "gate",
 * "interrupted"}`, written as the records come, so memory stays flat like the JSONL mode.
 */
export class JsonResultWriter {
  private first = true

  head(): string {
    return '{"records":['
  }

  records(batch: readonly Analyzed[]): string {
    let out = ''
    for (const analyzed of batch) {
      out += (this.first ? '\n' : ',\n') + formatRecord(analyzed)
      this.first = false
    }

    return out
  }

  tail(summary: MonitorSummary, gate: GateResult, interrupted: boolean): string {
    return `\n],\n"summary":${JSON.stringify(summary)},\n"gate":${JSON.stringify(gate)},\n"interrupted":${interrupted}}\n`
  }
}
