/**
 * OpenTelemetry GenAI spans as the OTLP JSON file exporter writes them: one
 * `{resourceSpans: [{scopeSpans: [{spans: [...]}]}]}` object per line, attributes as
 * `[{key, value: {stringValue | intValue | doubleValue | ...}}]`. Attribute names of the GenAI
 * semantic conventions (`gen_ai.*`, including the older `gen_ai.prompt`/`gen_ai.completion`
 * and `gen_ai.usage.prompt_tokens`/`completion_tokens`) and of OpenInference (`llm.*`).
 *
 * A line holds as many spans as the exporter flushed at once, of any number of interactions;
 * the output keeps one record per line. Its facts are those of the line's first GenAI span,
 * `spans` says how many GenAI spans the line holds, and the line is failed when any of them is
 * (an error is never hidden behind a neighbour). Adding up latencies or tokens of spans that
 * may belong to different interactions would give figures that describe none of them.
 */
import {arr, type Facts, obj} from './facts.js'

/** An OTLP AnyValue as a plain value: strings, numbers (int64 arrive as strings), booleans. */
function plain(value: unknown): unknown {
  const v = obj(value)
  if (v === undefined) return undefined
  if ('stringValue' in v) return v.stringValue
  if ('intValue' in v) return v.intValue
  if ('doubleValue' in v) return v.doubleValue
  if ('boolValue' in v) return v.boolValue
  return undefined
}

/** The attributes of a span (or event) by key; the first of duplicate keys wins. */
function attributesOf(holder: Record<string, unknown>): Map<string, unknown> {
  const found = new Map<string, unknown>()
  for (const a of arr(holder.attributes)) {
    const attr = obj(a)
    if (attr !== undefined && typeof attr.key === 'string' && !found.has(attr.key)) found.set(attr.key, plain(attr.value))
  }

  return found
}

const isGenAi = (attrs: Map<string, unknown>): boolean => {
  for (const key of attrs.keys()) if (key.startsWith('gen_ai.') || key.startsWith('llm.')) return true
  return attrs.get('openinference.span.kind') === 'LLM'
}

/** Every span of the line with its position, in document order. */
function* spansOf(record: Record<string, unknown>): Generator<{span: Record<string, unknown>; at: string}> {
  for (const [r, rs] of arr(record.resourceSpans).entries()) {
    for (const [s, ss] of arr(obj(rs)?.scopeSpans).entries()) {
      for (const [i, sp] of arr(obj(ss)?.spans).entries()) {
        const span = obj(sp)
        if (span !== undefined) yield {span, at: `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`}
      }
    }
  }
}

/** OTLP's STATUS_CODE_ERROR is 2; some writers spell the enum's name. */
const errorStatus = (span: Record<string, unknown>): boolean => {
  const code = obj(span.status)?.code
  return code === 2 || code === 'STATUS_CODE_ERROR' || code === '2'
}

/** Nanoseconds since the epoch (a decimal string or a number) in milliseconds. */
const nanosToMs = (value: unknown): number =>
  typeof value === 'string' && /^\d{1,20}$/.test(value) ? Number(value) / 1e6 : typeof value === 'number' && value >= 0 ? value / 1e6 : Number.NaN

/** The first of `keys` the attributes hold, with its path. */
function pick(attrs: Map<string, unknown>, at: string, keys: readonly string[]): [unknown, string] {
  for (const key of keys) if (attrs.has(key)) return [attrs.get(key), `${at}.attributes[${key}]`]
  return [undefined, `${at}.attributes[${keys[0]}]`]
}

function readSpan(span: Record<string, unknown>, attrs: Map<string, unknown>, at: string, facts: Facts): void {
  const [responseId, idAt] = pick(attrs, at, ['gen_ai.response.id'])
  facts.setText('interaction_id', responseId, idAt)
  facts.setText('interaction_id', span.traceId, `${at}.traceId`)
  const start = nanosToMs(span.startTimeUnixNano)
  facts.setTime(start, `${at}.startTimeUnixNano`)
  facts.setDuration('latency_ms', nanosToMs(span.endTimeUnixNano) - start, `${at}.endTimeUnixNano - ${at}.startTimeUnixNano`)
  // The GenAI conventions define time to first token as a metric (seconds); some instrumentations also set it on the span.
  const [ttft, ttftAt] = pick(attrs, at, ['gen_ai.server.time_to_first_token'])
  facts.setSeconds('ttft_ms', typeof ttft === 'string' ? Number(ttft) : ttft, ttftAt)
  facts.setText('model', ...pick(attrs, at, ['gen_ai.request.model', 'llm.model_name', 'gen_ai.response.model']))
  facts.setText('model_version', ...pick(attrs, at, ['gen_ai.response.model', 'llm.model_name']))
  facts.setCount('tokens_in', ...pick(attrs, at, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt']))
  facts.setCount('tokens_out', ...pick(attrs, at, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion']))
}

export function readOtelGenAi(record: Record<string, unknown>, facts: Facts): void {
  let count = 0
  for (const {span, at} of spansOf(record)) {
    const attrs = attributesOf(span)
    if (!isGenAi(attrs)) continue
    if (count++ === 0) readSpan(span, attrs, at, facts)
    if (errorStatus(span)) facts.fail(`${at}.status.code`)
    else if (attrs.has('error.type')) facts.fail(`${at}.attributes[error.type]`)
  }

  facts.spans = count
}
