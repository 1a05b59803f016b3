/**
 * Shapes only add facts: whatever the shape (detected, or forced to the wrong one), a record's
 * findings, its masked copy and its sanitized line are exactly those of `--schema flat`.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {SCHEMAS} from '../../../src/config/schema.js'
import {analyzeLine} from '../../../src/monitor/analyze.js'
import {ROOT} from '../../helpers.js'
import {testContext} from '../../support/context.js'
import {allPaths, FAKE, SHAPES, shapeRecords, stringLeaves, withValue, type Path} from '../../support/shapes.js'

const flat = testContext({schema: 'flat'})
const contexts = Object.fromEntries(SCHEMAS.map((schema) => [schema, testContext({schema})]))

const sample = readFileSync(path.join(ROOT, 'sample_chatbot_logs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Record<string, unknown>)
const templates = [...sample, ...SHAPES.flatMap((shape) => shapeRecords(shape))]

const planted = fc.constantFrom(...Object.values(FAKE), 'sk-proj-FAKEFAKEFAKEFAKEFAKEFAKEFAKE0000', '555-010-0142', 'jane@example.com')

/** A template with some of its strings replaced by planted values, and maybe a random extra key. */
const record = fc
  .tuple(
    fc.constantFrom(...templates),
    fc.array(fc.tuple(fc.nat(), planted, fc.string({maxLength: 8})), {maxLength: 4}),
    fc.option(fc.tuple(fc.string({maxLength: 12}), fc.jsonValue({maxDepth: 2}))),
  )
  .map(([template, plants, extra]) => {
    const leaves = stringLeaves(template)
    let out: unknown = template
    for (const [n, value, prefix] of plants) out = withValue(out, leaves[n % leaves.length] as Path, `${prefix}${value}`)
    return extra === null ? out : {...(out as object), [extra[0]]: extra[1]}
  })

describe('shape detection never narrows what is found', () => {
  it('every schema finds and masks exactly what --schema flat does', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(...SCHEMAS), (rec, schema) => {
        const line = JSON.stringify(rec)
        const base = analyzeLine(line, 'logs.jsonl', 1, flat)
        const shaped = analyzeLine(line, 'logs.jsonl', 1, contexts[schema] as typeof flat)
        expect(shaped.record.findings).toEqual(base.record.findings)
        expect(shaped.record.original_interaction).toEqual(base.record.original_interaction)
        expect(shaped.sanitized).toBe(base.sanitized)
        expect(shaped.valueKeys).toEqual(base.valueKeys)
        expect(shaped.record.pii_detected).toBe(base.record.pii_detected)
      }),
      {numRuns: 300},
    )
  })

  it('reading a shape never fails a line, whatever value stands where a shape looks', () => {
    const shapeTemplates = SHAPES.flatMap((shape) => shapeRecords(shape))
    fc.assert(
      fc.property(
        fc.constantFrom(...shapeTemplates),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.oneof(fc.jsonValue({maxDepth: 2}), fc.double(), fc.constantFrom(1e300, -1, '99999999999999999999', '', '2026-13-45T99:00:00Z')),
          ),
          {minLength: 1, maxLength: 3},
        ),
        fc.constantFrom(...SCHEMAS),
        (template, changes, schema) => {
          let rec: unknown = template
          for (const [n, value] of changes) {
            const paths = allPaths(rec)
            if (paths.length > 0) rec = withValue(rec, paths[n % paths.length] as Path, value)
          }

          const {record} = analyzeLine(JSON.stringify(rec), 'logs.jsonl', 1, contexts[schema] as typeof flat)
          expect(record.errors).not.toContain('unscannable')
          expect(record.parse_error).toBeUndefined()
        },
      ),
      {numRuns: 300},
    )
  })
})
