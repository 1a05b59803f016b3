/**
 * A top-level alternation regrouped by the literal character its alternatives start with:
 * `hf_x|hooks|api_|hv` becomes `h(?:f_x|ooks|v)|api_`. The regular expression engine tries the
 * alternatives of a choice one after another at every position of the text; grouped, a position
 * is turned down after one test per first character instead of one per alternative. The
 * regrouped pattern matches the same strings (the same language), though where two alternatives
 * could match at one position a different one may win: use it only where the set of texts with a
 * match is what counts, not the exact spans.
 */

/** The top-level alternatives of a pattern source (none are split inside groups or classes). */
export function alternativesOf(source: string): string[] {
  const out: string[] = []
  let depth = 0
  let inClass = false
  let start = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i))
      start = i + 1
    }
  }

  out.push(source.slice(start))
  return out
}

/** A first character that stands for itself and is not repeated by a quantifier. */
const LITERAL_FIRST = /^[\w"' ,;<>=!@#%&~`-](?![?*+{])/

/** `source` regrouped by first literal character (case-folded when `ignoreCase`); see above. */
export function groupByFirstChar(source: string, ignoreCase: boolean): string {
  // Capturing groups and backreferences are numbered in order: regrouping would renumber them.
  if (/\\[1-9k]|(?:^|[^\\])\((?!\?)/.test(source)) return source
  const alternatives = alternativesOf(source)
  if (alternatives.length < 2) return source
  const groups = new Map<string, string[]>()
  for (const alternative of alternatives) {
    // Case-folded, `a` and `A` start the same strings; an alternative that starts otherwise is its own group.
    const first = LITERAL_FIRST.test(alternative) ? (alternative[0] as string) : undefined
    const key = first === undefined ? `\u0000${alternative}` : ignoreCase ? first.toLowerCase() : first
    let group = groups.get(key)
    if (group === undefined) groups.set(key, (group = []))
    group.push(first === undefined ? alternative : alternative.slice(1))
  }

  return [...groups]
    .map(([key, rests]) => (key.startsWith('\u0000') ? key.slice(1) : rests.length === 1 ? key + rests[0] : `${key}(?:${rests.join('|')})`))
    .join('|')
}
