/** JSON Lines parsing where a bad line is data, not an exception. */

export type ParsedLine = {ok: true; value: unknown} | {ok: false; error: string}

/**
 * V8's JSON.parse messages quote a snippet of the input, which may hold personal data
 * (`Unexpected token 'x', "help@acme.com x" is not valid JSON`). Keep only the description.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const withoutSnippet = message.replace(/,\s*".*$/s, '').replace(/\s+(?:in JSON )?at position (\d+).*$/s, (_, pos: string) => ` at column ${Number(pos) + 1}`)
  const quote = withoutSnippet.indexOf('"')
  return (quote === -1 ? withoutSnippet : withoutSnippet.slice(0, quote)).trim() || 'invalid JSON'
}

export function parseJsonLine(text: string): ParsedLine {
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (error) {
    return {ok: false, error: describeJsonError(error)}
  }
}
