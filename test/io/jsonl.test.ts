import {describe, expect, it} from 'vitest'

import {describeJsonError, parseJsonLine} from '../../src/io/jsonl.js'

describe('parseJsonLine', () => {
  it('parses valid JSON and reports invalid JSON as data', () => {
    expect(parseJsonLine('{"a":1}')).toEqual({ok: true, value: {a: 1}})
    expect(parseJsonLine('{"a":')).toMatchObject({ok: false})
  })

  it('never quotes the input in the error (it may hold personal data)', () => {
    for (const text of ['{"email":"jane@example.com" oops}', 'jane@example.com', '{"a": "555-010-0199"']) {
      const result = parseJsonLine(text)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error).not.toMatch(/jane|example|555|010/)
        expect(result.error.length).toBeGreaterThan(5)
      }
    }
  })

  it('turns a position into a 1-based column', () => {
    expect(describeJsonError(new SyntaxError("Expected ',' or '}' after property value in JSON at position 18"))).toBe(
      "Expected ',' or '}' after property value at column 19",
    )
  })
})
