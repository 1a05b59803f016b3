import {describe, expect, it} from 'vitest'

import {colorEnabled} from '../../src/io/terminal.js'

describe('colorEnabled', () => {
  const tty = {isTTY: true}
  const pipe = {isTTY: false}
  it('colours a terminal unless NO_COLOR is set or TERM is dumb', () => {
    expect(colorEnabled(tty, {})).toBe(true)
    expect(colorEnabled(tty, {NO_COLOR: '1'})).toBe(false)
    expect(colorEnabled(tty, {NO_COLOR: ''})).toBe(true)
    expect(colorEnabled(tty, {TERM: 'dumb'})).toBe(false)
    expect(colorEnabled(pipe, {})).toBe(false)
  })

  it('follows FORCE_COLOR first, either way', () => {
    expect(colorEnabled(pipe, {FORCE_COLOR: '1'})).toBe(true)
    expect(colorEnabled(tty, {FORCE_COLOR: '1', NO_COLOR: '1'})).toBe(true)
    expect(colorEnabled(tty, {FORCE_COLOR: '0'})).toBe(false)
    expect(colorEnabled(tty, {FORCE_COLOR: 'false'})).toBe(false)
  })
})
