import {describe, expect, it} from 'vitest'

import {mask, redactText} from '../../src/engine/index.js'

describe('mask', () => {
  it('masks each type without revealing the value', () => {
    expect(mask('help@saas-startup.com', 'EMAIL')).toBe('h***@s***.com')
    expect(mask('555-123-4567', 'PHONE')).toBe('***-***-**67')
    expect(mask('4242 4242 4242 4242', 'CREDIT_CARD')).toBe('**** **** **** 4242')
    // a secret keeps only its public prefix, none of its random part
    expect(mask('sk-abcdefghijklmnopqrstuvwx', 'SECRET')).toBe('sk-********')
    expect(mask('ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5', 'SECRET')).toBe('ghp_********')
    expect(mask('AKIAQKIK5I72IFRJ3LW4', 'SECRET')).toBe('AKIA********')
    expect(mask('Zx9QmB3kL0pW7tY2', 'SECRET')).toBe('********')
  })

  it('replaces matches in place and keeps the rest of the text', () => {
    const text = 'mail a@example.com now'
    expect(redactText(text, [{rule: 'r', type: 'EMAIL', category: 'pii', severity: 'high', confidence: 0.9, start: 5, end: 18, value: 'a@example.com'}])).toBe(
      'mail a***@e***.com now',
    )
    expect(redactText(text, [])).toBe(text)
  })
})
