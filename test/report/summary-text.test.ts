import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {testContext} from '../support/context.js'
import {analyzeLine} from '../../src/monitor/analyze.js'
import {factsOf} from '../../src/results/record.js'
import {evaluateGate} from '../../src/gate/evaluate.js'
import {SummaryBuilder} from '../../src/results/summary.js'
import {formatSummary} from '../../src/report/summary-text.js'
import {FIXTURES} from '../helpers.js'

/** Golden files are updated deliberately: UPDATE_GOLDEN=1 npx vitest run test/report */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(FIXTURES, 'golden', name)
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
}

async function summaryOf(fixture: string) {
  const ctx = testContext()
  const builder = new SummaryBuilder(1500, 'model_version')
  const lines = (await readFile(path.join(FIXTURES, fixture), 'utf8')).split('\n')
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') builder.blankLines++
    else builder.add(factsOf(analyzeLine(line, fixture, i + 1, '2030-01-01T00:00:00.000Z', ctx)))
  }

  return builder.finish([fixture], 7)
}

describe('formatSummary', () => {
  it('matches the golden summary of mixed.jsonl, with a failed gate', async () => {
    const summary = await summaryOf('mixed.jsonl')
    await expectGolden('summary-mixed.txt', formatSummary(summary, evaluateGate(summary, ['error', 'pii'])))
  })

  it('matches the golden summary of the nested fixture, interrupted, without a gate', async () => {
    const summary = await summaryOf('nested.jsonl')
    await expectGolden('summary-nested-interrupted.txt', formatSummary(summary, evaluateGate(summary, []), {interrupted: true}))
  })
})
