import {describe, expect, it} from 'vitest'

import {parseFieldPath} from '../../src/config/field-path.js'

describe('parseFieldPath', () => {
  it('parses keys, [] and [n]', () => {
    expect(parseFieldPath('choices[0].message.content')).toEqual([
      {kind: 'key', key: 'choices'},
      {kind: 'index', index: 0},
      {kind: 'key', key: 'message'},
      {kind: 'key', key: 'content'},
    ])
    expect(parseFieldPath('messages[].content')).toEqual([{kind: 'key', key: 'messages'}, {kind: 'each'}, {kind: 'key', key: 'content'}])
  })

  it('explains what is wrong with a bad path', () => {
    expect(parseFieldPath('a..b')).toMatch(/invalid field path "a..b"/)
    expect(parseFieldPath('')).toMatch(/must not be empty/)
    expect(parseFieldPath('a[x]')).toMatch(/invalid/)
  })
})
