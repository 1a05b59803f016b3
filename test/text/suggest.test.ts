import {describe, expect, it} from 'vitest'

import {closest, editDistance} from '../../src/text/suggest.js'

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('monitor', 'monitor')).toBe(0)
    expect(editDistance('monitr', 'monitor')).toBe(1)
    expect(editDistance('moniotr', 'monitor')).toBe(1)
    expect(editDistance('formt', 'format')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('suggests the closest name when it is close enough, else nothing', () => {
    const commands = ['feedback', 'feedback:list', 'monitor', 'monitor:merge', 'release', 'rollback', 'init']
    expect(closest('monitr', commands)).toBe('monitor')
    expect(closest('relase', commands)).toBe('release')
    expect(closest('rolback', commands)).toBe('rollback')
    expect(closest('feedback:lst', commands)).toBe('feedback:list')
    expect(closest('MONITOR', commands)).toBe('monitor')
    expect(closest('deploy', commands)).toBeUndefined()
    expect(closest('x', commands)).toBeUndefined()
    expect(closest('--formt', ['--fail-on', '--format', '--follow'])).toBe('--format')
    // a prefix of a long name is a suggestion too
    expect(closest('--changed', ['--changed-since', '--config'])).toBe('--changed-since')
  })
})
