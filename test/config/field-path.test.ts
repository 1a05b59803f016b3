import {describe, expect, it} from 'vitest'

import {parseFieldPath, setAt, textsAt, type PathStep} from '../../src/config/field-path.js'

const steps = (path: string): PathStep[] => {
  const parsed = parseFieldPath(path)
  if (typeof parsed === 'string') throw new Error(parsed)
  return parsed
}

describe('field paths', () => {
  it('parses keys, [] and [n]', () => {
    expect(steps('choices[0].message.content')).toEqual([
      {kind: 'key', key: 'choices'},
      {kind: 'index', index: 0},
      {kind: 'key', key: 'message'},
      {kind: 'key', key: 'content'},
    ])
    expect(parseFieldPath('a..b')).toMatch(/invalid field path "a..b"/)
    expect(parseFieldPath('')).toMatch(/must not be empty/)
    expect(parseFieldPath('a[x]')).toMatch(/invalid/)
  })

  it('finds every string at nested paths with concrete labels', () => {
    const record = {messages: [{content: 'hi'}, {content: 42}, {content: 'yo'}], choices: [{message: {content: 'ok'}}]}
    const found = textsAt(record, [steps('messages[].content'), steps('choices[].message.content'), steps('missing')])
    expect(found.map((t) => [t.field, t.text])).toEqual([
      ['messages[0].content', 'hi'],
      ['messages[2].content', 'yo'],
      ['choices[0].message.content', 'ok'],
    ])
  })

  it('updates copy-on-write without touching the original', () => {
    const record = {a: {b: ['x', 'y']}, other: {keep: true}}
    const updated = setAt(record, ['a', 'b', 1], 'Z') as typeof record
    expect(updated).toEqual({a: {b: ['x', 'Z']}, other: {keep: true}})
    expect(record.a.b[1]).toBe('y')
    expect(updated.other).toBe(record.other)
  })
})
