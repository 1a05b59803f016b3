/**
 * createDetector: the CLI's rules, allowlist, operators and config checks, on texts and records;
 * a record scanned here gives the findings and the redacted record `llmops monitor` prints.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {createDetector, LlmopsError} from '../../src/index.js'
import {FIXTURES, llmops, tempDir} from '../helpers.js'
import {PLANTED} from '../support/json-encodings.js'

const TEXT = 'Mail jane.doe@example.com or help@saas-startup.com; card 4111 1111 1111 1111.'

/** A finding as the CLI prints it, without what only a file run has (fingerprint). */
const withoutFingerprint = ({fingerprint: _, ...rest}: {fingerprint: string}): object => rest

describe('createDetector', () => {
  it('finds values with offsets into the text, masked, never with the raw value', () => {
    const findings = createDetector().detect(TEXT)
    expect(findings.map((f) => [f.type, TEXT.slice(f.start, f.end), f.masked])).toEqual([
      ['EMAIL', 'jane.doe@example.com', 'j***@e***.com'],
      ['EMAIL', 'help@saas-startup.com', 'h***@s***.com'],
      ['CREDIT_CARD', '4111 1111 1111 1111', '**** **** **** 1111'],
    ])
    expect(JSON.stringify(findings)).not.toContain('jane.doe')
  })

  it('reads the field name as context, as the monitor does', () => {
    const detector = createDetector()
    expect(detector.detect('4155550199')).toEqual([])
    expect(detector.detect('4155550199', {key: 'phone'}).map((f) => f.type)).toEqual(['PHONE'])
  })

  it('takes the config file the CLI reads: allowlist, custom rules, operator', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'llmops.json')
    const custom = {
      id: 'acme.employee_id',
      type: 'EMPLOYEE_ID',
      category: 'pii',
      severity: 'medium',
      pattern: '\\bEMP-\\d{6}\\b',
      examples: {match: ['EMP-123456'], noMatch: []},
    }
    await writeFile(file, JSON.stringify({allowlist: {emailDomains: ['saas-startup.com']}, rules: {custom: [custom]}, redaction: {operator: 'replace'}}))
    const detector = createDetector({config: file})
    expect(detector.redact(`${TEXT} From EMP-654321.`)).toBe('Mail <EMAIL> or help@saas-startup.com; card <CREDIT_CARD>. From <EMPLOYEE_ID>.')
    expect(detector.redact(TEXT, 'mask')).toBe('Mail j***@e***.com or help@saas-startup.com; card **** **** **** 1111.')
    expect(detector.scanRecord({q: 'help@saas-startup.com'})).toMatchObject({findings: [], suppressed: 1})
  })

  it('refuses what the CLI refuses, with its error codes', async () => {
    const dir = await tempDir()
    const code = (make: () => unknown): string | undefined => {
      try {
        make()
      } catch (error) {
        return error instanceof LlmopsError ? error.code : `not an LlmopsError: ${String(error)}`
      }

      return undefined
    }

    expect(code(() => createDetector({config: {allowlist: {emailDomain: ['x.com']}} as never}))).toBe('E_CONFIG_INVALID')
    expect(code(() => createDetector({config: path.join(dir, 'missing.json')}))).toBe('E_CONFIG_NOT_FOUND')
    const bad = {id: 'acme.x', type: 'X', category: 'pii', severity: 'low', pattern: '\\bX-\\d{3}\\b', examples: {match: ['Y-123'], noMatch: []}}
    expect(code(() => createDetector({config: {rules: {custom: [bad]}} as never}))).toBe('E_CONFIG_INVALID')
    expect(code(() => createDetector({operator: 'blur' as never}))).toBe('E_USAGE')
    expect(code(() => createDetector().redact(TEXT, 'blur' as never))).toBe('E_USAGE')
    expect(code(() => createDetector({operator: 'hash', salt: 'short'}))).toBe('E_CONFIG_INVALID')
    expect(() => createDetector().detect(42 as never)).toThrow(TypeError)
    expect(() => createDetector().scanRecord(undefined)).toThrow(TypeError)
  })

  it('scanRecord gives the findings and the redacted record that llmops monitor prints, hash included', async () => {
    const salt = 'a-salt-for-this-test-only'
    const file = path.join(FIXTURES, 'pii-corpus.jsonl')
    const run = await llmops(['monitor', file, '--redact-operator', 'hash', '--quiet'], {env: {LLMOPS_HASH_SALT: salt}})
    const printed = String(run.stdout)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as {findings: Array<{fingerprint: string}>; original_interaction: unknown})
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '')
    expect(printed).toHaveLength(lines.length)
    const detector = createDetector({operator: 'hash', salt})
    let found = 0
    for (const [i, line] of lines.entries()) {
      const scan = detector.scanRecord(JSON.parse(line))
      found += scan.findings.length
      expect(scan.findings, `line ${i + 1}`).toEqual(printed[i]?.findings.map(withoutFingerprint))
      expect(scan.redacted, `line ${i + 1}`).toEqual(printed[i]?.original_interaction)
    }

    expect(found).toBeGreaterThan(500)
  })
})

describe('properties', () => {
  const filler = fc.constantFrom('hello', 'your order', 'thanks', 'see you', 'ok', '\n', '—', 'ünïcode')
  const text = fc.array(fc.oneof(fc.constantFrom(...PLANTED), filler), {minLength: 1, maxLength: 6}).map((parts) => parts.join(' | '))

  it('redact(text) never contains a value detect(text) found, whatever the operator', () => {
    const detector = createDetector({salt: 'property-test-salt-0123'})
    fc.assert(
      fc.property(text, fc.constantFrom('mask', 'replace', 'hash', 'remove' as const), (t, operator) => {
        const redacted = detector.redact(t, operator)
        for (const f of detector.detect(t)) expect(redacted).not.toContain(t.slice(f.start, f.end))
      }),
      {numRuns: 300},
    )
  })
})
