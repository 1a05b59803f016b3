import {fail, usageError} from '../errors.js'
import {isInteractive} from '../io/terminal.js'

export interface MissingValues {
  user_id?: string | undefined
  feedback_type?: string | undefined
  description?: string | undefined
}

const FLAG: Record<keyof MissingValues, string> = {user_id: '--user-id', feedback_type: '--feedback-type', description: '--description'}

/**
 * Ask for the required values that are missing, in a terminal only. Without one, a missing value
 * is a usage error that names every missing flag (exit 2): a script must never hang on a prompt.
 */
export async function askForMissing(values: MissingValues, types: readonly string[]): Promise<Required<MissingValues>> {
  const missing = (Object.keys(FLAG) as Array<keyof MissingValues>).filter((k) => values[k] === undefined)
  if (missing.length === 0) return values as Required<MissingValues>
  if (!isInteractive()) {
    throw usageError(`missing ${missing.map((k) => FLAG[k]).join(', ')} (no terminal to ask)`, 'E_FEEDBACK_MISSING', [
      'Pass the values as flags, or one JSON record on stdin with --stdin.',
    ])
  }

  const {input, select} = await import('@inquirer/prompts')
  const notBlank = (v: string): true | string => (v.trim() === '' ? 'required' : true)
  try {
    return {
      user_id: values.user_id ?? (await input({message: 'Your user id', validate: notBlank})),
      feedback_type:
        values.feedback_type ?? (await select({message: 'Type of feedback', choices: types.map((t) => ({name: t.replaceAll('_', ' '), value: t}))})),
      description: values.description ?? (await input({message: 'What happened?', validate: notBlank})),
    }
  } catch (error) {
    // Ctrl-C (or a closed terminal) at a question: stopped before anything was saved, as at any prompt.
    if (error instanceof Error && error.name === 'ExitPromptError') {
      throw fail('E_NOT_CONFIRMED', 'stopped at the prompt; nothing was saved', [`Pass ${missing.map((k) => FLAG[k]).join(', ')} to run without questions.`])
    }

    throw error
  }
}
