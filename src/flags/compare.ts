import {Flags} from '@oclif/core'

import {parseDecimal, parseInteger} from '../config/values.js'
import type {SidesRequest} from '../evaluate/load.js'
import {defaultThreads} from '../monitor/threads.js'
import type {RegressionLimits} from '../results/comparison.js'

/** What `llmops compare` and `llmops report` take to pick and judge the two sides. */
export const sideFlags = {
  'baseline-version': Flags.string({
    helpValue: 'VERSION',
    description: 'compare this model version (a group of the summary: --group-by, model_version by default) as the baseline',
  }),
  'candidate-version': Flags.string({helpValue: 'VERSION', description: 'and this one as the candidate (from the second file when two are given)'}),
  feedback: Flags.string({
    helpValue: 'FILE',
    description: "feedback joined by model version [default: $LLMOPS_FEEDBACK_FILE, the config's, else chatbot_feedback.jsonl if present]",
  }),
  config: Flags.string({char: 'c', helpValue: 'FILE', description: 'config file [default: $LLMOPS_CONFIG, else .llmops.json if present]'}),
}

export const limitFlags = {
  'max-latency-increase': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'PERCENT',
    default: '20',
    description: 'p50, p95 or p99 latency rising more than this (percent) is a regression',
  }),
  'max-error-rate-increase': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'POINTS',
    default: '1',
    description: 'the error rate rising more than this many percentage points is a regression',
  }),
  'max-pii-rate-increase': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'N',
    default: '1',
    description: 'PII findings per 1,000 interactions rising more than this is a regression',
  }),
  'max-secret-rate-increase': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'N',
    default: '0',
    description: 'secret findings per 1,000 interactions rising more than this is a regression',
  }),
  'max-tokens-increase': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'PERCENT',
    default: '25',
    description: 'tokens per interaction rising more than this (percent) is a regression',
  }),
  'max-rating-drop': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'STARS',
    default: '0.5',
    description: 'the mean feedback rating falling more than this is a regression',
  }),
  'min-samples': Flags.string({
    helpGroup: 'LIMITS',
    helpValue: 'N',
    default: '20',
    description: 'a metric is judged only when both sides have at least this many samples (interactions, latencies, ratings)',
  }),
}

type LimitFlagValues = {[K in keyof typeof limitFlags]: string}

export function limitsOf(flags: LimitFlagValues): RegressionLimits {
  return {
    latencyIncreasePercent: parseDecimal(flags['max-latency-increase'], '--max-latency-increase', {min: 0}),
    errorRateIncreasePoints: parseDecimal(flags['max-error-rate-increase'], '--max-error-rate-increase', {min: 0}),
    piiRateIncrease: parseDecimal(flags['max-pii-rate-increase'], '--max-pii-rate-increase', {min: 0}),
    secretRateIncrease: parseDecimal(flags['max-secret-rate-increase'], '--max-secret-rate-increase', {min: 0}),
    tokensIncreasePercent: parseDecimal(flags['max-tokens-increase'], '--max-tokens-increase', {min: 0}),
    ratingDrop: parseDecimal(flags['max-rating-drop'], '--max-rating-drop', {min: 0}),
    minSamples: parseInteger(flags['min-samples'], '--min-samples', {min: 1}),
  }
}

type SideFlagValues = {
  'baseline-version'?: string | undefined
  'candidate-version'?: string | undefined
  feedback?: string | undefined
  config?: string | undefined
}

/** What `llmops compare` and `llmops report` hand the evaluate use case: the two sides, the limits, this process's IO. */
export function sidesRequestOf(files: string[], flags: SideFlagValues & LimitFlagValues, version: string): SidesRequest & {limits: RegressionLimits} {
  return {
    files,
    baselineVersion: flags['baseline-version'],
    candidateVersion: flags['candidate-version'],
    feedbackFile: flags.feedback,
    config: flags.config,
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    // A log given instead of a summary file is scanned as llmops monitor would, with the config.
    scan: {configPath: flags.config, version, threads: defaultThreads()},
    limits: limitsOf(flags),
  }
}
