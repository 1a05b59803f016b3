/**
 * One tally of a run's figures (for the run, a group, a span of time): counts and a latency
 * sketch that merge exactly, so that figures of parts add up to the figures of the whole.
 */
import {EXACT_LIMIT, LatencyStats, type LatencyState} from '../engine/index.js'
import type {RecordFacts} from './record.js'

export interface LatencySummary {
  count: number
  /** Records without a usable latency field. */
  missing: number
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
  mean: number | null
  slow: number
  threshold_ms: number
  /** False once there are so many samples that percentiles are estimated (within 1%). */
  exact: boolean
}

/** One tally as data (a partial summary holds one for the run, one per group, one per time bucket). */
export interface TallyState {
  records: number
  errors: number
  pii: number
  secrets: number
  slow: number
  missing_latency: number
  /** Tokens of the records that say how many they used, and how many records said so. */
  tokens: number
  with_tokens: number
  latency: LatencyState
}

/**
 * Latencies a part of a run (a group, a time bucket) keeps exactly; the run keeps EXACT_LIMIT. A
 * run keeps up to 1,000 groups and 120 buckets, and with 10,000 exact samples each, a 1 GiB log
 * grew the main thread's old space from 28 to 43 MiB.
 */
export const PART_EXACT_LIMIT = 1000

export class Tally {
  records = 0
  errors = 0
  pii = 0
  secrets = 0
  slow = 0
  missingLatency = 0
  tokens = 0
  withTokens = 0
  latency: LatencyStats

  /** `exactLimit`: latencies kept exactly (PART_EXACT_LIMIT for a group or a span of time). */
  constructor(exactLimit = EXACT_LIMIT) {
    this.latency = new LatencyStats(exactLimit)
  }

  static from(state: TallyState, exactLimit = EXACT_LIMIT): Tally {
    const tally = new Tally(exactLimit)
    Object.assign(tally, {
      records: state.records,
      errors: state.errors,
      pii: state.pii,
      secrets: state.secrets,
      slow: state.slow,
      missingLatency: state.missing_latency,
      tokens: state.tokens,
      withTokens: state.with_tokens,
    })
    tally.latency = LatencyStats.from(state.latency, exactLimit)
    return tally
  }

  state(): TallyState {
    return {
      records: this.records,
      errors: this.errors,
      pii: this.pii,
      secrets: this.secrets,
      slow: this.slow,
      missing_latency: this.missingLatency,
      tokens: this.tokens,
      with_tokens: this.withTokens,
      latency: this.latency.state(),
    }
  }

  merge(other: Tally): void {
    this.records += other.records
    this.errors += other.errors
    this.pii += other.pii
    this.secrets += other.secrets
    this.slow += other.slow
    this.missingLatency += other.missingLatency
    this.tokens += other.tokens
    this.withTokens += other.withTokens
    this.latency.merge(other.latency)
  }

  /** Malformed lines count as errors and may hold findings, but are not records. */
  add(facts: RecordFacts, slowMs: number, malformed: boolean): void {
    if (!malformed) this.records++
    if (facts.errors.length > 0) this.errors++
    for (const f of facts.findings) {
      if (f.ignored || f.preexisting) continue
      if (f.category === 'secret') this.secrets++
      else this.pii++
    }

    for (const {category, count} of Object.values(facts.omitted)) {
      if (category === 'secret') this.secrets += count
      else this.pii += count
    }

    if (malformed) return
    if (facts.tokens !== undefined) {
      this.tokens += facts.tokens
      this.withTokens++
    }

    if (facts.latency === null) this.missingLatency++
    else {
      this.latency.add(facts.latency)
      if (facts.latency > slowMs) this.slow++
    }
  }

  latencySummary(thresholdMs: number): LatencySummary {
    const [p50, p90, p95, p99] = this.latency.percentiles([50, 90, 95, 99])
    const {count} = this.latency
    return {
      count,
      missing: this.missingLatency,
      p50: p50 ?? null,
      p90: p90 ?? null,
      p95: p95 ?? null,
      p99: p99 ?? null,
      max: count === 0 ? null : this.latency.max,
      mean: count === 0 ? null : Math.round((this.latency.sum / count) * 10) / 10,
      slow: this.slow,
      threshold_ms: thresholdMs,
      exact: this.latency.isExact,
    }
  }
}

/** Tokens per record that gave a count, to one decimal; null when none did. */
export const tokensPerRecord = (t: {tokens: number; withTokens: number}): number | null =>
  t.withTokens === 0 ? null : Math.round((t.tokens / t.withTokens) * 10) / 10
