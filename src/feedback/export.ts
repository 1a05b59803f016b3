import type {FeedbackRecord} from './record.js'

export const EXPORT_FORMATS = ['csv', 'jsonl', 'langfuse'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const CSV_COLUMNS = ['id', 'timestamp_utc', 'user_id', 'feedback_type', 'rating', 'interaction_id', 'model_version', 'source', 'tags', 'description'] as const

/**
 * RFC 4180 quoting, and no formula injection: a cell that starts with = + - @ (or a tab or CR)
 * is prefixed with ' so that a spreadsheet shows it instead of running it.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return ''
  let text = Array.isArray(value) ? value.join(';') : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(records: readonly FeedbackRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')]
  for (const r of records) rows.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))
  return rows.join('\r\n') + '\r\n'
}

/** A score as Langfuse's public API (POST /api/public/scores) accepts it. */
export interface LangfuseScore {
  id: string
  traceId: string
  name: string
  value: number | string
  dataType: 'NUMERIC' | 'BOOLEAN' | 'CATEGORICAL'
  comment: string
  metadata: Record<string, string | string[]>
}

/**
 * Langfuse scores: a star rating is NUMERIC, a thumb BOOLEAN (1 or 0), no rating the feedback type
 * as a CATEGORICAL value. A score must belong to a trace, so records without an interaction id
 * are left out (and counted). The record id is the score id: re-importing updates, not duplicates.
 */
export function toLangfuse(records: readonly FeedbackRecord[]): {scores: LangfuseScore[]; skipped: number} {
  const scores: LangfuseScore[] = []
  let skipped = 0
  for (const r of records) {
    if (r.interaction_id === undefined) {
      skipped++
      continue
    }

    const metadata: Record<string, string | string[]> = {user_id: r.user_id, feedback_type: r.feedback_type, feedback_at: r.timestamp_utc}
    if (r.model_version !== undefined) metadata.model_version = r.model_version
    if (r.source !== undefined) metadata.source = r.source
    if (r.tags !== undefined) metadata.tags = r.tags
    const base = {id: r.id, traceId: r.interaction_id, comment: r.description, metadata}
    if (typeof r.rating === 'number') scores.push({...base, name: 'user_rating', value: r.rating, dataType: 'NUMERIC'})
    else if (r.rating === undefined) scores.push({...base, name: 'user_feedback', value: r.feedback_type, dataType: 'CATEGORICAL'})
    else scores.push({...base, name: 'user_thumbs', value: r.rating === 'up' ? 1 : 0, dataType: 'BOOLEAN'})
  }

  return {scores, skipped}
}
