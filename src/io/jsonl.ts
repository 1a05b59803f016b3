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

const UNICODE_ESCAPE = /\\u([\da-fA-F]{4})/g

/**
 * The raw line with JSON escapes made harmless for a scan that must not miss what the decoded
 * strings hold: `\uXXXX` is decoded, and `\n`-style escapes become two spaces (a boundary, like
 * the newline they stand for; the letter would glue onto the next token). Other escapes
 * (`\"`, `\\`, `\/`) already show the character that bounds a match.
 */
export function scanText(line: string): string {
  if (!line.includes('\\')) return line
  const spaced = line.replaceAll(/\\[bfnrt]/g, '  ')
  return spaced.includes('\\u') ? spaced.replaceAll(UNICODE_ESCAPE, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))) : spaced
}
