/**
 * Which shape a record has, from a few of its keys: a handful of property reads per line, no
 * walk. The sample's flat record (the configured response or query field at the top) is tried
 * first, so it costs what it did before shapes existed; anything unrecognised is flat as well.
 */
import type {Shape} from './facts.js'
import {INGESTION_EVENT} from './langfuse.js'
import {halves} from './openai-chat.js'

export interface Detected {
  schema: Shape
  /** The keys that decided it (for --explain-schema): names only, never values. */
  marker: string
}

/** The fields of the flat record that the config checks (responseField, queryField). */
export interface FlatKeys {
  responseField: string | null
  queryField: string | null
}

const FLAT: Detected = {schema: 'flat', marker: 'no other shape matched'}
const FLAT_FIELDS: Detected = {schema: 'flat', marker: 'the response or query field'}
const OTEL: Detected = {schema: 'otel-genai', marker: 'resourceSpans[]'}
const LANGSMITH: Detected = {schema: 'langsmith', marker: 'run_type'}
const LANGFUSE_EVENT: Detected = {schema: 'langfuse', marker: 'type (ingestion event) + body'}
const LANGFUSE_OBSERVATION: Detected = {schema: 'langfuse', marker: 'traceId + startTime'}
const LANGFUSE_TRACE: Detected = {schema: 'langfuse', marker: 'observations[] or htmlPath'}
const CHAT: Detected = {schema: 'openai-chat', marker: 'object "chat.completion", or model + choices[] or messages[]'}
const BATCH: Detected = {schema: 'openai-chat', marker: 'custom_id + response or body (Batch API)'}
const RESPONSES: Detected = {schema: 'openai-responses', marker: 'object "response", or model + output[] or input'}

export function detectShape(record: Record<string, unknown>, flat: FlatKeys): Detected {
  if ((flat.responseField !== null && flat.responseField in record) || (flat.queryField !== null && flat.queryField in record)) return FLAT_FIELDS
  if (Array.isArray(record.resourceSpans)) return OTEL
  if (typeof record.run_type === 'string') return LANGSMITH
  if (typeof record.type === 'string' && INGESTION_EVENT.test(record.type) && typeof record.body === 'object') return LANGFUSE_EVENT
  if (typeof record.traceId === 'string' && 'startTime' in record) return LANGFUSE_OBSERVATION
  if (Array.isArray(record.observations) || 'htmlPath' in record) return LANGFUSE_TRACE
  // The API always names the model (a required request parameter, and in every response):
  // `messages` or `choices` alone, without it, stay the flat record they were before.
  const {req, res} = halves(record)
  const named = typeof res.model === 'string' || typeof req.model === 'string'
  if (res.object === 'chat.completion' || (named && (Array.isArray(res.choices) || Array.isArray(req.messages)))) return CHAT
  if (res.object === 'response' || (named && (Array.isArray(res.output) || 'input' in req))) return RESPONSES
  // A Batch API line whose body says neither (a failed request): the facts are the same.
  if (typeof record.custom_id === 'string' && (typeof record.response === 'object' || typeof record.body === 'object')) return BATCH
  return FLAT
}
