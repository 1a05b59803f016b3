/**
 * JavaScript regular expression source (no `u` or `v` flag) read into a small tree of character
 * sets, sequences, alternations and repetitions, for the automaton. Only what has a language
 * without context is read: an assertion (`^`, `$`, `\b`, a lookaround) or a backreference
 * throws `Unsupported`, and the caller keeps JavaScript's engine for that pattern.
 *
 * Repetition counts above `MAX_COUNT` are read as "at least MAX_COUNT" (`x{32}` as `x{16,}`,
 * `x{8,1000}` as `x{8,}`): the language only grows, which is all a prefilter may do, and the
 * automaton stays small.
 */
import {ANY, charOf, DIGIT, negate, NOT_LINE_END, regexFolding, SPACE, union, WORD, type CharSet} from './char-set.js'

export type Node =
  {kind: 'set'; set: CharSet} | {kind: 'seq'; items: Node[]} | {kind: 'alt'; items: Node[]} | {kind: 'rep'; item: Node; min: number; max: number}

export class Unsupported extends Error {}

export const MAX_COUNT = 16

const ESCAPE_SETS: Readonly<Record<string, CharSet>> = {d: DIGIT, D: negate(DIGIT), w: WORD, W: negate(WORD), s: SPACE, S: negate(SPACE)}
const CONTROL: Readonly<Record<string, number>> = {t: 9, n: 10, v: 11, f: 12, r: 13}

class Parser {
  private i = 0
  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation()
    if (this.i < this.source.length) throw new Unsupported(`unexpected "${this.source[this.i]}" at ${this.i}`)
    return node
  }

  private peek(offset = 0): string {
    return this.source[this.i + offset] ?? ''
  }

  private alternation(): Node {
    const items = [this.sequence()]
    while (this.peek() === '|') {
      this.i++
      items.push(this.sequence())
    }

    return items.length === 1 ? (items[0] as Node) : {kind: 'alt', items}
  }

  private sequence(): Node {
    const items: Node[] = []
    while (this.i < this.source.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()))
    return {kind: 'seq', items}
  }

  private quantified(item: Node): Node {
    let min: number
    let max: number
    const c = this.peek()
    if (c === '*' || c === '+' || c === '?') {
      this.i++
      ;[min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1]
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i))
      if (m === null) throw new Unsupported(`a "{" that is not a count at ${this.i}`)
      this.i += m[0].length
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
      if (max < min) throw new Unsupported('a count out of order')
    } else return item
    if (this.peek() === '?') this.i++
    if (this.peek() === '*' || this.peek() === '+' || this.peek() === '?' || this.peek() === '{') throw new Unsupported('a repeated quantifier')
    return {kind: 'rep', item, min: Math.min(min, MAX_COUNT), max: max > MAX_COUNT ? Infinity : max}
  }

  private set(set: CharSet): Node {
    return {kind: 'set', set: this.ignoreCase ? regexFolding.closure(set) : set}
  }

  private atom(): Node {
    const c = this.peek()
    this.i++
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          if (this.peek(1) === ':') this.i += 2
          else if (this.peek(1) === '<' && /[\p{L}$_]/u.test(this.peek(2))) this.i = this.source.indexOf('>', this.i) + 1
          else throw new Unsupported('a lookaround')
        }

        const inner = this.alternation()
        if (this.peek() !== ')') throw new Unsupported('an unclosed group')
        this.i++
        return inner
      }

      case '[': {
        return this.set(this.charClass())
      }

      case '.': {
        return this.set(this.dotAll ? ANY : NOT_LINE_END)
      }

      case '\\': {
        return this.set(this.escape(false))
      }

      case '^':
      case '$': {
        throw new Unsupported('an anchor')
      }

      case ')':
      case '*':
      case '+':
      case '?':
      case '{':
      case '': {
        throw new Unsupported(`unexpected "${c}"`)
      }

      default: {
        return this.set(charOf(c.charCodeAt(0)))
      }
    }
  }

  /** After a backslash: the set it stands for. Inside a class, `\b` is a backspace. */
  private escape(inClass: boolean): CharSet {
    const c = this.peek()
    this.i++
    if (c in ESCAPE_SETS) return ESCAPE_SETS[c] as CharSet
    if (c in CONTROL) return charOf(CONTROL[c] as number)
    if (c === 'b' && inClass) return charOf(8)
    if (c === '0' && !/\d/.test(this.peek())) return charOf(0)
    if (c === 'x' || c === 'u') {
      const length = c === 'x' ? 2 : 4
      const hex = this.source.slice(this.i, this.i + length)
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) throw new Unsupported(`"\\${c}" without its digits`)
      this.i += length
      return charOf(Number.parseInt(hex, 16))
    }

    if (/[\dbBkcpP]/.test(c) || c === '') throw new Unsupported(`"\\${c}"`)
    return charOf(c.charCodeAt(0))
  }

  private charClass(): CharSet {
    const negated = this.peek() === '^'
    if (negated) this.i++
    const parts: CharSet[] = []
    while (this.peek() !== ']') {
      if (this.i >= this.source.length) throw new Unsupported('an unclosed class')
      const from = this.classAtom()
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++
        const to = this.classAtom()
        if (from.length !== 2 || to.length !== 2 || from[0] !== from[1] || to[0] !== to[1]) throw new Unsupported('a range of classes')
        if ((to[0] as number) < (from[0] as number)) throw new Unsupported('a range out of order')
        parts.push([from[0] as number, to[0] as number])
      } else parts.push(from)
    }

    this.i++
    // With `i`, a unit is in the class when its fold is the fold of a member: the fold of the
    // members, then the complement (not the members' complement folded).
    const members = union(...parts)
    const folded = this.ignoreCase ? regexFolding.closure(members) : members
    return negated ? negate(folded) : folded
  }

  private classAtom(): CharSet {
    const c = this.peek()
    this.i++
    return c === '\\' ? this.escape(true) : charOf(c.charCodeAt(0))
  }
}

/** The tree of a pattern; throws Unsupported for what it does not read (see above). */
export function parseRegex(source: string, flags: string): Node {
  if (/[uvy]/.test(flags)) throw new Unsupported(`the flags "${flags}"`)
  return new Parser(source, flags.includes('i'), flags.includes('s')).parse()
}

/** A literal text as a tree, each unit its own set (`units` gives the set for a unit). */
export function literal(text: string, units: (unit: number) => CharSet): Node {
  return {kind: 'seq', items: [...text].flatMap((ch) => [...Array.from({length: ch.length}, (_, k) => ({kind: 'set' as const, set: units(ch.charCodeAt(k))}))])}
}
