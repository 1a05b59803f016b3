import {describe, expect, it} from 'vitest'

import {recordTokens, tokensOf} from '../../src/monitor/tokens.js'

describe('tokensOf', () => {
  it('reads a total, else input plus output, at the top level or under usage', () => {
    expect(tokensOf({tokens_in: 415, tokens_out: 263})).toBe(678)
    expect(tokensOf({usage: {prompt_tokens: 12, completion_tokens: 30, total_tokens: 42}})).toBe(42)
    expect(tokensOf({usage: {input_tokens: 7, output_tokens: 3}})).toBe(10)
    expect(tokensOf({total_tokens: 5, usage: {total_tokens: 99}})).toBe(5)
    expect(tokensOf({tokens_out: 9})).toBe(9)
  })

  it('gives nothing for records without a count, or with one that is not a whole number (a mask, a negative)', () => {
    expect(tokensOf({bot_response: 'hi'})).toBeUndefined()
    expect(tokensOf({tokens: '************1111'})).toBeUndefined()
    expect(tokensOf({tokens: -1, usage: null})).toBeUndefined()
    expect(tokensOf({total_tokens: 1.5})).toBeUndefined()
    expect(tokensOf(null)).toBeUndefined()
    expect(tokensOf(['tokens', 3])).toBeUndefined()
  })
})

describe('recordTokens', () => {
  it("takes a recognised shape's tokens_in and tokens_out first, else what the record says", () => {
    expect(recordTokens({tokens_in: 42, tokens_out: 12, original_interaction: {usage: {total_tokens: 999}}})).toBe(54)
    expect(recordTokens({tokens_in: 20, tokens_out: null, original_interaction: {}})).toBe(20)
    expect(recordTokens({tokens_in: null, tokens_out: null, original_interaction: {total_tokens: 7}})).toBe(7)
    expect(recordTokens({original_interaction: {usage: {input_tokens: 7, output_tokens: 3}}})).toBe(10)
    expect(recordTokens({original_interaction: null})).toBeUndefined()
  })
})
