import type {Analyzed} from '../results/record.js'

/**
 * One JSON line per record, in input order: the stdout contract of `llmops monitor`.
 * `original_interaction` is the last key: the input line with every finding replaced in place,
 * embedded as written (valid JSON, and it keeps values under duplicate keys), which also saves
 * serialising every record a second time. A carriage return between tokens becomes a space, so
 * that no line reader splits the output line.
 */
export function formatRecord({record, raw}: Analyzed): string {
  if (raw === undefined) return JSON.stringify(record)
  const {original_interaction: _, ...head} = record
  const json = JSON.stringify(head)
  return `${json.slice(0, -1)},"original_interaction":${raw.includes('\r') ? raw.replaceAll('\r', ' ') : raw}}`
}
