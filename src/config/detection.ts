import {z} from 'zod'

import {validators, type Rule} from '../engine/index.js'
import {builtinRules} from '../rules/index.js'

const context = z.strictObject({
  words: z.array(z.string().min(1)).min(1),
  window: z.number().int().min(0).max(1000),
  after: z.number().int().min(0).max(1000).optional(),
  boost: z.number().min(0).max(1).optional(),
  penalty: z.number().min(0).max(1).optional(),
})

/** A user rule: the same schema as the built-in rules in src/rules/ (the compiler holds it to the engine's `Rule`). */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" and "-"'),
  type: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an upper-case entity type such as EMPLOYEE_ID'),
  category: z.enum(['pii', 'secret']),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  description: z.string().default(''),
  keywords: z.array(z.string().min(1)).optional(),
  prefilter: z.string().min(1).optional(),
  prefilterWindow: z.number().int().min(0).optional(),
  pattern: z.string().min(1),
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'only the flags i, m, s and u')
    .optional(),
  group: z.number().int().min(1).optional(),
  validator: z.enum(Object.keys(validators) as [string, ...string[]]).optional(),
  confidence: z.number().min(0).max(1).optional(),
  context: context.optional(),
  negativeContext: context.optional(),
  examples: z
    .strictObject({
      match: z.array(z.union([z.string(), z.strictObject({text: z.string(), value: z.string(), key: z.string().optional()})])).default([]),
      noMatch: z.array(z.strictObject({text: z.string(), reason: z.string(), key: z.string().optional()})).default([]),
    })
    .default({match: [], noMatch: []}),
}) satisfies z.ZodType<Rule, unknown>

const BUILTIN_IDS = new Set(builtinRules.map((r) => r.id))

export const REDACT_OPERATORS = ['mask', 'replace', 'hash', 'remove'] as const
export type RedactOperator = (typeof REDACT_OPERATORS)[number]

export const detectionSchemas = {
  rules: z
    .strictObject({
      /** Built-in rule ids to turn off. */
      disable: z.array(z.string().refine((id) => BUILTIN_IDS.has(id), {message: 'not a built-in rule id'})).default([]),
      /** The organisation's own rules. */
      custom: z.array(ruleSchema).default([]),
      /** Findings below this confidence are dropped. */
      minConfidence: z.number().min(0).max(1).default(0.5),
    })
    .default({disable: [], custom: [], minConfidence: 0.5}),
  allowlist: z
    .strictObject({
      values: z.array(z.string().min(1)).default([]),
      emailDomains: z.array(z.string().regex(/^@?[\w.-]+\.[a-z]{2,}$/i, 'a domain such as saas-startup.com')).default([]),
      patterns: z.array(z.string().min(1)).default([]),
    })
    .default({values: [], emailDomains: [], patterns: []}),
  redaction: z
    .strictObject({
      /** How detected values are replaced in output: h***@s***.com, <EMAIL>, <EMAIL:1a2b3c4d>, or nothing. */
      operator: z.enum(REDACT_OPERATORS).default('mask'),
      /** Salt of the hash operator; default: $LLMOPS_HASH_SALT, else random per run. */
      salt: z.string().min(16, 'at least 16 characters, so that hashes cannot be brute-forced').optional(),
    })
    .default({operator: 'mask'}),
}

export type DetectionConfig = {
  rules: z.infer<typeof detectionSchemas.rules>
  allowlist: z.infer<typeof detectionSchemas.allowlist>
  redaction: z.infer<typeof detectionSchemas.redaction>
}
