/**
 * The questions init asks in a terminal when no allowlist flag was given: the organisation's
 * e-mail domains and support numbers. Only the caller decides that there is a terminal
 * (io/terminal.ts); @inquirer is loaded only when a question is asked.
 */
import {fail} from '../errors.js'

export interface AllowlistAnswers {
  emailDomains: string[]
  supportPhones: string[]
}

export async function askAllowlist(): Promise<AllowlistAnswers> {
  const {input} = await import('@inquirer/prompts')
  const list = (text: string): string[] =>
    text
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
  try {
    const domains = await input({message: "Your organisation's own e-mail domains, allowed in the logs (comma-separated, empty for none):"})
    const phones = await input({message: 'Its public support phone numbers, as the logs write them (comma-separated, empty for none):'})
    return {emailDomains: list(domains), supportPhones: list(phones)}
  } catch (error) {
    // Ctrl-C (or a closed terminal) at a question: stopped before anything was written.
    if (error instanceof Error && error.name === 'ExitPromptError')
      throw fail('E_NOT_CONFIRMED', 'stopped at the prompt; nothing was written', ['Pass --email-domain and --support-phone to run without questions.'])
    throw error
  }
}
