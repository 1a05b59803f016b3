import {z} from 'zod'

import {detectionSchemas} from './detection.js'
import {parseFieldPath} from './field-path.js'
import {SCHEMAS} from './log-shapes.js'

export const FAIL_ON = ['pii', 'secret', 'error', 'slow'] as const
export type FailOn = (typeof FAIL_ON)[number]

export {SCHEMAS, type SchemaName} from './log-shapes.js'

const fieldPath = z.string().superRefine((value, ctx) => {
  const parsed = parseFieldPath(value)
  if (typeof parsed === 'string') ctx.addIssue({code: 'custom', message: parsed})
})

const names = z.array(z.string().min(1)).min(1)

export const monitorConfigSchema = z.strictObject({
  /** Text fields scanned for PII and secrets. */
  fields: z.array(fieldPath).min(1).default(['bot_response', 'user_query']),
  /** Field whose null, missing or blank value is a functional error; null disables the check. */
  responseField: z.string().min(1).nullable().default('bot_response'),
  /** Field whose absence is a functional error; null disables the check. */
  queryField: z.string().min(1).nullable().default('user_query'),
  /** Fields that, when set, mark the interaction as failed. */
  errorFields: z.array(z.string().min(1)).default(['error', 'error_type']),
  idFields: names.default(['id', 'interaction_id', 'request_id']),
  latencyFields: names.default(['latency_ms', 'duration_ms', 'latency', 'response_time_ms', 'elapsed_ms']),
  timestampFields: names.default(['timestamp', 'timestamp_utc', 'ts', 'time', 'created_at']),
  /** Latency above which an interaction is flagged slow. */
  slowMs: z.number().positive().default(1500),
  /** Summary breakdown field; null disables it. */
  groupBy: z.string().min(1).nullable().default('model_version'),
  failOn: z.array(z.enum(FAIL_ON)).default([]),
  /**
   * Which log shape the id, times, model, tokens and errors are read from: `auto` recognises it
   * per line. It never changes what is scanned: every value of every line is.
   */
  schema: z.enum(SCHEMAS).default('auto'),
  /** Longest line analysed, in bytes; longer lines are reported as `line_too_long`, unscanned. */
  maxLineBytes: z
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /**
   * Longest time one line may take to scan, in milliseconds; a line that takes longer is
   * reported as `unscannable` (and fails a pii or secret gate) instead of holding up the run.
   */
  maxLineMs: z.number().int().min(1).default(10_000),
  /** Most bytes one compressed input may decompress to; past it the input is `unscannable`. */
  maxDecodedBytes: z
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
  /** Most times larger than its compressed size an input may become (a decompression bomb is `unscannable`). */
  maxExpansion: z.number().min(1).default(100),
  /**
   * Also scan every other string in the record (metadata, nested messages), so that no value is
   * echoed unmasked in `original_interaction`. Findings there name their field path.
   */
  scanAllFields: z.boolean().default(true),
})

export const feedbackConfigSchema = z.strictObject({
  /** Allowed values of --feedback-type. */
  types: z
    .array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'))
    .min(1)
    .default(['bug_report', 'suggestion', 'confusing_response', 'other']),
  /** The feedback file, relative to the working directory; $LLMOPS_FEEDBACK_FILE and --file override it. */
  file: z.string().min(1).default('chatbot_feedback.jsonl'),
})

/** Which files the gate takes for chatbot logs when the config names none. */
export const DEFAULT_LOG_GLOBS: readonly string[] = ['**/*.jsonl', '**/*.jsonl.gz']

export const gateConfigSchema = z.strictObject({
  /** Which files are chatbot logs, for --changed-since and the Action (globs, relative to the repository root). */
  paths: z
    .array(z.string().min(1))
    .min(1)
    .default([...DEFAULT_LOG_GLOBS]),
  /** Files the gate must not scan, each with the reason (test fixtures with planted fake values). */
  exclude: z.array(z.strictObject({path: z.string().min(1), reason: z.string().trim().min(1, 'say why these files are not scanned')})).default([]),
  /** The ignore file (--ignore-file overrides it). */
  ignoreFile: z.string().min(1).optional(),
  /**
   * Fail a gate over a change whose own config file would weaken the gate (read from the base:
   * a pull request cannot turn it off for itself).
   */
  failOnWeakenedConfig: z.boolean().default(false),
})

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  monitor: monitorConfigSchema.default(monitorConfigSchema.parse({})),
  feedback: feedbackConfigSchema.default(feedbackConfigSchema.parse({})),
  gate: gateConfigSchema.default(gateConfigSchema.parse({})),
  ...detectionSchemas,
})

export type MonitorConfig = z.infer<typeof monitorConfigSchema>
export type Config = z.infer<typeof configSchema>
/** A config as written (in .llmops.json or passed to the library): every key optional. */
export type ConfigInput = z.input<typeof configSchema>
