/**
 * The facts a record shows (id, time, latency, group, errors, and the shape's model, tokens and
 * time to first token), read from the SANITIZED record: a value that held a finding is a mask
 * there, so it is never printed as an id, a model or a group.
 */
import {detect, mask, redactText, type Redactor} from '../engine/index.js'
import type {ErrorKind, ShapeFields} from '../results/record.js'
import {firstScalar, functionalErrors, isSet, latencyOf, timestampOf, type Json} from './fields.js'
import {readShape, shapeOf, type Facts} from './shapes/index.js'
import type {AnalyzeContext} from './types.js'

/**
 * A scalar as it will be printed. Strings come from the sanitized line, already masked; a number
 * is printed as JSON.parse read it, which can differ from the digits it was written with
 * (`4111111111111111.000000000000000001` prints as a card number), so its printed form is scanned.
 */
export function printed(value: unknown, key: string, ctx: AnalyzeContext, redactor: Redactor): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value !== 'number') return undefined
  const text = String(value)
  const matches = detect(text, ctx.ruleSet, {key})
  return matches.length === 0 || !ctx.redact ? text : redactText(text, matches, redactor)
}

/** The first id field that holds a non-empty string or a finite number, as printed. */
export function shownId(record: Json, ctx: AnalyzeContext, redactor: Redactor = mask): string | null {
  const name = ctx.config.idFields.find((n) => firstScalar(record, [n]) !== null)
  return name === undefined ? null : (printed(record[name], name, ctx, redactor) ?? null)
}

/** What a record shows besides its findings. */
export interface ShownFacts {
  id: string | null
  /** The record's own time (ISO-8601 UTC), or null when it has none. */
  time: string | null
  latency: number | null
  errors: ErrorKind[]
  group: string | undefined
  /** The output fields a recognised shape adds; undefined for the flat record. */
  shape: ShapeFields | undefined
}

/** The group of a record: the `groupBy` field, else (for a shape) its model version or model. */
function groupOf(shown: Json, facts: Facts | undefined, ctx: AnalyzeContext): string | undefined {
  const {groupBy} = ctx.config
  if (groupBy === null) return undefined
  const own = printed(shown[groupBy], groupBy, ctx, ctx.redactor)
  if (own !== undefined || facts === undefined) return own
  if (groupBy === 'model_version') return facts.text.model_version ?? facts.text.model
  return groupBy === 'model' ? facts.text.model : undefined
}

function shapeFields(facts: Facts): ShapeFields {
  const fields: ShapeFields = {
    schema: facts.schema,
    model: facts.text.model ?? null,
    model_version: facts.text.model_version ?? null,
    tokens_in: facts.count.tokens_in ?? null,
    tokens_out: facts.count.tokens_out ?? null,
    ttft_ms: facts.duration.ttft_ms ?? null,
  }
  if (facts.spans !== undefined) fields.spans = facts.spans
  return fields
}

/**
 * Read once per record. `record` is the record as parsed (functional errors of the flat record,
 * as before shapes); `shown` is the sanitized one, every printed fact comes from it. A shape's
 * own fields come first; the config's fields (`idFields`, `latencyFields`, `timestampFields`)
 * fill in what it lacks.
 */
export function shownFacts(record: Json, shown: Json, ctx: AnalyzeContext): ShownFacts {
  const {config} = ctx
  const facts = readShape(shown, shapeOf(shown, config.schema, config))
  if (facts === undefined) {
    return {
      id: shownId(shown, ctx, ctx.redactor),
      time: timestampOf(shown, config.timestampFields),
      latency: latencyOf(shown, config.latencyFields),
      errors: functionalErrors(record, config),
      group: groupOf(shown, undefined, ctx),
      shape: undefined,
    }
  }

  const errors: ErrorKind[] = facts.empty ? ['empty_response'] : []
  if (facts.failed || config.errorFields.some((name) => isSet(record[name]))) errors.push('error_field')
  return {
    id: facts.text.interaction_id ?? shownId(shown, ctx, ctx.redactor),
    time: facts.time === undefined ? timestampOf(shown, config.timestampFields) : new Date(facts.time).toISOString(),
    latency: facts.duration.latency_ms ?? latencyOf(shown, config.latencyFields),
    errors,
    group: groupOf(shown, facts, ctx),
    shape: shapeFields(facts),
  }
}
