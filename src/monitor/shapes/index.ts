/**
 * Log shapes: what the monitor reads from a record besides scanning it. A pure mapping from a
 * parsed (and already sanitized) record to facts; it decides nothing about what is scanned,
 * which is every key, string and number of every line whatever the shape.
 */
import {SCHEMAS, type SchemaName} from '../../config/log-shapes.js'
import {detectShape, type Detected, type FlatKeys} from './detect.js'
import {Facts, type Shape} from './facts.js'
import {readLangfuse} from './langfuse.js'
import {readLangSmith} from './langsmith.js'
import {readOpenAiChat} from './openai-chat.js'
import {readOpenAiResponses} from './openai-responses.js'
import {readOtelGenAi} from './otel-genai.js'

export {FACT_NAMES, Facts, type FactName, type Shape} from './facts.js'
export {detectShape, type Detected, type FlatKeys} from './detect.js'

const READERS: Record<Exclude<Shape, 'flat'>, (record: Record<string, unknown>, facts: Facts) => void> = {
  'openai-chat': readOpenAiChat,
  'openai-responses': readOpenAiResponses,
  'otel-genai': readOtelGenAi,
  langfuse: readLangfuse,
  langsmith: readLangSmith,
}

const FORCED = Object.fromEntries(SCHEMAS.filter((s) => s !== 'auto').map((schema) => [schema, {schema, marker: 'forced (--schema)'}])) as Record<
  Shape,
  Detected
>

/** Which shape to read a record as: the forced one, or what the detector recognises. */
export function shapeOf(record: Record<string, unknown>, schema: SchemaName, flat: FlatKeys): Detected {
  return schema === 'auto' ? detectShape(record, flat) : FORCED[schema]
}

/** The facts of a record read as `shape`; undefined for the flat record, read by the config's fields. */
export function readShape(record: Record<string, unknown>, shape: Detected): Facts | undefined {
  if (shape.schema === 'flat') return undefined
  const facts = new Facts(shape.schema, shape.marker)
  READERS[shape.schema](record, facts)
  return facts
}
