/**
 * LangSmith runs: `id`, `trace_id`, `run_type`, `start_time`, `end_time`, `first_token_time`,
 * `inputs`, `outputs`, `error`, `status`, `prompt_tokens`/`completion_tokens`, `events`
 * (`new_token`), `extra.invocation_params` and `extra.metadata`.
 */
import {arr, type Facts, hasText, obj} from './facts.js'

/** The time of the first `new_token` event, for runs exported without `first_token_time`. */
function firstToken(run: Record<string, unknown>): [unknown, string] {
  for (const [i, e] of arr(run.events).entries()) {
    const event = obj(e)
    if (event?.name === 'new_token') return [event.time, `events[${i}].time`]
  }

  return [undefined, 'events[new_token].time']
}

export function readLangSmith(run: Record<string, unknown>, facts: Facts): void {
  // A run is one step of a trace; the trace (its root run) is the interaction.
  facts.setText('interaction_id', run.trace_id, 'trace_id')
  facts.setText('interaction_id', run.id, 'id')
  facts.setTimeOf(run.start_time, 'start_time')
  facts.setBetween('latency_ms', run.start_time, run.end_time, 'end_time - start_time')
  const [token, tokenAt] = run.first_token_time === undefined || run.first_token_time === null ? firstToken(run) : [run.first_token_time, 'first_token_time']
  facts.setBetween('ttft_ms', run.start_time, token, `${tokenAt} - start_time`)
  const extra = obj(run.extra)
  const params = obj(extra?.invocation_params)
  const metadata = obj(extra?.metadata)
  facts.setText('model', params?.model, 'extra.invocation_params.model')
  facts.setText('model', params?.model_name, 'extra.invocation_params.model_name')
  facts.setText('model', metadata?.ls_model_name, 'extra.metadata.ls_model_name')
  facts.setText('model_version', metadata?.revision_id, 'extra.metadata.revision_id')
  const outputs = obj(run.outputs)
  const tokenUsage = obj(obj(outputs?.llm_output)?.token_usage)
  const usageMetadata = obj(outputs?.usage_metadata)
  facts.setCount('tokens_in', run.prompt_tokens, 'prompt_tokens')
  facts.setCount('tokens_in', tokenUsage?.prompt_tokens, 'outputs.llm_output.token_usage.prompt_tokens')
  facts.setCount('tokens_in', usageMetadata?.input_tokens, 'outputs.usage_metadata.input_tokens')
  facts.setCount('tokens_out', run.completion_tokens, 'completion_tokens')
  facts.setCount('tokens_out', tokenUsage?.completion_tokens, 'outputs.llm_output.token_usage.completion_tokens')
  facts.setCount('tokens_out', usageMetadata?.output_tokens, 'outputs.usage_metadata.output_tokens')
  if (hasText(run.error)) facts.fail('error')
  else if (run.status === 'error') facts.fail('status')
}
