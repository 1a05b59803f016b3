import {Command} from '@oclif/core'

import {ExitCode, exitCodeHelp, isLlmopsError, toFailure, type ExitCodeValue} from './errors.js'
import {printableLines} from './text/printable.js'
import {closest} from './text/suggest.js'

type OclifError = Error & {code?: string; oclif?: {exit?: number}; exitCode?: number; flags?: unknown}

/** `--formt` -> ` (did you mean --format?)`, from the flags this command declares; '' when none is close. */
function flagSuggestion(typed: string, flags: Record<string, {char?: string; hidden?: boolean}>): string {
  const names = Object.entries(flags)
    .filter(([, f]) => f.hidden !== true)
    .flatMap(([name, f]) => [`--${name}`, ...(f.char ? [`-${f.char}`] : [])])
  const guess = closest(
    typed.split('=')[0] ?? typed,
    names.filter((n) => n.startsWith('--')),
  )
  return guess === undefined ? '' : ` (did you mean ${guess}?)`
}

/**
 * Shared base of every command: `--json`, and the only place (with the Action entry) where an
 * error becomes an exit code and a message. User mistakes never print a stack trace.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  /**
   * The EXIT CODES section of a command's --help: 0, 2 (a bad flag or input) and 70 (a bug),
   * which every command can return, and the codes the command adds. A test checks the list
   * against the error codes its code can raise.
   */
  static exitCodesHelp(...codes: ExitCodeValue[]): string {
    return `EXIT CODES\n${exitCodeHelp([ExitCode.OK, ExitCode.USAGE, ExitCode.INTERNAL, ...codes])}`
  }

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
    // oclif's parse errors (unknown flag, bad value, missing argument) look like the app's own.
    if (!isLlmopsError(error) && oclifError.oclif?.exit !== undefined) {
      // The arguments were read, and refused: oclif's "did not parse its arguments" warning is not for this.
      this.parsed = true
      failure.suggestions.push(`See ${[this.config.bin, ...(this.id?.split(':') ?? [])].join(' ')} --help.`)
    }

    if (this.jsonEnabled()) {
      this.logJson({
        error: {code: failure.code, message: failure.message, exit_code: failure.exitCode, suggestions: failure.suggestions},
      })
      return undefined
    }

    // Messages can quote file names and values from the user: printed without control characters.
    const lines = [`Error: ${printableLines(failure.message)}`, ...failure.suggestions.map((s) => `  Hint: ${printableLines(s)}`)]
    if (failure.exitCode === ExitCode.INTERNAL && /\bllmops\b/.test(process.env.DEBUG ?? '')) lines.push(String(error.stack))
    this.note(lines.join('\n'))
    return undefined
  }

  /** oclif's "Nonexistent flag: --formt" names the flag this command has that was probably meant. */
  private suggestFlags(error: OclifError): void {
    if (!Array.isArray(error.flags) || !error.message.startsWith('Nonexistent flag')) return
    const flags = {...this.ctor.baseFlags, ...this.ctor.flags, ...(this.ctor.enableJsonFlag ? {json: {}} : {})} as Record<
      string,
      {char?: string; hidden?: boolean}
    >
    const typed = error.flags.filter((f): f is string => typeof f === 'string')
    const named = typed.map((flag) => `${flag}${flagSuggestion(flag, flags)}`)
    error.message = error.message.replace(/^Nonexistent flags?: .*$/m, `Nonexistent flag${typed.length === 1 ? '' : 's'}: ${named.join(', ')}`)
  }
}
