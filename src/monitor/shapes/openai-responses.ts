/**
 * OpenAI Responses API: the request (`model`, `input`), the response (`id`, `object: "response"`,
 * `created_at`, `model`, `status`, `error`, `output[].content[].text`,
 * `usage.input_tokens`/`output_tokens`), or both (side by side, or `{request, response}`).
 */
import {arr, type Facts, hasText, isSet, obj} from './facts.js'
import {halves, readBatch} from './openai-chat.js'

/** An output item that answers: a message with text or a refusal, or any other item (a tool call). */
const answers = (item: unknown): boolean => {
  const it = obj(item)
  if (it === undefined) return false
  if (it.type !== 'message') return it.type !== 'reasoning'
  return arr(it.content).some((part) => hasText(obj(part)?.text) || hasText(obj(part)?.refusal))
}

export function readOpenAiResponses(record: Record<string, unknown>, facts: Facts): void {
  const {req, res, reqAt, resAt} = halves(record)
  readBatch(record, facts)
  facts.setText('interaction_id', res.id, `${resAt}id`)
  const created = typeof res.created_at === 'number' ? res.created_at * 1000 : Number.NaN
  facts.setTime(created, `${resAt}created_at`)
  // Whole seconds only, but the API's own figure.
  if (typeof res.completed_at === 'number') facts.setDuration('latency_ms', res.completed_at * 1000 - created, `${resAt}completed_at - ${resAt}created_at`)
  facts.setText('model', req.model, `${reqAt}model`)
  facts.setText('model', res.model, `${resAt}model`)
  facts.setText('model_version', res.model, `${resAt}model`)
  const usage = obj(res.usage)
  facts.setCount('tokens_in', usage?.input_tokens, `${resAt}usage.input_tokens`)
  facts.setCount('tokens_out', usage?.output_tokens, `${resAt}usage.output_tokens`)
  if (isSet(res.error)) facts.fail(`${resAt}error`)
  else if (res.status === 'failed') facts.fail(`${resAt}status`)
  if (Array.isArray(res.output) && res.status !== 'in_progress' && !res.output.some(answers)) {
    facts.empty = true
    facts.from.error ??= `${resAt}output`
  }
}
