import {describe, expect, it} from 'vitest'
import {z} from 'zod'

import {problemsOf} from '../../src/config/issues.js'

const schema = z.strictObject({
  name: z.string().optional(),
  slowMs: z.number().int().min(1).optional(),
  failOn: z.array(z.enum(['pii', 'secret'])).optional(),
  format: z.literal('llmops-summary').optional(),
  groupBy: z.union([z.string(), z.null()]).optional(),
  fields: z.array(z.string().min(1)).min(1).optional(),
  custom: z
    .string()
    .refine((v) => v.startsWith('a'), 'must start with an a')
    .optional(),
})

function words(input: unknown): Record<string, string> {
  const result = schema.safeParse(input)
  if (result.success) return {}
  return Object.fromEntries(problemsOf(result.error.issues, 'key', input).map((p) => [p.where, p.what]))
}

describe('problemsOf', () => {
  it("words each problem for people: what is expected, what kind of value was given; never zod's own wording", () => {
    const problems = words({name: 5, slowMs: 0.5, failOn: ['pi'], format: 'x', groupBy: 3, fields: [''], custom: 'b', extra: 1})
    expect(problems).toEqual({
      name: 'must be a string, not a number',
      slowMs: 'must be a whole number, not a number with a fraction',
      'failOn[0]': 'must be one of "pii", "secret"',
      format: 'must be "llmops-summary"',
      groupBy: 'must be a string or null, not a number',
      'fields[0]': 'must not be empty',
      custom: 'must start with an a',
      '(root)': 'unknown key "extra"',
    })
    for (const what of Object.values(problems)) expect(what).not.toMatch(/Invalid|received|Too small|>=/)
  })

  it('says what is missing, and the bounds of numbers and lists', () => {
    const required = z.object({format: z.string(), n: z.number().min(1).max(9), list: z.array(z.string()).min(1)})
    const input = {n: 10, list: []}
    const result = required.safeParse(input)
    expect(result.success).toBe(false)
    const problems = problemsOf(result.error?.issues ?? [], 'key', input).map((p) => `${p.where}: ${p.what}`)
    expect(problems).toEqual(['format: must be a string, but it is missing', 'n: must be at most 9', 'list: must not be an empty list'])
  })

  it('never quotes the value it found (it may be personal data)', () => {
    const problems = words({name: ['jane.doe@example.com'], groupBy: {mail: 'jane.doe@example.com'}})
    expect(JSON.stringify(problems)).not.toContain('jane')
    expect(problems.name).toBe('must be a string, not a list')
  })
})
