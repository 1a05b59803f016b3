import {usageError} from '../errors.js'
import {parseJsonLine} from '../io/jsonl.js'
import {describeMasked, toRecord, validateInput} from './capture.js'
import {askForMissing} from './prompt.js'
import type {FeedbackRecord} from './record.js'
import {feedbackSettings} from './settings.js'
import {appendRecords} from './store.js'
import {printable} from '../text/printable.js'

export interface CaptureFlags {
  'user-id'?: string | undefined
  'feedback-type'?: string | undefined
  description?: string | undefined
  'interaction-id'?: string | undefined
  rating?: string | undefined
  'model-version'?: string | undefined
  source?: string | undefined
  tag?: string[] | undefined
  id?: string | undefined
  stdin?: boolean
  'keep-pii'?: boolean
  file?: string | undefined
  config?: string | undefined
}

/** `4` -> 4, `up` -> 'up'; anything else is left for validation to name. */
function parseRating(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined
  return /^\d+$/.test(value.trim()) ? Number(value) : value.trim().toLowerCase()
}

const defined = <T extends object>(object: T): Partial<T> => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>

/** stdin holds one JSON object, or JSON Lines of many. */
async function inputsFromStdin(): Promise<unknown[]> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') throw usageError('--stdin: no input', 'E_FEEDBACK_INVALID')
  const whole = parseJsonLine(text)
  if (whole.ok) return Array.isArray(whole.value) ? whole.value : [whole.value]
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const parsed = parseJsonLine(line)
      if (!parsed.ok) throw usageError(`--stdin line ${i + 1}: not valid JSON (${parsed.error})`, 'E_FEEDBACK_INVALID')
      return parsed.value
    })
}

/** Capture from flags or stdin: validate everything first, then one locked append per record. */
export async function captureFromCli(flags: CaptureFlags): Promise<{records: FeedbackRecord[]; confirmation: string; lines: string}> {
  const settings = await feedbackSettings({file: flags.file, config: flags.config})
  let inputs: unknown[]
  if (flags.stdin) {
    inputs = await inputsFromStdin()
  } else {
    const asked = await askForMissing({user_id: flags['user-id'], feedback_type: flags['feedback-type'], description: flags.description}, settings.types)
    inputs = [
      defined({
        ...asked,
        id: flags.id,
        interaction_id: flags['interaction-id'],
        rating: parseRating(flags.rating),
        model_version: flags['model-version'],
        source: flags.source,
        tags: flags.tag,
      }),
    ]
  }

  const options = {types: settings.types, detector: settings.detector, keepPii: flags['keep-pii'] === true}
  const validated = inputs.map((input, i) => validateInput(input, settings.types, inputs.length > 1 ? ` (record ${i + 1})` : ''))
  const records = validated.map((input) => toRecord(input, options))
  // One locked append for the whole batch: all of it is written, or none.
  await appendRecords(settings.file, records, settings.shown)

  // stdout is data (the stored records, one JSON line each, ready for jq); the confirmation is for people, on stderr.
  const confirmation = records.map((r) => {
    const masked = describeMasked(r.masked)
    return `Saved ${r.feedback_type} ${r.id} to ${printable(settings.shown)}${masked === undefined ? '' : ` (masked ${masked}; --keep-pii stores values as typed)`}\n`
  })
  return {records, confirmation: confirmation.join(''), lines: records.map((r) => printable(JSON.stringify(r))).join('\n')}
}
