import {parseWhen} from '../config/values.js'
import type {FeedbackRecord} from './record.js'

/** Dates and relative times, as `llmops monitor --since` reads them too. */
export {parseWhen}

export interface Filters {
  type?: string[] | undefined
  userId?: string | undefined
  interactionId?: string | undefined
  since?: Date | undefined
  until?: Date | undefined
  limit?: number | undefined
}

/** The records that pass every filter, newest first, at most `limit`. */
export function filterRecords(records: readonly FeedbackRecord[], filters: Filters): FeedbackRecord[] {
  const kept = records.filter((r) => {
    const time = Date.parse(r.timestamp_utc)
    return (
      (filters.type === undefined || filters.type.includes(r.feedback_type)) &&
      (filters.userId === undefined || r.user_id === filters.userId) &&
      (filters.interactionId === undefined || r.interaction_id === filters.interactionId) &&
      (filters.since === undefined || time >= filters.since.getTime()) &&
      (filters.until === undefined || time < filters.until.getTime())
    )
  })
  kept.sort((a, b) => b.timestamp_utc.localeCompare(a.timestamp_utc) || b.id.localeCompare(a.id))
  return filters.limit === undefined ? kept : kept.slice(0, filters.limit)
}

export interface FeedbackStats {
  total: number
  by_type: Record<string, number>
  by_period: Record<string, number>
  period: 'day' | 'week'
  by_model_version: Record<string, number>
  /** Star ratings (1-5): count and mean; thumbs: up, down and the share of up. */
  ratings: {stars: {count: number; mean: number | null}; thumbs: {up: number; down: number; up_share: number | null}}
  by_type_rating: Record<string, {count: number; mean: number | null}>
}

/** Monday of the ISO week, as YYYY-MM-DD. */
function weekOf(date: Date): string {
  const day = (date.getUTCDay() + 6) % 7
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day)).toISOString().slice(0, 10)
}

const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1
}

const mean = (values: number[]): number | null => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100)

export function statsOf(records: readonly FeedbackRecord[], period: 'day' | 'week'): FeedbackStats {
  const byType: Record<string, number> = {}
  const byPeriod: Record<string, number> = {}
  const byModel: Record<string, number> = {}
  const stars: number[] = []
  const starsByType = new Map<string, number[]>()
  let up = 0
  let down = 0
  for (const r of records) {
    bump(byType, r.feedback_type)
    const date = new Date(r.timestamp_utc)
    bump(byPeriod, period === 'day' ? date.toISOString().slice(0, 10) : weekOf(date))
    bump(byModel, r.model_version ?? '(none)')
    if (typeof r.rating === 'number') {
      stars.push(r.rating)
      starsByType.set(r.feedback_type, [...(starsByType.get(r.feedback_type) ?? []), r.rating])
    } else if (r.rating === 'up') up++
    else if (r.rating === 'down') down++
  }

  const sorted = (map: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)))
  return {
    total: records.length,
    by_type: sorted(byType),
    by_period: sorted(byPeriod),
    period,
    by_model_version: sorted(byModel),
    ratings: {
      stars: {count: stars.length, mean: mean(stars)},
      thumbs: {up, down, up_share: up + down === 0 ? null : Math.round((up / (up + down)) * 1000) / 1000},
    },
    by_type_rating: Object.fromEntries([...starsByType].sort(([a], [b]) => a.localeCompare(b)).map(([t, v]) => [t, {count: v.length, mean: mean(v)}])),
  }
}
