import {describe, expect, it} from 'vitest'

import {parseLineRange} from '../../src/config/values.js'

describe('parseLineRange', () => {
  it('reads a line or a range, 1-based', () => {
    expect(parseLineRange('42', '--x')).toEqual({first: 42, last: 42})
    expect(parseLineRange(' 1 - 20 ', '--x')).toEqual({first: 1, last: 20})
    expect(parseLineRange('1-1000', '--x')).toEqual({first: 1, last: 1000})
  })

  it.each(['0', '3-1', '1-1001', 'a', '-5', '1-', ''])('refuses %j, naming the flag', (text) => {
    expect(() => parseLineRange(text, '--explain-schema')).toThrow(`--explain-schema ${JSON.stringify(text)}`)
  })
})
