/**
 * Whether we may ask the user something. Only when both stdin and stdout are terminals: piped
 * input ("yes | llmops ...") is never consent, and a prompt on a pipe would hang a script.
 */
export function isInteractive(streams: {stdin: {isTTY?: boolean}; stdout: {isTTY?: boolean}} = process): boolean {
  return streams.stdin.isTTY === true && streams.stdout.isTTY === true
}

/**
 * Whether output to `stream` may be coloured: FORCE_COLOR (any value but 0 or false) says yes
 * and FORCE_COLOR=0 no, whatever the stream; otherwise NO_COLOR (set, not empty) or TERM=dumb
 * say no, and a terminal says yes.
 */
export function colorEnabled(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return stream.isTTY === true
}
