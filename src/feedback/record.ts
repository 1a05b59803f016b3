import {z} from 'zod'

import {problemsOf} from '../config/issues.js'

export const MAX_DESCRIPTION = 10_000
const MAX_ID = 200
const MAX_TAGS = 20

/** No control characters (they break logs, terminals and CSV), not blank, bounded. */
const identifier = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be blank`)
    .max(MAX_ID, `${name} is longer than ${MAX_ID} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u001F\u007F-\u009F]/.test(v), `${name} must not contain control characters`)

/**
 * An id or a tag: a safe, opaque token (letters, digits, `. _ : -`), so that it can be a file
 * name, a URL segment or a Langfuse score id, and cannot carry an address or a sentence.
 */
const token = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be blank`)
    .max(max, `${name} is longer than ${max} characters`)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]*$/u, `${name} may hold only letters, digits and . _ : - (an opaque id, not an address or a sentence)`)

/** A rating: 1 to 5 stars, or a thumb. */
export const ratingSchema = z.custom<number | 'up' | 'down'>(
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5) || v === 'up' || v === 'down',
  'rating must be an integer from 1 to 5, or up or down',
)

/** What a person gives; the store adds the id and the time. */
export function feedbackInputSchema(types: readonly string[]) {
  return z.strictObject({
    id: token('id', MAX_ID).optional(),
    user_id: identifier('user_id'),
    feedback_type: z.string().refine((t) => types.includes(t), {message: `feedback_type must be one of: ${types.join(', ')}`}),
    description: z
      .string()
      .refine((d) => d.trim() !== '', 'description must not be blank')
      .refine((d) => d.length <= MAX_DESCRIPTION, `description is longer than ${MAX_DESCRIPTION} characters`),
    interaction_id: identifier('interaction_id').optional(),
    rating: ratingSchema.optional(),
    model_version: identifier('model_version').optional(),
    source: identifier('source').optional(),
    tags: z.array(token('tag', 50)).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).optional(),
  })
}

export type FeedbackInput = z.infer<ReturnType<typeof feedbackInputSchema>>

/** A stored record (one JSON line of chatbot_feedback.jsonl). */
export interface FeedbackRecord extends FeedbackInput {
  id: string
  timestamp_utc: string
  /** What was masked in the description before it was stored, by type (absent when nothing). */
  masked?: Record<string, number>
  schema_version: 1
}

/** Turn zod issues into one message that names each field. */
export function describeIssues(issues: Parameters<typeof problemsOf>[0], input?: unknown): string {
  return problemsOf(issues, 'field', input)
    .map(({key, what}) => (what.startsWith('unknown field') || what.startsWith(key || 'record') ? what : `${key || 'record'}: ${what}`))
    .join('; ')
}
