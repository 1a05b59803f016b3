/**
 * The parsers of flag and input values that both the CLI and the GitHub Action use, so that a
 * value means the same thing wherever it is given (and is refused the same way). `name` is how
 * the caller shows the setting: `--max-error-rate`, or `input max-error-rate`.
 */
import {usageError} from '../errors.js'
import {FAIL_ON, type FailOn} from './schema.js'

/** A whole number in [min, max], written in decimal digits only (no `0x10`, `1e3`, `2.5` or `%`). */
export function parseInteger(text: string, name: string, range: {min: number; max?: number}): number {
  const value = /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN
  const limits = `from ${range.min}${range.max === undefined ? '' : ` to ${range.max}`}`
  if (!Number.isSafeInteger(value) || value < range.min || (range.max !== undefined && value > range.max)) {
    throw usageError(`${name} ${JSON.stringify(text)}: give a whole number ${limits}`, 'E_USAGE')
  }

  return value
}

/** A share from 0 to 1: `0.05`, or a percentage `5%`. */
export function parseShare(text: string, name: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text)
  const share = match === null ? Number.NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1)
  if (!(share >= 0 && share <= 1)) throw usageError(`${name} ${JSON.stringify(text)}: give a share such as 0.05 or 5%`, 'E_USAGE')
  return share
}

/** Gate categories, comma- or newline-separated: `pii,secret`. */
export function parseFailOn(text: string, name: string): FailOn[] {
  const values = text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '')
  const unknown = values.filter((v) => !(FAIL_ON as readonly string[]).includes(v))
  if (unknown.length > 0) throw usageError(`${name}: unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}; use ${FAIL_ON.join(', ')}`, 'E_USAGE')
  return [...new Set(values)] as FailOn[]
}

/** `true` or `false` (as GitHub passes boolean inputs). */
export function parseBoolean(text: string, name: string): boolean {
  const value = text.trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false') return false
  throw usageError(`${name} ${JSON.stringify(text)}: give true or false`, 'E_USAGE')
}

/** `K/N`, 1-based: this worker's shard K of N (1 <= K <= N <= 10000). */
export function parseShard(text: string, name: string): {index: number; count: number} {
  const match = /^\s*(\d{1,5})\s*\/\s*(\d{1,5})\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (match === null || !(index >= 1 && index <= count && count <= 10_000)) {
    throw usageError(`${name} ${JSON.stringify(text)}: give K/N with 1 <= K <= N, e.g. 1/4 (shards are numbered from 1)`, 'E_USAGE')
  }

  return {index, count}
}

/**
 * The shard a scheduler hands this worker, read only when asked (`--shard env`): LLMOPS_SHARD as
 * K/N, else a 0-based index (Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX; AWS Batch array jobs:
 * AWS_BATCH_JOB_ARRAY_INDEX) with the count in LLMOPS_SHARD_COUNT.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): {index: number; count: number} {
  if (env.LLMOPS_SHARD) return parseShard(env.LLMOPS_SHARD, '$LLMOPS_SHARD')
  const [variable, zeroBased] =
    [
      ['JOB_COMPLETION_INDEX', env.JOB_COMPLETION_INDEX],
      ['AWS_BATCH_JOB_ARRAY_INDEX', env.AWS_BATCH_JOB_ARRAY_INDEX],
    ].find(([, v]) => v !== undefined && v !== '') ?? []
  if (variable === undefined || zeroBased === undefined) {
    throw usageError('--shard env: none of LLMOPS_SHARD, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX is set', 'E_USAGE', [
      "Set LLMOPS_SHARD=K/N, or the scheduler's index with LLMOPS_SHARD_COUNT=N.",
    ])
  }

  const count = parseInteger(env.LLMOPS_SHARD_COUNT ?? '', '$LLMOPS_SHARD_COUNT (with a 0-based scheduler index)', {min: 1, max: 10_000})
  const index = parseInteger(zeroBased, `$${variable}`, {min: 0, max: count - 1}) + 1
  return {index, count}
}

/** `N` or `A-B`: 1-based line numbers, at most `max` lines. */
export function parseLineRange(text: string, name: string, max = 1000): {first: number; last: number} {
  const match = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/.exec(text)
  const first = Number(match?.[1])
  const last = match?.[2] === undefined ? first : Number(match[2])
  if (match === null || !(first >= 1 && last >= first && last - first < max)) {
    throw usageError(`${name} ${JSON.stringify(text)}: give a line number (42) or a range (1-20) of at most ${max} lines, from 1`, 'E_USAGE')
  }

  return {first, last}
}

const RELATIVE = /^(\d+)([hdw])$/

/**
 * A point in time for --since and --until (feedback list, monitor, compare):
 * `2026-11-01`, `2026-11-01T10:00:00Z` (no zone: UTC), or relative to now: `24h`, `7d`, `2w`.
 */
export function parseWhen(value: string, flag: string, now = new Date()): Date {
  const relative = RELATIVE.exec(value.trim())
  if (relative !== null) {
    const hours = {h: 1, d: 24, w: 168}[relative[2] as 'h' | 'd' | 'w']
    return new Date(now.getTime() - Number(relative[1]) * hours * 3_600_000)
  }

  const text = value.trim()
  const match = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?(Z|[+-]\d\d:?\d\d)?$/i.exec(text)
  const iso = match !== null
  // A time without a zone is UTC, as the monitor reads record times: never the machine's local time.
  const ms = match === null ? Number.NaN : Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}`)
  if (!iso || Number.isNaN(ms)) throw usageError(`${flag} ${JSON.stringify(value)}: use a date such as 2026-11-01, a UTC time, or 24h, 7d, 2w`, 'E_USAGE')
  return new Date(ms)
}

/** A decimal number of at least `min`: `0.5`, `2`, `10.25` (no exponent, no sign). */
export function parseDecimal(text: string, name: string, range: {min: number}): number {
  const value = /^\s*\d+(?:\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= range.min) || !Number.isFinite(value))
    throw usageError(`${name} ${JSON.stringify(text)}: give a number of at least ${range.min}, such as 0.5 or 2`, 'E_USAGE')
  return value
}
