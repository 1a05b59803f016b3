import {Command} from '@oclif/core'

import {ExitCode, exitCodeHelp, isLlmopsError, toFailure} from './errors.js'
import {printableLines} from './text/printable.js'
import {closest} from './text/suggest.js'


type OclifError = Error & {code?: string; oclif?: {exit?: number}; exitCode?: number; flags?: unknown}

/** `--formt` -> ` (did you mean --format?)`, from the flags this command declares; '' when none is close. */
function flagSuggestion(typed: string, flags: Record<string, {char?: string; hidden?: boolean}>): string {
  const names = Object.entries(flags).filter(([, f]) => f.hidden !== true).flatMap(([name, f]) => [`--${name}`, ...(f.char ? [`-${f.char}`] : [])])
  const guess = closest(typed.split('=')[0] ?? typed, names.filter((n) => n.startsWith('--')))
  return guess === undefined ? '' : ` (did you mean ${guess}?)`
}

/**
 * Shared base of every command: `--json`, and the only place (with the Action entry) where an
 * error becomes an exit code and a message. User mistakes never print a stack trace.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static exitCodesHelp = `EXIT CODES\n${exitCodeHelp()}`

  /** Write one line to stderr (human channel; stdout is for data). */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  protected override async catch(error: Error): Promise<unknown> {
    this.suggestFlags(error as OclifError)
    const failure = toFailure(error)
    process.exitCode = failure.exitCode
    const oclifError = error as OclifError
    if (failure.exitCode === 0 && oclifError.code === 'EEXIT') return undefined
    if (this.jsonEnabled()) {
      this.logJson({
        error: {code: failure.code, message: failure.message, exit_code: failure.exitCode, suggestions: failure.suggestions},
      })
      return undefined
    }

    // oclif's parse errors print well (with the usage line); let oclif handle them.
    if (!isLlmopsError(error) && oclifError.oclif?.exit !== undefined) throw error
    // Messages can quote file names and values from the user: printed without control characters.
    const lines = [`Error: ${printableLines(failure.message)}`, ...failure.suggestions.map((s) => `  Hint: ${printableLines(s)}`)]
    if (failure.exitCode === ExitCode.INTERNAL && /\bllmops\b/.test(process.env.DEBUG ?? '')) lines.push(String(error.stack))
    this.note(lines.join('\n'))
    return undefined
  }

  /** oclif's "Nonexistent flag: --formt" names the flag this command has that was probably meant. */
  private suggestFlags(error: OclifError): void {
    if (!Array.isArray(error.flags) || !error.message.startsWith('Nonexistent flag')) return
    const flags = {...this.ctor.baseFlags, ...this.ctor.flags, ...(this.ctor.enableJsonFlag ? {json: {}} : {})} as Record<string, {char?: string; hidden?: boolean}>
    const typed = error.flags.filter((f): f is string => typeof f === 'string')
    const named = typed.map((flag) => `${flag}${flagSuggestion(flag, flags)}`)
    error.message = error.message.replace(/^Nonexistent flags?: .*$/m, `Nonexistent flag${typed.length === 1 ? '' : 's'}: ${named.join(', ')}`)
  }
}
