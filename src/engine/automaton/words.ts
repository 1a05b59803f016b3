/**
 * Context words found by the automaton: as a scan reads them, whole words in any case, in a
 * value read whole or a field name split at camelCase (`wordsOf`). The automaton matches a word
 * in the unsplit text, so "TeLePhOnE" is found as a value's scan finds it, and accepts the
 * boundary `wordsOf` splits at; a space in a word is optional, for the one `wordsOf` puts into
 * `textMe`. Both only add occurrences: what it finds is a superset of what the word regex finds.
 */
import {regexFolding} from './char-set.js'
import {MultiMatcher} from './multi-matcher.js'
import type {Node} from './regex-syntax.js'

/** What is needed to check where an occurrence of a word starts. */
export interface WordShape {
  length: number
  /** Spaces in the word (each may be missing in the text). */
  spaces: number
  /** The word regex checks the unit before a word from after its first character (a code point). */
  checkStart: boolean
}

const isLetter = (u: number): boolean => (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7a
const isLower = (u: number): boolean => u >= 0x61 && u <= 0x7a
const isUpper = (u: number): boolean => u >= 0x41 && u <= 0x5a

/** A lower-case word as a pattern: each unit case-folded as the `i` flag does, each space optional. */
export function wordPattern(word: string): Node {
  const items: Node[] = []
  for (let k = 0; k < word.length; k++) {
    const unit = word.charCodeAt(k)
    const set: Node = {kind: 'set', set: regexFolding.of(unit)}
    items.push(unit === 0x20 ? {kind: 'rep', item: set, min: 0, max: 1} : set)
  }

  return {kind: 'seq', items}
}

export function wordShape(word: string): WordShape {
  return {length: word.length, spaces: word.split(' ').length - 1, checkStart: (word.codePointAt(0) as number) <= 0xffff}
}

/**
 * The word that ends at `end` stands as a whole word: no letter next to it, or the boundary
 * `wordsOf` splits at (a lower-case letter, then an upper-case one).
 */
export function wordAt(text: string, end: number, shape: WordShape): boolean {
  const after = text.charCodeAt(end)
  const endOk = end === text.length || !isLetter(after) || (isLower(text.charCodeAt(end - 1)) && isUpper(after))
  if (!endOk) return false
  if (!shape.checkStart) return true
  for (let skipped = 0; skipped <= shape.spaces; skipped++) {
    const start = end - shape.length + skipped
    if (start <= 0) return true
    const before = text.charCodeAt(start - 1)
    if (!isLetter(before) || (isLower(before) && isUpper(text.charCodeAt(start)))) return true
  }

  return false
}

/**
 * A value reads its field's name as "name: value". A word with a ":" or that starts with a space
 * ("emp:", " ") can stand across that joint, which a line spells `"name":"`: no search of the
 * line can rule such a list out.
 */
export function joinsKeyAndValue(words: readonly string[]): boolean {
  return words.some((w) => w.includes(':') || /^\s/.test(w))
}

/** One list of context words, searched in one pass (a superset of its word regex's matches). */
export class WordFinder {
  private readonly matcher: MultiMatcher
  private readonly shapes: WordShape[]

  constructor(words: readonly string[]) {
    this.matcher = new MultiMatcher(words.map(wordPattern))
    this.shapes = words.map(wordShape)
  }

  /**
   * Some word of the list may stand in `text` (never false where the word regex finds one; true
   * when the automaton gave up, see `Budget`).
   */
  occursIn(text: string): boolean {
    let found = false
    const read = (n: number): void => {
      const {ends, endPatterns} = this.matcher
      for (let k = 0; k < n && !found; k++) {
        for (const id of endPatterns[k] as Int32Array) if (wordAt(text, ends[k] as number, this.shapes[id] as WordShape)) found = true
      }
    }

    const n = this.matcher.run(text, read)
    if (n < 0) return true
    read(n)
    return found
  }
}
