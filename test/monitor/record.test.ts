import {describe, expect, it} from 'vitest'

import {parseFieldPath, type PathStep} from '../../src/config/field-path.js'
import {allTexts, MAX_DEPTH, renameKeyAt, setAt, textsAt, TooDeep} from '../../src/monitor/record.js'

const steps = (path: string): PathStep[] => parseFieldPath(path) as PathStep[]

describe('record walking', () => {
  it('finds every string at nested paths with concrete labels', () => {
    const record = {messages: [{content: 'hi'}, {content: 42}, {content: 'yo'}], choices: [{message: {content: 'ok'}}]}
    const found = textsAt(record, [steps('messages[].content'), steps('choices[].message.content'), steps('missing')])
    expect(found.map((t) => [t.field, t.text])).toEqual([
      ['messages[0].content', 'hi'],
      ['messages[2].content', 'yo'],
      ['choices[0].message.content', 'ok'],
    ])
  })

  it('lists every string and key in document order, skipping the given fields', () => {
    const record = {a: 'x', b: {c: ['y', 1, 'z']}, d: null}
    expect(allTexts(record, new Set(['a'])).map((t) => [t.field, t.text, t.isKey ?? false])).toEqual([
      ['{key}', 'a', true],
      ['{key}', 'b', true],
      ['b.{key}', 'c', true],
      ['b.c[0]', 'y', false],
      ['b.c[2]', 'z', false],
      ['{key}', 'd', true],
    ])
  })

  it('refuses records nested deeper than MAX_DEPTH without overflowing the stack', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(() => allTexts(deep, new Set())).toThrow(TooDeep)
    let ok: unknown = 'leaf'
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = [ok]
    expect(allTexts(ok, new Set())).toHaveLength(1)
  })

  it('updates copy-on-write without touching the original', () => {
    const record = {a: {b: ['x', 'y']}, other: {keep: true}}
    const updated = setAt(record, ['a', 'b', 1], 'Z') as typeof record
    expect(updated).toEqual({a: {b: ['x', 'Z']}, other: {keep: true}})
    expect(record.a.b[1]).toBe('y')
    expect(updated.other).toBe(record.other)
  })

  it('renames a key in place, in order, never overwriting another key', () => {
    const record = {m: {first: 1, 'a@x.com': 2, last: 3, masked: 4}}
    expect(renameKeyAt(record, ['m'], 'a@x.com', 'masked')).toEqual({m: {first: 1, 'masked#2': 2, last: 3, masked: 4}})
    expect(Object.keys((renameKeyAt(record, ['m'], 'a@x.com', 'k') as typeof record).m)).toEqual(['first', 'k', 'last', 'masked'])
    expect(Object.keys(record.m)).toContain('a@x.com')
  })
})
