/**
 * OpenAI Chat Completions: the request (`model`, `messages[]`), the response (`id`, `created`,
 * `model`, `choices[].message`, `usage.prompt_tokens`/`completion_tokens`), or both: side by side
 * in one object, or as `{request, response}`.
 */
import {arr, type Facts, hasText, isSet, obj} from './facts.js'

/** The request and response halves of a record, with the path prefix of each. */
export function halves(record: Record<string, unknown>): {req: Record<string, unknown>; res: Record<string, unknown>; reqAt: string; resAt: string} {
  const req = obj(record.request)
  const res = obj(record.response)
  return {req: req ?? record, res: res ?? record, reqAt: req === undefined ? '' : 'request.', resAt: res === undefined ? '' : 'response.'}
}

/** A choice that answers: text, a refusal or a tool call. */
const answers = (choice: unknown): boolean => {
  const message = obj(obj(choice)?.message)
  return message !== undefined && (hasText(message.content) || hasText(message.refusal) || arr(message.tool_calls).length > 0 || isSet(message.function_call))
}

export function readOpenAiChat(record: Record<string, unknown>, facts: Facts): void {
  const {req, res, reqAt, resAt} = halves(record)
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
