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
    expect(groups.split('\n').map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual(
      expect.arrayContaining(['v1.4.0 1 0', 'v1.4.1 1 1', 'v1.5.0 1 0']),
    )
  })

  it('refuses an unknown shape with exit 2, naming the flag', async () => {
    const result = await llmops(['monitor', shapeFixture('langfuse'), '--schema', 'jaeger'])
    expect(result.exitCode).toBe(2)
    expect(String(result.stderr)).toContain('--schema')
    expect(String(result.stderr)).not.toMatch(/\n\s+at /)
  })

  it('--explain-schema prints the shape and the path of each fact of the lines asked for, and scans nothing', async () => {
    const text = await llmops(['monitor', shapeFixture('langsmith'), '--explain-schema', '2'])
    expect(text.exitCode).toBe(0)
    expect(String(text.stdout)).toMatch(/^\S*langsmith\.jsonl:2 {2}langsmith {2}\(auto: run_type\)\n/)
    expect(String(text.stdout)).toContain('  latency_ms      end_time - start_time\n')
    expect(String(text.stdout)).toContain('  error           error  -> error_field\n')
    for (const fake of Object.values(FAKE)) expect(String(text.stdout)).not.toContain(fake)
    const json = await llmops(['monitor', shapeFixture('langsmith'), '--explain-schema', '1-9', '--json'])
    expect((JSON.parse(String(json.stdout)) as {explanations: Array<{line: number}>}).explanations.map((e) => e.line)).toEqual([1, 2])
    const bad = await llmops(['monitor', shapeFixture('langsmith'), '--explain-schema', '3-1'])
    expect(bad.exitCode).toBe(2)
    expect(String(bad.stderr)).toContain('--explain-schema "3-1"')
  })
})
