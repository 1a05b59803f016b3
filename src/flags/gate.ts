import {Flags} from '@oclif/core'

import {FAIL_ON, type FailOn} from '../config/schema.js'
import {parseFailOn, parseInteger, parseShare} from '../config/values.js'
import type {Thresholds} from '../gate/evaluate.js'

/** The verdict and report flags that a scan and a merge of scans share. */
export const verdictFlags = {
  'fail-on': Flags.string({
    multiple: true,
    description: `exit 1 when any of these is found (comma-separated): ${FAIL_ON.join(', ')}`,
    helpValue: 'pii,secret,error,slow',
  }),
  'ignore-file': Flags.string({
    helpGroup: 'GATE',
    helpValue: 'FILE',
    description: 'accepted findings, by fingerprint, each with a reason [default: .llmopsignore]',
  }),
  'report-unused-ignores': Flags.boolean({helpGroup: 'GATE', description: 'list ignore-file entries that matched no finding'}),
  'fail-on-unused-ignores': Flags.boolean({helpGroup: 'GATE', description: 'exit 1 when an ignore-file entry matched no finding'}),
  'max-error-rate': Flags.string({
    helpGroup: 'GATE',
    helpValue: 'RATE',
    description: 'exit 1 when more than this share of records has a functional error: 0.05 or 5%',
  }),
  'max-p95-latency': Flags.string({
    helpGroup: 'GATE',
    helpValue: 'MS',
    description: 'exit 1 when p95 latency is above this (a whole number of ms, at least 1)',
  }),
  'min-samples': Flags.string({helpGroup: 'GATE', default: '20', helpValue: 'N', description: 'thresholds apply only with at least this many records'}),
  sarif: Flags.string({helpGroup: 'REPORTS', helpValue: 'FILE', description: 'write SARIF 2.1.0 (GitHub code scanning)'}),
  junit: Flags.string({helpGroup: 'REPORTS', helpValue: 'FILE', description: 'write JUnit XML'}),
  markdown: Flags.string({helpGroup: 'REPORTS', helpValue: 'FILE', description: 'write a Markdown report'}),
  github: Flags.boolean({helpGroup: 'REPORTS', allowNo: true, description: 'annotations, job summary and step outputs [default: on when GITHUB_ACTIONS=true]'}),
}

/** A flag's value through the parser the GitHub Action uses for the same input (config/values.ts). */
export const optional = <T>(value: string | undefined, parse: (text: string) => T): T | undefined => (value === undefined ? undefined : parse(value))

export const failOnOf = (flags: {'fail-on'?: string[] | undefined}): FailOn[] | undefined =>
  optional(flags['fail-on']?.join(','), (text) => parseFailOn(text, '--fail-on'))

export function thresholdsOf(flags: {
  'max-error-rate'?: string | undefined
  'max-p95-latency'?: string | undefined
  'min-samples': string
}): Omit<Thresholds, 'maxP95IncreasePercent'> {
  return {
    maxErrorRate: optional(flags['max-error-rate'], (text) => parseShare(text, '--max-error-rate')),
    maxP95LatencyMs: optional(flags['max-p95-latency'], (text) => parseInteger(text, '--max-p95-latency', {min: 1})),
    minSamples: parseInteger(flags['min-samples'], '--min-samples', {min: 1}),
  }
}
