import type {RecordResult} from '../monitor/index.js'

/** One JSON line per record, in input order: the stdout contract of `llmops monitor`. */
export function formatRecords(records: readonly RecordResult[]): string {
  let out = ''
  for (const record of records) out += JSON.stringify(record) + '\n'
  return out
}
