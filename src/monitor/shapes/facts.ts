/**
 * What a log shape tells the monitor about one record, besides what it scans: the interaction's
 * id, time, latency, time to first token, tokens, model and error. Each fact remembers the path
 * it was read from (never the value), for --explain-schema.
 */
import type {SchemaName} from '../../config/log-shapes.js'
import {MAX_LATENCY_MS, timeMs} from '../fields.js'

export {isSet} from '../fields.js'

export type Shape = Exclude<SchemaName, 'auto'>

/** The facts a shape can give, by their output names. */
export const FACT_NAMES = ['interaction_id', 'timestamp_utc', 'latency_ms', 'ttft_ms', 'tokens_in', 'tokens_out', 'model', 'model_version', 'error'] as const
export type FactName = (typeof FACT_NAMES)[number]

/** More tokens than any model reads or writes in one interaction: not a token count. */
export const MAX_TOKENS = 99_999_999

type TextFact = 'interaction_id' | 'model' | 'model_version'
type CountFact = 'tokens_in' | 'tokens_out'
type DurationFact = 'latency_ms' | 'ttft_ms'

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** The facts of one record; a fact is set once, by the first alias that holds a usable value. */
export class Facts {
  readonly text: Partial<Record<TextFact, string>> = {}
  readonly count: Partial<Record<CountFact, number>> = {}
  readonly duration: Partial<Record<DurationFact, number>> = {}
  /** The record's own time, in milliseconds since the epoch. */
  time: number | undefined
  /** The shape marks the interaction as failed (a span's error status, an error level...). */
  failed = false
  /** The shape holds a response, and it has no content at all. */
  empty = false
  /** OTLP: how many GenAI spans the line holds (the facts are the first one's). */
  spans: number | undefined
  /** Where each fact was read: a path, never a value. */
  readonly from: Partial<Record<FactName, string>> = {}

  constructor(
    readonly schema: Shape,
    /** The keys that made the detector choose this shape, or `forced`. */
    readonly marker: string,
  ) {}

  /**
   * A non-blank string. Numbers are not taken: a number is printed as JSON.parse reads it, which
   * can differ from what was scanned; the config's `idFields` read numeric ids with that care.
   */
  setText(name: TextFact, value: unknown, path: string): boolean {
    if (this.text[name] !== undefined) return true
    if (typeof value !== 'string' || value.trim() === '') return false
    this.text[name] = value
    this.from[name] = path
    return true
  }

  /**
   * A whole number of tokens, from 0 to MAX_TOKENS; OTLP writes 64-bit integers as decimal
   * strings. Larger numbers are something else (an id, a card or phone number) and are not printed.
   */
  setCount(name: CountFact, value: unknown, path: string): boolean {
    if (this.count[name] !== undefined) return true
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isInteger(n) || n < 0 || n > MAX_TOKENS) return false
    this.count[name] = n
    this.from[name] = path
    return true
  }

  /** Milliseconds between 0 and a day (see MAX_LATENCY_MS); anything else is not a duration. */
  setDuration(name: DurationFact, ms: number, path: string): boolean {
    if (this.duration[name] !== undefined) return true
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_LATENCY_MS) return false
    this.duration[name] = Math.round(ms * 1000) / 1000
    this.from[name] = path
    return true
  }

  /** The duration between two time values (ISO strings, epoch seconds or milliseconds). */
  setBetween(name: DurationFact, start: unknown, end: unknown, path: string): boolean {
    return this.setDuration(name, timeMs(end) - timeMs(start), path)
  }

  /** A duration written in seconds. */
  setSeconds(name: DurationFact, value: unknown, path: string): boolean {
    return typeof value === 'number' && this.setDuration(name, value * 1000, path)
  }

  /** A time value as `timestampOf` reads it: ISO (no zone means UTC), epoch seconds or milliseconds. */
  setTimeOf(value: unknown, path: string): boolean {
    return this.setTime(timeMs(value), path)
  }

  setTime(ms: number, path: string): boolean {
    if (this.time !== undefined) return true
    // Date's range: past it there is no time to print (and toISOString would throw).
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return false
    this.time = ms
    this.from.timestamp_utc = path
    return true
  }

  fail(path: string): void {
    this.failed = true
    this.from.error ??= path
  }
}

export const obj = (value: unknown): Record<string, unknown> | undefined => (isObject(value) ? value : undefined)
export const arr = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : [])
/** A string that holds more than blanks. */
export const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== ''
