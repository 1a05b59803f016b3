/**
 * A regex source matching any of a list of literal words, shaped as a trie: "tel", "tele",
 * "telefon" become `tel(?:e(?:fon)?)?`. A flat alternation makes the regex engine try every word
 * at every position of the text; the trie turns a position down after its first character, and
 * tries the longest word first.
 */

interface Node {
  end: boolean
  children: Map<string, Node>
}

const escapeChar = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/-]/, String.raw`\$&`)

/**
 * The trie of `words` as a regex source (non-capturing). `afterFirst` is inserted after the first
 * character of every word, e.g. a lookbehind that checks the character before the word: placed
 * there, the engine only evaluates it where a word can start.
 */
export function trieSource(words: readonly string[], afterFirst = ''): string {
  const root: Node = {end: false, children: new Map()}
  for (const word of words) {
    let node = root
    for (const ch of word) {
      let next = node.children.get(ch)
      if (next === undefined) node.children.set(ch, (next = {end: false, children: new Map()}))
      node = next
    }

    node.end = true
  }

  return branches(root, afterFirst)
}

function branches(node: Node, afterFirst?: string): string {
  const alternatives = [...node.children].map(([ch, child]) => {
    const rest = child.children.size === 0 ? '' : child.end ? `(?:${branches(child)})?` : branches(child)
    return escapeChar(ch) + (afterFirst ?? '') + rest
  })
  return alternatives.length === 1 ? (alternatives[0] as string) : `(?:${alternatives.join('|')})`
}
