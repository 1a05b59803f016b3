import type {Analyzed} from '../monitor/index.js'

/**
 * One JSON line per record, in input order: the stdout contract of `llmops monitor`.
 * `original_interaction` is the last key; when nothing in it was masked, the input line itself
 * is embedded (it is the same JSON value), which saves serialising every record a second time.
 */
export function formatRecord({record, raw}: Analyzed): string {
  if (raw === undefined) return JSON.stringify(record)
  const {original_interaction: _, ...head} = record
  const json = JSON.stringify(head)
  return `${json.slice(0, -1)},"original_interaction":${raw}}`
}

/** JSON lines from formatRecord, each ended by a newline. */
export function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n'
}
