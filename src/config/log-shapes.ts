/**
 * The log shapes the monitor reads facts from (docs/monitoring.md#log-shapes). A file of its own,
 * without zod, because worker threads need the list and must not load the config schema.
 */
export const SCHEMAS = ['auto', 'flat', 'openai-chat', 'openai-responses', 'otel-genai', 'langfuse', 'langsmith'] as const
export type SchemaName = (typeof SCHEMAS)[number]
