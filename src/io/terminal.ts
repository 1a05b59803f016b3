/**
 * Whether we may ask the user something. Only when both stdin and stdout are terminals: piped
 * input ("yes | llmops ...") is never consent, and a prompt on a pipe would hang a script.
 */
export function isInteractive(streams: {stdin: {isTTY?: boolean}; stdout: {isTTY?: boolean}} = process): boolean {
  return streams.stdin.isTTY === true && streams.stdout.isTTY === true
}
