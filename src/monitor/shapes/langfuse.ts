/**
 * Langfuse exports: a trace (`id`, `timestamp`, `input`, `output`, `release`, `version`,
 * `latency` in seconds, `observations` as ids or objects), an observation (`id`, `traceId`,
 * `type`, `startTime`, `endTime`, `completionStartTime`, `model`, `usage`/`usageDetails`,
 * `level`, `statusMessage`, `version`), or an ingestion event that carries one in `body`
 * (`{id, timestamp, type: "generation-create", body}`).
 */
import {arr, type Facts, obj} from './facts.js'

/** An ingestion event (`trace-create`, `generation-update`...) carries the object in `body`. */
export const INGESTION_EVENT = /^(?:trace|generation|span|event|observation)-(?:create|update)$/

function readObservation(o: Record<string, unknown>, at: string, facts: Facts): void {
  facts.setText('interaction_id', o.traceId, `${at}traceId`)
  facts.setBetween('latency_ms', o.startTime, o.endTime, `${at}endTime - ${at}startTime`)
  facts.setSeconds('latency_ms', o.latency, `${at}latency`)
  facts.setBetween('ttft_ms', o.startTime, o.completionStartTime, `${at}completionStartTime - ${at}startTime`)
  facts.setSeconds('ttft_ms', o.timeToFirstToken, `${at}timeToFirstToken`)
  facts.setText('model', o.model, `${at}model`)
  facts.setText('model_version', o.version, `${at}version`)
  const details = obj(o.usageDetails)
  const usage = obj(o.usage)
  facts.setCount('tokens_in', details?.input, `${at}usageDetails.input`)
  facts.setCount('tokens_in', usage?.input, `${at}usage.input`)
  facts.setCount('tokens_in', o.promptTokens, `${at}promptTokens`)
  facts.setCount('tokens_out', details?.output, `${at}usageDetails.output`)
  facts.setCount('tokens_out', usage?.output, `${at}usage.output`)
  facts.setCount('tokens_out', o.completionTokens, `${at}completionTokens`)
}

const isObservation = (o: Record<string, unknown>): boolean => typeof o.traceId === 'string' || 'startTime' in o

export function readLangfuse(record: Record<string, unknown>, facts: Facts): void {
  const body = typeof record.type === 'string' && INGESTION_EVENT.test(record.type) ? obj(record.body) : undefined
  const o = body ?? record
  const at = body === undefined ? '' : 'body.'
  facts.setTimeOf(o.startTime, `${at}startTime`)
  facts.setTimeOf(o.timestamp, `${at}timestamp`)
  facts.setTimeOf(record.timestamp, 'timestamp')
  if (o.level === 'ERROR') facts.fail(`${at}level`)
  if (isObservation(o)) {
    readObservation(o, at, facts)
    return
  }

  // A trace: its own id, release and latency; model, tokens and time to first token from its
  // first generation, when the export holds the observations themselves.
  facts.setText('interaction_id', o.id, `${at}id`)
  facts.setSeconds('latency_ms', o.latency, `${at}latency`)
  facts.setText('model_version', o.version, `${at}version`)
  facts.setText('model_version', o.release, `${at}release`)
  for (const [i, item] of arr(o.observations).entries()) {
    const observation = obj(item)
    if (observation === undefined) continue
    if (observation.level === 'ERROR') facts.fail(`${at}observations[${i}].level`)
    if (observation.type === 'GENERATION' && facts.text.model === undefined) readObservation(observation, `${at}observations[${i}].`, facts)
  }
}
