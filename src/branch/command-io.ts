/**
 * The `ProcedureIo` of the real commands, built the same way for release and rollback: the
 * process's directory and environment, output on stdout unless --json, and the terminal prompt
 * only with a terminal and without --json.
 */
import {isInteractive} from '../io/terminal.js'
import {terminalAsk} from './confirm.js'
import type {ProcedureIo} from './procedure.js'

export function commandIo(json: boolean): ProcedureIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    show: json ? undefined : (text: string) => void process.stdout.write(text),
    // --json output must stay parseable, so --json never prompts.
    ask: !json && isInteractive() ? terminalAsk() : undefined,
  }
}
