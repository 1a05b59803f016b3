/**
 * Every Action input is read by the parser the CLI uses for the same flag: the same text gives
 * the same value, and a value one refuses the other refuses too (exit 2 in both).
 */
import {describe, expect, it} from 'vitest'

import {readInputs} from '../../src/action/inputs.js'
import {LlmopsError} from '../../src/errors.js'
import {llmops} from '../helpers.js'

const read = (inputs: Record<string, string>) => readInputs((name) => inputs[name] ?? '', {})

/** Input, flag, good values with what they mean, bad values (refused by both). */
const cases: Array<{input: string; flag: string; key: keyof ReturnType<typeof read>; good: Array<[string, unknown]>; bad: string[]}> = [
  {
    input: 'max-error-rate',
    flag: '--max-error-rate',
    key: 'maxErrorRate',
    good: [
      ['0.05', 0.05],
      ['5%', 0.05],
      [' 1 ', 1],
      ['0', 0],
    ],
    bad: ['150%', '1.5', '-0.1', 'five', '0x10', '1e-2'],
  },
  {
    input: 'max-p95-latency',
    flag: '--max-p95-latency',
    key: 'maxP95Latency',
    good: [
      ['1500', 1500],
      ['1', 1],
    ],
    bad: ['150%', '0x10', '1e3', '2.5', '0', '-5', 'fast'],
  },
  {
    input: 'jobs',
    flag: '--jobs',
    key: 'jobs',
    good: [
      ['0', 0],
      ['3', 3],
    ],
    bad: ['two', '-1', '65', '1.5'],
  },
  {
    input: 'max-p95-increase',
    flag: '--max-p95-increase',
    key: 'maxP95Increase',
    good: [
      ['0', 0],
      ['25', 25],
    ],
    bad: ['25%', '2.5', '-1', '1e2'],
  },
  {
    input: 'min-samples',
    flag: '--min-samples',
    key: 'minSamples',
    good: [
      ['20', 20],
      ['1', 1],
    ],
    bad: ['2.5', '0', '1e1', '0x10', '20%'],
  },
  {
    input: 'fail-on',
    flag: '--fail-on',
    key: 'failOn',
    good: [
      ['pii,secret', ['pii', 'secret']],
      ['error', ['error']],
      ['pii,\nslow', ['pii', 'slow']],
    ],
    bad: ['pii,typo', 'PII', 'secrets'],
  },
]

describe('Action inputs', () => {
  for (const c of cases) {
    it.each(c.good)(`${c.input} ${'%j'} means the same as ${c.flag}`, (text, value) => {
      expect(read({[c.input]: text})[c.key]).toEqual(value)
    })

    it.each(c.bad)(`${c.input} ${'%j'} is refused, as ${c.flag} refuses it`, async (text) => {
      expect(() => read({[c.input]: text})).toThrow(LlmopsError)
      expect(() => read({[c.input]: text})).toThrow(new RegExp(`^input ${c.input}`))
      const cli = await llmops(['monitor', 'sample_chatbot_logs.jsonl', '--format', 'summary', `${c.flag}=${text}`])
      expect(cli.exitCode).toBe(2)
      expect(String(cli.stderr)).toContain(c.flag)
    })
  }

  it('fail-on-weakened-config is true or false', () => {
    expect(read({'fail-on-weakened-config': 'true'}).failOnWeakenedConfig).toBe(true)
    expect(read({'fail-on-weakened-config': 'FALSE'}).failOnWeakenedConfig).toBe(false)
    expect(() => read({'fail-on-weakened-config': 'yes'})).toThrow(/input fail-on-weakened-config "yes": give true or false/)
  })

  it('defaults: pii,secret, 20 samples, no thresholds', () => {
    expect(read({})).toMatchObject({
      failOn: ['pii', 'secret'],
      minSamples: 20,
      maxErrorRate: undefined,
      maxP95Latency: undefined,
      failOnWeakenedConfig: false,
      jobs: undefined,
    })
  })
})
