import type {FeedbackStats} from './query.js'
import type {FeedbackRecord} from './record.js'
import {cell} from '../text/printable.js'

function table(rows: string[][]): string[] {
  const widths: number[] = []
  for (const row of rows) for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...c].length)
  return rows.map((row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}

/** The records as a table for a terminal: one line each, description cut to fit. */
export function formatFeedbackTable(records: readonly FeedbackRecord[], width = 120): string {
  if (records.length === 0) return 'No feedback matches.\n'
  const rows = [['TIME (UTC)', 'TYPE', 'USER', 'RATING', 'INTERACTION']]
  for (const r of records) {
    rows.push([
      r.timestamp_utc.slice(0, 16).replace('T', ' '),
      cell(r.feedback_type, 20),
      cell(r.user_id, 20),
      r.rating === undefined ? '-' : String(r.rating),
      cell(r.interaction_id ?? '-', 16),
    ])
  }

  // The description goes last, cut to the terminal's width, starting at the same column everywhere.
  const lines = table(rows)
  const start = Math.max(...lines.map((l) => l.length)) + 2
  const room = Math.max(20, width - start)
  return (
    lines
      .map((line, i) => line.padEnd(start) + (i === 0 ? 'DESCRIPTION' : cell((records[i - 1]?.description ?? '').replaceAll(/\s+/g, ' '), room)))
      .join('\n') + '\n'
  )
}

export function formatFeedbackStats(stats: FeedbackStats): string {
  const out = [`Feedback: ${stats.total} record${stats.total === 1 ? '' : 's'}`]
  const section = (title: string, map: Record<string, number>): void => {
    if (Object.keys(map).length === 0) return
    out.push('', title, ...table(Object.entries(map).map(([k, v]) => [`  ${cell(k, 40)}`, String(v)])))
  }

  section('By type', stats.by_type)
  section(`By ${stats.period}`, stats.by_period)
  section('By model version', stats.by_model_version)
  const {stars, thumbs} = stats.ratings
  out.push('', 'Ratings')
  out.push(`  stars: ${stars.count === 0 ? 'none' : `${stars.count}, mean ${stars.mean}`}`)
  out.push(`  thumbs: ${thumbs.up + thumbs.down === 0 ? 'none' : `${thumbs.up} up, ${thumbs.down} down (${Math.round((thumbs.up_share ?? 0) * 100)}% up)`}`)
  for (const [type, r] of Object.entries(stats.by_type_rating))
    out.push(`  ${cell(type, 40)}: mean ${r.mean} from ${r.count} rating${r.count === 1 ? '' : 's'}`)
  return out.join('\n') + '\n'
}
