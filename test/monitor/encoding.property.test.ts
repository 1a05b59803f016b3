/**
 * The monitor's promise, as properties: the findings of a record depend only on what it contains
 * (what JSON.parse yields, plus values under duplicate keys and the digits of numbers), never on
 * how the line spells it, and never on a neighbouring field. Records are generated with planted
 * values from every rule's own examples; each is written out in many legal ways.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {scan} from '../../src/engine/index.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {decodeEscapes, numberReading, numberText, ownKey, parentKey, walkJson} from '../../src/monitor/json-tokens.js'
import {formatRecord} from '../../src/report/jsonl.js'
import {testContext} from '../support/context.js'
import {CONTEXT_WORDS, NEUTRAL_KEYS, PLANTED, record, rng, write, type Value} from '../support/json-encodings.js'

const ctx = testContext()

/** What must not change between spellings. */
function observed(line: string) {
  const analyzed = analyzeLine(line, 'logs.jsonl', 1, ctx)
  const {record} = analyzed
  return {
    findings: record.findings,
    omitted: record.findings_omitted,
    id: record.interaction_id,
    group: analyzed.group,
    errors: record.errors,
    suppressed: record.suppressed,
    // the masked record, as values: every masked value is the same, wherever its escapes were
    shown: JSON.parse(analyzed.raw ?? 'null') as unknown,
    tokens: decodedTokens(analyzed.raw ?? ''),
    sanitizedIsRaw: analyzed.sanitized === analyzed.raw,
  }
}

/** The decoded keys, strings and numbers of a JSON text, in order (duplicates included). */
function decodedTokens(json: string): string[] {
  const out: string[] = []
  walkJson(json, (token) => {
    const raw = json.slice(token.start, token.end)
    out.push(`${token.kind}:${token.kind === 'number' ? numberText(raw) : (JSON.parse(`"${raw}"`) as string)}`)
  })
  return out
}

describe('a record written in any legal way gives the same findings and the same masked output', () => {
  it('escapes, whitespace and number forms', () => {
    fc.assert(
      fc.property(record, fc.integer(), fc.integer(), (rec, a, b) => {
        const first = observed(write(rec, rng(a)))
        expect(observed(write(rec, rng(b)))).toEqual(first)
        expect(first.sanitizedIsRaw).toBe(true)
      }),
      {numRuns: 400},
    )
  })

  it('a duplicate key hides nothing: the value it shadows is found and masked too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLANTED), fc.constantFrom(...NEUTRAL_KEYS), fc.integer(), (planted, k, seed) => {
        const line = write(
          {
            obj: [
              ['id', {str: 'd1'}],
              [k, {str: planted}],
              [k, {str: 'ok'}],
            ],
          },
          rng(seed),
        )
        const alone = observed(
          write(
            {
              obj: [
                ['id', {str: 'd1'}],
                [k, {str: planted}],
              ],
            },
            rng(seed),
          ),
        )
        expect(observed(line).findings).toEqual(alone.findings)
      }),
      {numRuns: 300},
    )
  })
})

describe('context belongs to the value and its own key, never to a neighbour', () => {
  it('adding a field full of context words changes no other finding', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(...CONTEXT_WORDS), fc.constantFrom(...CONTEXT_WORDS), fc.integer(), (rec, word, neighbourKey, seed) => {
        if (!('obj' in rec)) return
        const before = observed(write(rec, rng(seed)))
        const withNeighbour: Value = {obj: [...rec.obj, [neighbourKey, {str: `${word} ${word} #12345`}]]}
        const after = observed(write(withNeighbour, rng(seed)))
        // (without fingerprints: a record without a usable id is keyed by all of its content)
        const own = (findings: typeof before.findings) =>
          findings.filter((f) => !f.field.startsWith(neighbourKey) && f.field !== '{key}').map(({fingerprint: _, ...f}) => f)
        expect(own(after.findings)).toEqual(own(before.findings))
      }),
      {numRuns: 300},
    )
  })
})

describe('the line-level prefilter only skips what a full scan would not find', () => {
  /** Every key, string and number scanned on its own with every rule: what the prefilter must match. */
  function fullScan(line: string): Array<[boolean, number, number, string]> {
    const out: Array<[boolean, number, number, string]> = []
    walkJson(line, (token, frames) => {
      const raw = line.slice(token.start, token.end)
      const textOf = token.kind === 'number' ? numberReading(raw) : token.escaped ? decodeEscapes(raw).text : raw
      const isKey = token.kind === 'key'
      const {matches} = scan(textOf, ctx.ruleSet, {key: isKey ? parentKey(frames) : ownKey(frames)})
      for (const m of matches) out.push([isKey, m.start, m.end, m.rule])
    })
    return out
  }

  it('finds exactly what scanning every value with every rule finds', () => {
    fc.assert(
      fc.property(record, fc.integer(), (rec, seed) => {
        const line = write(rec, rng(seed))
        const {record: result} = analyzeLine(line, 'f', 1, ctx)
        const got = result.findings.map((f): [boolean, number, number, string] => [f.field.endsWith('{key}'), f.start, f.end, f.rule])
        expect(got).toEqual(fullScan(line))
      }),
      {numRuns: 400},
    )
  })
})

describe('no planted value reaches any output', () => {
  it('not in the output line, not in the sanitized line, in any spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLANTED), fc.constantFrom(...NEUTRAL_KEYS), fc.integer(), (planted, k, seed) => {
        const line = write(
          {
            obj: [
              ['id', {str: 'n1'}],
              [k, {str: planted}],
              ['n', {arr: [{str: planted}]}],
            ],
          },
          rng(seed),
        )
        const analyzed = analyzeLine(line, 'f', 1, ctx)
        const {findings} = analyzed.record
        expect(findings.length).toBeGreaterThan(0)
        for (const found of findings) {
          const value = planted.slice(found.start, found.end)
          for (const surface of [formatRecord(analyzed), analyzed.sanitized ?? '']) {
            expect(decodedTokens(surface).join('\n')).not.toContain(value)
          }
        }
      }),
      {numRuns: 300},
    )
  })
})
