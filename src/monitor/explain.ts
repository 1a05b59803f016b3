/**
 * --explain-schema: for the lines asked for, which shape each was read as, why, and where each
 * fact of its output line came from. The line goes through the same analysis as a run (so the
 * facts are read from the sanitized record, as the run reads them); only names and paths are
 * reported, never a value.
 */
import {openChunks} from '../io/input.js'
import {LineSplitter, OversizedLine} from '../io/lines.js'
import type {Explanation, FactSource} from '../results/explain.js'
import {analyzeLine} from './analyze.js'
import {prepareContext} from './context.js'
import {firstScalar, isSet, latencyOf, timestampOf, type Json} from './fields.js'
import type {MonitorInvocation, MonitorIo} from './invocation.js'
import {inputSources, resolveRun} from './resolve.js'
import {readShape, shapeOf, type FactName, type Facts} from './shapes/index.js'
import type {AnalyzeContext} from './types.js'

const SHAPE_ONLY: readonly FactName[] = ['ttft_ms', 'tokens_in', 'tokens_out', 'model', 'model_version']

const source = (fact: string, from: string | undefined, by: 'shape' | 'config'): FactSource =>
  from === undefined ? {fact, from: null, by: 'none'} : {fact, from, by}

/** Which config field a fact of the flat reading came from. */
function configured(shown: Json, ctx: AnalyzeContext): Record<'interaction_id' | 'timestamp_utc' | 'latency_ms', string | undefined> {
  const {idFields, timestampFields, latencyFields} = ctx.config
  return {
    interaction_id: idFields.find((n) => firstScalar(shown, [n]) !== null),
    timestamp_utc: timestampFields.find((n) => timestampOf(shown, [n]) !== null),
    latency_ms: latencyFields.find((n) => latencyOf(shown, [n]) !== null),
  }
}

function errorSource(shown: Json, errors: readonly string[], facts: Facts | undefined, ctx: AnalyzeContext): FactSource {
  const {responseField, queryField, errorFields} = ctx.config
  if (facts?.from.error !== undefined) return source('error', facts.from.error, 'shape')
  if (facts === undefined && errors.some((e) => e.endsWith('_response')) && responseField !== null) return source('error', responseField, 'config')
  if (facts === undefined && errors.includes('missing_query') && queryField !== null) return source('error', queryField, 'config')
  return source(
    'error',
    errorFields.find((n) => isSet(shown[n])),
    'config',
  )
}

function groupSource(shown: Json, facts: Facts | undefined, ctx: AnalyzeContext): FactSource {
  const {groupBy} = ctx.config
  if (groupBy === null) return source('group', undefined, 'config')
  const own = shown[groupBy]
  if (typeof own === 'string' || typeof own === 'number' || facts === undefined)
    return source('group', typeof own === 'string' || typeof own === 'number' ? groupBy : undefined, 'config')
  const fact = groupBy === 'model_version' ? (facts.text.model_version === undefined ? 'model' : 'model_version') : groupBy === 'model' ? 'model' : undefined
  return source('group', fact === undefined ? undefined : facts.from[fact], 'shape')
}

export function explainLine(line: string | OversizedLine, file: string, lineNumber: number, ctx: AnalyzeContext): Explanation {
  if (line instanceof OversizedLine) return {file, line: lineNumber, schema: null, how: 'line_too_long: not read', facts: [], errors: ['line_too_long']}
  const {record} = analyzeLine(line, file, lineNumber, ctx)
  const shown = record.original_interaction
  if (shown === null || typeof shown !== 'object' || Array.isArray(shown))
    return {file, line: lineNumber, schema: null, how: `${record.error ?? 'not_object'}: not read`, facts: [], errors: record.errors}
  const json = shown as Json
  const detected = shapeOf(json, ctx.config.schema, ctx.config)
  const facts = readShape(json, detected)
  const config = configured(json, ctx)
  const facts3 = (['interaction_id', 'timestamp_utc', 'latency_ms'] as const).map((name) =>
    facts?.from[name] === undefined ? source(name, config[name], 'config') : source(name, facts.from[name], 'shape'),
  )
  const shapeOnly = facts === undefined ? [] : SHAPE_ONLY.map((name) => source(name, facts.from[name], 'shape'))
  const explanation: Explanation = {
    file,
    line: lineNumber,
    schema: detected.schema,
    how: ctx.config.schema === 'auto' ? `auto: ${detected.marker}` : detected.marker,
    facts: [...facts3, ...shapeOnly, errorSource(json, record.errors, facts, ctx), groupSource(json, facts, ctx)],
    errors: record.errors,
  }
  if (facts?.spans !== undefined) explanation.spans = facts.spans
  return explanation
}

/** Explain lines `range.first` to `range.last` of every input. */
export async function explainSchema(invocation: MonitorInvocation, io: MonitorIo, range: {first: number; last: number}): Promise<Explanation[]> {
  const run = await resolveRun(invocation, io)
  const ctx = prepareContext(run.settings)
  const explanations: Explanation[] = []
  for (const input of await inputSources(run, invocation.files, io.cwd)) {
    const splitter = new LineSplitter()
    const take = ({firstLine, lines}: {firstLine: number; lines: Array<string | OversizedLine>}): boolean => {
      for (const [i, line] of lines.entries()) {
        const n = firstLine + i
        if (n > range.last) return false
        if (n >= range.first && (line instanceof OversizedLine || line.trim() !== '')) explanations.push(explainLine(line, input.display, n, ctx))
      }

      return true
    }

    let more = true
    for await (const chunk of openChunks(input, io.stdin)) {
      more = take(splitter.push(chunk))
      if (!more) break
    }

    if (more) take(splitter.end())
  }

  return explanations
}
