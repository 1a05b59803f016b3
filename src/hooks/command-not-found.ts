/**
 * `llmops monitr`: a usage error (exit 2) that names the command it probably meant, or the help.
 * Never runs the suggestion: a typo must not start a command nobody asked for.
 */
import {Errors, toConfiguredId, type Hook} from '@oclif/core'

import {ExitCode} from '../errors.js'
import {printable} from '../text/printable.js'
import {closest} from '../text/suggest.js'

/**
 * oclif joins every word before the first flag into the id (`relase:1.0.0`, `feedback:lst`): the
 * mistyped word is the first one after the longest known topic or command.
 */
function mistyped(id: string, known: ReadonlySet<string>): string {
  const words = id.split(':')
  let at = 0
  while (at < words.length - 1 && known.has(words.slice(0, at + 1).join(':'))) at++
  return words.slice(0, at + 1).join(':')
}

const hook: Hook.CommandNotFound = async function (options) {
  const {config, id} = options
  const ids = config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases])
  const typed = mistyped(id, new Set([...ids, ...config.topics.map((t) => t.name)]))
  const guess = closest(typed, ids)
  const {bin} = config
  const hint =
    guess === undefined
      ? `Run ${bin} --help for the list of commands.`
      : `Did you mean "${bin} ${toConfiguredId(guess, config)}"? (${bin} --help lists them all.)`
  throw new Errors.CLIError(`"${printable(toConfiguredId(typed, config), 80)}" is not a command. ${hint}`, {exit: ExitCode.USAGE})
}

export default hook
