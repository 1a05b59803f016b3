/** Reading the well-known fields of a record: id, latency, time, functional errors. */
import type {MonitorConfig} from '../config/schema.js'
import type {ErrorKind} from '../results/record.js'

export type Json = Record<string, unknown>

/** An error field counts when it holds something: not null, false, 0 or an empty string. */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== false && value !== '' && value !== 0

export function firstScalar(record: Json, names: readonly string[]): string | null {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }

  return null
}

/**
 * Longest latency taken as one: a day. Above it the field holds something else (an id, a
 * timestamp, a number that is personal data), which must not be printed as a latency.
 */
export const MAX_LATENCY_MS = 86_400_000

export function latencyOf(record: Json, names: readonly string[]): number | null {
  for (const name of names) {
    const value = record[name]
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
    if (Number.isFinite(n) && n >= 0 && n <= MAX_LATENCY_MS) return n
  }

  return null
}

/** Already ISO-8601 UTC with milliseconds, as toISOString() writes it: used as is. */
const CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
/** ISO-8601 date-time, `T` or space, optional fraction, optional zone. Nothing else is trusted. */
const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)(Z|[+-]\d\d:?\d\d)?$/i

/** Milliseconds since the epoch of an ISO string; a missing zone means UTC, never local time. */
function parseIso(value: string): number {
  const m = ISO.exec(value.trim())
  if (m === null) return Number.NaN
  return Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`)
}

/**
 * The record's own time in ISO-8601 UTC (ISO strings, epoch seconds or milliseconds), else null:
 * the time of the scan is not data. Formats like `01/02/2024` are ambiguous and depend on the
 * machine: not used.
 */
export function timestampOf(record: Json, names: readonly string[]): string | null {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string' && CANONICAL_UTC.test(value) && Number.isFinite(Date.parse(value))) return value
    const ms = timeMs(value)
    if (Number.isFinite(ms)) return new Date(ms).toISOString()
  }

  return null
}

/**
 * Milliseconds since the epoch of a time value as `timestampOf` reads it (ISO string, epoch
 * seconds below 10¹¹, else milliseconds), or NaN when it is none or out of Date's range.
 */
export function timeMs(value: unknown): number {
  const ms = typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : typeof value === 'string' ? parseIso(value) : Number.NaN
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : Number.NaN
}

export function functionalErrors(record: Json, config: MonitorConfig): ErrorKind[] {
  const {responseField, queryField, errorFields} = config
  const errors: ErrorKind[] = []
  if (responseField !== null) {
    const response = record[responseField]
    if (response === null) errors.push('null_response')
    else if (response === undefined) errors.push('missing_response')
    else if (typeof response === 'string' && response.trim() === '') errors.push('empty_response')
  }

  if (queryField !== null && (record[queryField] === undefined || record[queryField] === null)) errors.push('missing_query')
  if (errorFields.some((name) => isSet(record[name]))) errors.push('error_field')
  return errors
}
