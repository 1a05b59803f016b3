import {describe, expect, it} from 'vitest'

import {compileRules, mask} from '../../src/engine/index.js'
import {describeMasked, toRecord, validateInput} from '../../src/feedback/capture.js'
import {newId} from '../../src/feedback/ids.js'
import {feedbackConfigSchema} from '../../src/config/schema.js'
import {builtinRules} from '../../src/rules/index.js'

const types = feedbackConfigSchema.parse({}).types
const valid = {user_id: 'user_999', feedback_type: 'bug_report', description: 'The chatbot provided an incorrect link.'}
const detector = {ruleSet: compileRules(builtinRules), redactor: mask}

describe('feedback validation', () => {
  it('accepts a valid record and trims ids', () => {
    expect(validateInput({...valid, user_id: '  user_999 ', rating: 4, tags: ['a']}, types)).toMatchObject({user_id: 'user_999', rating: 4})
    expect(validateInput({...valid, rating: 'up'}, types).rating).toBe('up')
  })

  it.each([
    [{...valid, user_id: '  '}, 'user_id must not be blank'],
    [{...valid, feedback_type: 'praise'}, 'feedback_type must be one of: bug_report, suggestion, confusing_response, other'],
    [{...valid, description: ''}, 'description must not be blank'],
    [{...valid, description: 'x'.repeat(10_001)}, 'description is longer than 10000 characters'],
    [{...valid, user_id: 'evil\u001B[2J'}, 'user_id must not contain control characters'],
    [{...valid, interaction_id: 'a\nb'}, 'interaction_id must not contain control characters'],
    [{...valid, rating: 6}, 'rating must be an integer from 1 to 5, or up or down'],
    [{...valid, rating: 'meh'}, 'rating must be an integer from 1 to 5, or up or down'],
    [{...valid, extra: 1}, 'unknown field "extra"'],
    [{description: 'x'}, 'user_id'],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => validateInput(input, types)).toThrow(message)
  })

  it('uses the configured types', () => {
    expect(validateInput({...valid, feedback_type: 'praise'}, ['praise']).feedback_type).toBe('praise')
  })
})

describe('toRecord', () => {
  it('adds a sortable id and a UTC timestamp, and masks PII in the description', () => {
    const record = toRecord(
      {...valid, description: 'mail jane@example.com or call 555-010-0199'},
      {types, detector, keepPii: false, now: () => new Date('2030-01-01T00:00:00Z')},
    )
    expect(record).toMatchObject({
      timestamp_utc: '2030-01-01T00:00:00.000Z',
      description: 'mail j***@e***.com or call ***-***-**99',
      masked: {EMAIL: 1, PHONE: 1},
    })
    expect(record.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(describeMasked(record.masked)).toBe('1 EMAIL and 1 PHONE')
  })

  it('keeps the description as typed with --keep-pii, and keeps a given id', () => {
    const record = toRecord({...valid, id: 'fixed-1', description: 'mail jane@example.com'}, {types, detector, keepPii: true})
    expect(record).toMatchObject({id: 'fixed-1', description: 'mail jane@example.com'})
    expect(record.masked).toBeUndefined()
  })

  it('makes ids that sort by time', () => {
    const ids = [newId(1_700_000_000_000), newId(1_700_000_000_001), newId(1_800_000_000_000)]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(Array.from({length: 1000}, () => newId(1)))).toHaveProperty('size', 1000)
  })
})
