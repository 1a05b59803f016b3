/**
 * OpenAI Chat Completions: the request (`model`, `messages[]`), the response (`id`, `created`,
 * `model`, `choices[].message`, `usage.prompt_tokens`/`completion_tokens`), or both: side by side
 * in one object, or as `{request, response}`.
 */
import {arr, type Facts, hasText, isSet, obj} from './facts.js'

/**
 * The request and response halves of a record, with the path prefix of each: `{request,
 * response}`, a Batch API input line (`{custom_id, method, url, body}`) or output line
 * (`{custom_id, response: {status_code, body}, error}`), or the record itself.
 */
export function halves(record: Record<string, unknown>): {req: Record<string, unknown>; res: Record<string, unknown>; reqAt: string; resAt: string} {
  const wrapped = obj(record.response)
  const batchOut = obj(wrapped?.body)
  const req = obj(record.request) ?? obj(record.body)
  const res = batchOut ?? wrapped
  return {
    req: req ?? record,
    res: res ?? record,
    reqAt: req === undefined ? '' : record.request === req ? 'request.' : 'body.',
    resAt: batchOut === undefined ? (wrapped === undefined ? '' : 'response.') : 'response.body.',
  }
}

/** Batch API lines: the caller's `custom_id` names the interaction, and a failed request has a status code of 400 or more. */
export function readBatch(record: Record<string, unknown>, facts: Facts): void {
  facts.setText('interaction_id', record.custom_id, 'custom_id')
  const status = obj(record.response)?.status_code
  if (typeof status === 'number' && status >= 400) facts.fail('response.status_code')
}

/** A choice that answers: text, a refusal or a tool call. */
const answers = (choice: unknown): boolean => {
  const message = obj(obj(choice)?.message)
  return message !== undefined && (hasText(message.content) || hasText(message.refusal) || arr(message.tool_calls).length > 0 || isSet(message.function_call))
}

export function readOpenAiChat(record: Record<string, unknown>, facts: Facts): void {
  const {req, res, reqAt, resAt} = halves(record)
  readBatch(record, facts)
  facts.setText('interaction_id', res.id, `${resAt}id`)
  facts.setTimeOf(res.created, `${resAt}created`)
  facts.setText('model', req.model, `${reqAt}model`)
  facts.setText('model', res.model, `${resAt}model`)
  // The response names the snapshot that answered (gpt-4o-2024-08-06): the version.
  facts.setText('model_version', res.model, `${resAt}model`)
  const usage = obj(res.usage)
  facts.setCount('tokens_in', usage?.prompt_tokens, `${resAt}usage.prompt_tokens`)
  facts.setCount('tokens_out', usage?.completion_tokens, `${resAt}usage.completion_tokens`)
  if (isSet(res.error)) facts.fail(`${resAt}error`)
  if (Array.isArray(res.choices) && !res.choices.some(answers)) {
    facts.empty = true
    facts.from.error ??= `${resAt}choices`
  }
}
