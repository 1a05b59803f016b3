/**
 * Consent for a destructive change: the user types the name of the target (a tag), as GitHub
 * does for deleting a repository. Scripts pass `--confirm <tag>`. Piped input is never consent:
 * the caller passes `ask` only when stdin and stdout are both terminals.
 */
import {LlmopsError} from '../errors.js'
import {printable} from '../text/printable.js'

/** Asks one question and returns what the user typed. */
export type Ask = (message: string) => Promise<string>

const notConfirmed = (message: string, suggestions: string[]): LlmopsError =>
  new LlmopsError(`${message}; nothing was changed`, {code: 'E_NOT_CONFIRMED', suggestions})

export interface Confirmation {
  /** What must be typed or passed: the target tag. */
  expected: string
  /**
   * What a person types at the prompt, when the tag is too long to type correctly under pressure
   * (an undo's backup tag): the short sha of the commit it restores, shown in the plan.
   */
  typed?: string | undefined
  /** The value of --confirm, if given. */
  given: string | undefined
  /** A terminal prompt; undefined without a terminal (or in --json mode). */
  ask: Ask | undefined
  /** Describes the change in the prompt, e.g. "roll back origin/stable to v1.2.0". */
  action: string
}

export async function confirm(request: Confirmation): Promise<void> {
  const {expected, given, ask, action} = request
  const wanted = request.typed ?? expected
  const hint = `Pass --confirm ${expected} to confirm.`
  if (given !== undefined) {
    if (given === expected) return
    throw notConfirmed(`--confirm "${printable(given, 80)}" does not match the target ${expected}`, [hint])
  }

  if (ask === undefined) throw notConfirmed(`confirmation required to ${action}, and there is no terminal to ask in`, [hint])
  let typed: string
  try {
    typed = await ask(`To ${action}, type ${wanted}:`)
  } catch (error) {
    // Ctrl-C or a closed terminal inside the prompt is a "no".
    if (error instanceof Error && error.name === 'ExitPromptError') throw notConfirmed('declined', [hint])
    throw error
  }

  // Under pressure people type the version without its "v": that names the same tag, unambiguously.
  const answer = typed.trim()
  if (answer !== wanted && answer !== expected && !(wanted.startsWith('v') && answer === wanted.slice(1))) {
    throw notConfirmed(`you typed "${printable(answer, 80)}", not ${wanted}`, [`Run again and type ${wanted} exactly.`])
  }
}

/**
 * The real prompt (@inquirer/prompts, loaded only when a question is asked). `context` lets a
 * test drive it with fake terminal streams.
 */
export function terminalAsk(context?: {input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream}): Ask {
  return async (message) => {
    const {input} = await import('@inquirer/prompts')
    return input({message}, context)
  }
}
