import type {Analyzed} from '../results/record.js'

/**
 * One JSON line per record, in input order: the stdout contract of `llmops monitor`.
 * `original_interaction` is the last key: the input line with every finding replaced in place,
 * embedded as written (valid JSON, and it keeps values under duplicate keys), which also saves
 * serialising every record a second time. A carriage return between tokens becomes a space, so
 * that no line reader splits the output line.
 */
export function formatRecord(analyzed: Analyzed): string {
  const {record, raw} = analyzed
  if (raw === undefined) return JSON.stringify(record)
  return `${recordHead(analyzed)}${raw.includes('\r') ? raw.replaceAll('\r', ' ') : raw}}`
}

/**
 * The output line of a record that has its line (`raw`), up to where the line goes: followed by
 * the line (carriage returns made spaces) and `}`, it is `formatRecord`. A frame writes a line
 * in which nothing was found by copying its input bytes after this head.
 */
export function recordHead({record}: Analyzed): string {
  const {original_interaction: _, ...head} = record
  return `${JSON.stringify(head).slice(0, -1)},"original_interaction":`
}
