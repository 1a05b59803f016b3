/**
 * Many patterns found in one pass over a text: a Thompson automaton of all of them, searched
 * unanchored through a deterministic automaton built lazily (each state the first time the text
 * leads to it, as RE2 and Rust's regex crate do). One table lookup per UTF-16 unit, whatever the
 * number of patterns; at each position it tells which patterns have a match ending there (any
 * start; an empty match is not reported). Code units are mapped to classes first (units no pattern tells apart share one), so
 * the table has a row of a few hundred entries per state.
 *
 * Memory is bounded: past `MAX_STATES` states the table is dropped and rebuilt from the state
 * the search is in, so a hostile text costs time linear in its length, never unbounded memory.
 */
import {MAX_UNIT, type CharSet} from './char-set.js'
import type {Node} from './regex-syntax.js'

/** States kept before the table is dropped: about 2 MB of table for the built-in rules. */
const MAX_STATES = 2048

/**
 * When the lazy automaton gives up: after `states` states made, if it has made more than one per
 * `unitsPerState` units searched. Ordinary logs make about 1,200 states in all, whatever their
 * size; a text built to visit new states (prefixes, digits and separators mixed) would make the
 * search several times slower than the regular expressions it replaces, so the caller goes back
 * to those.
 */
export interface Budget {
  states: number
  unitsPerState: number
}
const BUDGET: Budget = {states: 8192, unitsPerState: 256}

/** The Thompson automaton: a state reads one set (`set >= 0`) or moves without reading (`set = -1`). */
class Nfa {
  readonly set: number[] = []
  readonly next: number[][] = []
  readonly accept: number[] = []
  readonly sets: CharSet[] = []
  private readonly setIds = new Map<string, number>()

  add(set: number, accept = -1): number {
    this.set.push(set)
    this.next.push([])
    this.accept.push(accept)
    return this.set.length - 1
  }

  setId(set: CharSet): number {
    const key = set.join(',')
    let id = this.setIds.get(key)
    if (id === undefined) {
      id = this.sets.length
      this.sets.push(set)
      this.setIds.set(key, id)
    }

    return id
  }

  /** States for `node`: [entry, exit], the exit an empty move left open. */
  build(node: Node): [number, number] {
    switch (node.kind) {
      case 'set': {
        const entry = this.add(this.setId(node.set))
        const exit = this.add(-1)
        this.next[entry]?.push(exit)
        return [entry, exit]
      }

      case 'seq': {
        const entry = this.add(-1)
        let exit = entry
        for (const item of node.items) {
          const [a, b] = this.build(item)
          this.next[exit]?.push(a)
          exit = b
        }

        return [entry, exit]
      }

      case 'alt': {
        const entry = this.add(-1)
        const exit = this.add(-1)
        for (const item of node.items) {
          const [a, b] = this.build(item)
          this.next[entry]?.push(a)
          this.next[b]?.push(exit)
        }

        return [entry, exit]
      }

      case 'rep': {
        const entry = this.add(-1)
        let exit = entry
        for (let k = 0; k < node.min; k++) {
          const [a, b] = this.build(node.item)
          this.next[exit]?.push(a)
          exit = b
        }

        if (node.max === Infinity) {
          const [a, b] = this.build(node.item)
          const end = this.add(-1)
          this.next[exit]?.push(a, end)
          this.next[b]?.push(a, end)
          return [entry, end]
        }

        const end = this.add(-1)
        for (let k = node.min; k < node.max; k++) {
          const [a, b] = this.build(node.item)
          this.next[exit]?.push(a, end)
          exit = b
        }

        this.next[exit]?.push(end)
        return [entry, end]
      }
    }
  }
}

/** Each code unit's class: units in exactly the same sets share one. */
/** Thrown when the patterns need more classes than `MAX_CLASSES`: the caller keeps its own searches. */
export class TooLarge extends Error {}

/** Accepting positions `run` keeps before it hands them to its reader. */
export const READ_AT = 1 << 14

/**
 * Classes at most: a row of the table per state and a byte per set and class. The built-in rules
 * need 212; a config with thousands of distinct characters in its words would need a table of
 * gigabytes, and is searched the way it was before instead.
 */
export const MAX_CLASSES = 1024

function classesOf(sets: readonly CharSet[]): {classOf: Uint16Array; count: number; members: Uint8Array[]} {
  const cuts = new Set<number>([0, MAX_UNIT + 1])
  for (const set of sets) for (let i = 0; i < set.length; i += 2) cuts.add(set[i] as number).add((set[i + 1] as number) + 1)
  const bounds = [...cuts].sort((a, b) => a - b)
  const index = new Map(bounds.map((b, i) => [b, i]))
  // Which sets hold each elementary interval [bounds[k], bounds[k + 1]).
  const holders: number[][] = bounds.map(() => [])
  for (const [id, set] of sets.entries()) {
    for (let i = 0; i < set.length; i += 2) {
      const to = index.get((set[i + 1] as number) + 1) as number
      for (let k = index.get(set[i] as number) as number; k < to; k++) holders[k]?.push(id)
    }
  }

  const classOf = new Uint16Array(MAX_UNIT + 1)
  const byKey = new Map<string, number>()
  const classHolders: number[][] = []
  for (let k = 0; k + 1 < bounds.length; k++) {
    const key = (holders[k] as number[]).join(',')
    let c = byKey.get(key)
    if (c === undefined) {
      c = classHolders.length
      byKey.set(key, c)
      classHolders.push(holders[k] as number[])
    }

    classOf.fill(c, bounds[k], bounds[k + 1])
  }

  if (classHolders.length > MAX_CLASSES) throw new TooLarge(`${classHolders.length} character classes`)
  const members = sets.map(() => new Uint8Array(classHolders.length))
  for (const [c, ids] of classHolders.entries()) for (const id of ids) (members[id] as Uint8Array)[c] = 1
  return {classOf, count: classHolders.length, members}
}

export class MultiMatcher {
  private readonly nfa = new Nfa()
  /** The states every search is in (the start and what it reaches without reading). */
  private readonly startStates: readonly number[]
  private readonly isStart: Uint8Array
  private startNext: Array<readonly number[] | undefined> = []
  private readonly classOf: Uint16Array
  private readonly classCount: number
  /** members[set][class]: the set holds the class. */
  private readonly members: Uint8Array[]
  private readonly closures = new Map<number, readonly number[]>()

  /** Lazily built deterministic states: their NFA states, accepted patterns and transitions. */
  private nfaStates: Array<readonly number[]> = []
  private accepts: Array<Int32Array | undefined> = []
  private readonly acceptFlag: Uint8Array
  private table: Int32Array
  private readonly ids = new Map<string, number>()
  private mark: Uint32Array
  private generation = 0
  /** How often the table was dropped because it was full (for tests and measurements). */
  resets = 0
  /** States made so far, and units searched: a text that keeps making new states is hostile. */
  private built = 0
  private searched = 0
  /** Set once the budget is spent: every later `run` returns -1 at once. */
  gaveUp = false

  /** The end offsets of the last `run`'s accepting positions, and the patterns that end at each. */
  ends = new Int32Array(256)
  readonly endPatterns: Int32Array[] = []

  /** `patterns[i]` is pattern i: `run` reports i where a match of it ends. */
  constructor(
    patterns: readonly Node[],
    private readonly maxStates = MAX_STATES,
    private readonly budget: Budget = BUDGET,
  ) {
    this.acceptFlag = new Uint8Array(maxStates)
    const entry = this.nfa.add(-1)
    for (const [id, pattern] of patterns.entries()) {
      const [a, b] = this.nfa.build(pattern)
      this.nfa.next[entry]?.push(a)
      this.nfa.next[b]?.push(this.nfa.add(-1, id))
    }

    this.startStates = this.closure(entry)
    this.isStart = new Uint8Array(this.nfa.set.length)
    for (const st of this.startStates) this.isStart[st] = 1
    const classes = classesOf(this.nfa.sets)
    this.classOf = classes.classOf
    this.classCount = classes.count
    this.members = classes.members
    this.mark = new Uint32Array(this.nfa.set.length)
    this.table = new Int32Array(64 * this.classCount).fill(-1)
    this.startNext = Array.from({length: this.classCount})
    this.stateOf([])
  }

  /** Number of classes (row length) and of NFA states: sizes, for measurements. */
  get size(): {classes: number; nfaStates: number; dfaStates: number} {
    return {classes: this.classCount, nfaStates: this.nfa.set.length, dfaStates: this.nfaStates.length}
  }

  /** The reading and accepting states reachable from `state` without reading. */
  private closure(state: number): readonly number[] {
    const known = this.closures.get(state)
    if (known !== undefined) return known
    const out: number[] = []
    const seen = new Set<number>([state])
    const stack = [state]
    while (stack.length > 0) {
      const s = stack.pop() as number
      if ((this.nfa.set[s] as number) >= 0 || (this.nfa.accept[s] as number) >= 0) out.push(s)
      if ((this.nfa.set[s] as number) >= 0) continue
      for (const n of this.nfa.next[s] as number[]) {
        if (!seen.has(n)) {
          seen.add(n)
          stack.push(n)
        }
      }
    }

    out.sort((a, b) => a - b)
    this.closures.set(state, out)
    return out
  }

  /** The deterministic state for a sorted list of NFA states, made if new. */
  private stateOf(states: readonly number[]): number {
    const key = states.join(',')
    const known = this.ids.get(key)
    if (known !== undefined) return known
    const id = this.nfaStates.length
    this.built++
    this.ids.set(key, id)
    this.nfaStates.push(states)
    const accepted = states.map((s) => this.nfa.accept[s] as number).filter((p) => p >= 0)
    this.accepts.push(accepted.length > 0 ? Int32Array.from(new Set(accepted)) : undefined)
    this.acceptFlag[id] = accepted.length > 0 ? 1 : 0
    if ((id + 1) * this.classCount > this.table.length) {
      const grown = new Int32Array(Math.min(this.maxStates, 2 * (id + 1)) * this.classCount).fill(-1)
      grown.set(this.table)
      this.table = grown
    }

    return id
  }

  /** Where the start states go on a unit of class `c` (the same from every state): made once per class. */
  private fromStart(c: number): readonly number[] {
    let next = this.startNext[c]
    if (next === undefined) {
      const out = new Set<number>()
      for (const s of this.startStates) {
        const set = this.nfa.set[s] as number
        if (set >= 0 && (this.members[set] as Uint8Array)[c] === 1) for (const t of this.closure((this.nfa.next[s] as number[])[0] as number)) out.add(t)
      }

      this.startNext[c] = next = [...out]
    }

    return next
  }

  /**
   * The state after `from` reads a unit of class `c`. The search is unanchored, so the start
   * states are in every state: a state lists only the others, and the start's moves are made
   * once per class (`fromStart`), which keeps a step short however many patterns there are.
   */
  private step(from: number, c: number): number {
    if (++this.generation === 0xffffffff) {
      this.mark.fill(0)
      this.generation = 1
    }

    const gen = this.generation
    const next: number[] = []
    const take = (states: readonly number[]): void => {
      for (const s of states) {
        // Reading states of the start are implied; an accepting one reached by reading is a non-empty match.
        if (this.mark[s] !== gen && (this.isStart[s] === 0 || (this.nfa.set[s] as number) < 0)) {
          this.mark[s] = gen
          next.push(s)
        }
      }
    }

    take(this.fromStart(c))
    for (const s of this.nfaStates[from] as readonly number[]) {
      const set = this.nfa.set[s] as number
      if (set >= 0 && (this.members[set] as Uint8Array)[c] === 1) take(this.closure((this.nfa.next[s] as number[])[0] as number))
    }

    next.sort((a, b) => a - b)
    if (!this.ids.has(next.join(',')) && this.nfaStates.length >= this.maxStates) {
      // Full: start over with only the start state and the one the search moves to.
      this.resets++
      this.nfaStates = []
      this.accepts = []
      this.ids.clear()
      this.table.fill(-1)
      this.stateOf([])
      return this.stateOf(next)
    }

    const to = this.stateOf(next)
    this.table[from * this.classCount + c] = this.entry(to)
    return to
  }

  /**
   * A state as the table holds it: its row's offset, or for a state that accepts, the offset
   * negated and less 2 (-1 is a transition not made yet). The search then needs one load and
   * one test per unit, and a multiplication only where something accepts.
   */
  private entry(state: number): number {
    const row = state * this.classCount
    return this.acceptFlag[state] === 1 ? -row - 2 : row
  }

  /**
   * Search `text`; returns how many positions accept: their end offsets are `ends[0..n)`, the
   * patterns with a match ending there `endPatterns[0..n)`. Returns -1 once the budget is spent
   * (`gaveUp`): the caller searches another way, and drops what `read` was given. With `read`,
   * the buffers hold at most READ_AT positions: each time they are full, `read(n)` takes them and
   * the count starts again (a 12 MB line of digits held 12 million, 150 MB).
   */
  run(text: string, read?: (n: number) => void): number {
    if (this.gaveUp) return -1
    // A very long line may have grown the buffers: they go back to their first size.
    if (this.ends.length > 1 << 16) {
      this.ends = new Int32Array(256)
      this.endPatterns.length = 0
    }

    const {classOf, classCount} = this
    let table = this.table
    let row = 0
    let n = 0
    for (let i = 0; i < text.length; i++) {
      const c = classOf[text.charCodeAt(i)] as number
      let next = table[row + c] as number
      if (next >= 0) {
        row = next
        continue
      }

      if (next === -1) {
        if (this.built > this.budget.states && this.built * this.budget.unitsPerState > this.searched + i) {
          this.gaveUp = true
          return -1
        }

        next = this.entry(this.step(row / classCount, c))
        table = this.table
        if (next >= 0) {
          row = next
          continue
        }
      }

      row = -next - 2
      if (n === this.ends.length) {
        if (read !== undefined && n >= READ_AT) {
          read(n)
          n = 0
        } else this.grow()
      }

      this.ends[n] = i + 1
      this.endPatterns[n] = this.accepts[row / classCount] as Int32Array
      n++
    }

    this.searched += text.length
    return n
  }

  private grow(): void {
    const ends = new Int32Array(this.ends.length * 2)
    ends.set(this.ends)
    this.ends = ends
  }
}
