import {describe, expect, it} from 'vitest'

import {mask, redactText} from '../../src/engine/index.js'

describe('mask', () => {
  it('masks each type without revealing the value', () => {
    expect(mask('help@saas-startup.com', 'EMAIL')).toBe('h***@s***.com')
    expect(mask('555-123-4567', 'PHONE')).toBe('***-***-**67')
    expect(mask('4242 4242 4242 4242', 'CREDIT_CARD')).toBe('**** **** **** 4242')
    expect(mask('sk-abcdefghijklmnopqrstuvwx', 'SECRET')).toBe('sk-a********')
  })

  it('replaces matches in place and keeps the rest of the text', () => {
    const text = 'mail a@example.com now'
    expect(redactText(text, [{rule: 'r', type: 'EMAIL', category: 'pii', severity: 'high', confidence: 0.9, start: 5, end: 18}])).toBe('mail a***@e***.com now')
    expect(redactText(text, [])).toBe(text)
  })
})
