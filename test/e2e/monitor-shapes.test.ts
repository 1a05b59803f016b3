import {describe, expect, it} from 'vitest'

import {jsonLines, llmops} from '../helpers.js'
import {FAKE, shapeFixture} from '../support/shapes.js'

describe('llmops monitor --schema', () => {
  it('recognises the shape per line, adds its facts, and masks every planted value', async () => {
    const result = await llmops(['monitor', shapeFixture('otel-genai'), '--quiet', '--jobs', '0'])
    expect(result.exitCode).toBe(0)
    const lines = jsonLines(result.stdout)
    expect(lines.map((l) => [l.schema, l.model, l.latency_ms, l.tokens_in, l.spans])).toEqual([
      ['otel-genai', 'gpt-4o', 1250, 42, 1],
      ['otel-genai', 'gpt-3.5-turbo', 3500, 20, 1],
      ['otel-genai', 'gpt-4o-mini', 1500, 15, 2],
    ])
    for (const fake of Object.values(FAKE)) expect(String(result.stdout)).not.toContain(fake)
  })

  it('--schema flat reads only the config fields, and a summary groups shapes by model version', async () => {
    const flat = jsonLines((await llmops(['monitor', shapeFixture('langfuse'), '--quiet', '--schema', 'flat'])).stdout)
    expect(flat.every((l) => !('schema' in l) && l.error === 'missing_response')).toBe(true)
    const summary = await llmops(['monitor', shapeFixture('langfuse'), '--format', 'summary'])
    const groups = String(summary.stdout).split('By model_version:')[1] ?? ''
    expect(groups.split('\n').map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual(expect.arrayContaining(['v1.4.0 1 0', 'v1.4.1 1 1', 'v1.5.0 1 0']))
  })

  it('refuses an unknown shape with exit 2, naming the flag', async () => {
    const result = await llmops(['monitor', shapeFixture('langfuse'), '--schema', 'jaeger'])
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toContain('--schema')
    expect(String(result.stderr)).not.toMatch(/\n\s+at /)
  })
})
