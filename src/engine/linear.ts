/**
 * Patterns from a config file (custom rules, their prefilters, allowlist patterns) run on RE2
 * (re2js, a pure JavaScript port): time linear in the text for every pattern, whatever a
 * config author writes. No lookarounds and no backreferences, which RE2 refuses; JavaScript's
 * own engine is kept for the built-in rules, which the test suite vets.
 */
import {RE2JS} from 're2js'

/** A compiled user pattern: the few operations the engine needs. */
export interface LinearPattern {
  /** Every non-overlapping match from the left: whole-match span and the span of `group` (or the whole). */
  matches(text: string, group: number): Generator<[start: number, end: number, groupStart: number, groupEnd: number]>
  /** Some match anywhere in the text. */
  test(text: string): boolean
  /** The whole text matches. */
  whole(text: string): boolean
  /** The pattern as written, for messages. */
  readonly source: string
}

/** JavaScript's `\uXXXX` escapes in RE2's spelling (`\x{XXXX}`); an escaped backslash stays. */
const toRe2Syntax = (source: string): string => source.replaceAll(/(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g, '$1\\x{$2}')

/** Compile for RE2; throws an Error with RE2's reason when the syntax is not supported. */
export function compileLinear(source: string, flags = ''): LinearPattern {
  let bits = 0
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE
  if (flags.includes('s')) bits |= RE2JS.DOTALL
  if (flags.includes('m')) bits |= RE2JS.MULTILINE
  const re = RE2JS.compile(toRe2Syntax(source), bits)
  return {
    source,
    *matches(text, group) {
      const matcher = re.matcher(text)
      while (matcher.find()) {
        const start = matcher.start()
        const end = matcher.end()
        const g = group === 0 ? [start, end] : [matcher.start(group), matcher.end(group)]
        yield [start, end, g[0] as number, g[1] as number]
      }
    },
    test: (text) => re.matcher(text).find(),
    whole: (text) => re.matcher(text).matches(),
  }
}
