/**
 * Sets of UTF-16 code units as sorted, disjoint, inclusive ranges `[lo0, hi0, lo1, hi1, ...]`,
 * and the case folding of JavaScript's regular expressions (without the `u` flag) and of
 * `String.prototype.toLowerCase`, so that a set can say exactly which characters a pattern
 * written with the `i` flag, or a keyword looked up in lower-cased text, accepts.
 */
export type CharSet = readonly number[]

export const MAX_UNIT = 0xffff

/** Sorted and merged ranges from any list of [lo, hi] pairs. */
export function setOf(pairs: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...pairs].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0])
  const out: number[] = []
  for (const [lo, hi] of sorted) {
    const last = out.length - 1
    if (last > 0 && lo <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, hi)
    else out.push(lo, hi)
  }

  return out
}

export const charOf = (unit: number): CharSet => [unit, unit]

export function union(...sets: CharSet[]): CharSet {
  const pairs: Array<[number, number]> = []
  for (const set of sets) for (let i = 0; i < set.length; i += 2) pairs.push([set[i] as number, set[i + 1] as number])
  return setOf(pairs)
}

export function negate(set: CharSet): CharSet {
  const out: number[] = []
  let next = 0
  for (let i = 0; i < set.length; i += 2) {
    if ((set[i] as number) > next) out.push(next, (set[i] as number) - 1)
    next = (set[i + 1] as number) + 1
  }

  if (next <= MAX_UNIT) out.push(next, MAX_UNIT)
  return out
}

export function has(set: CharSet, unit: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (unit < (set[i] as number)) return false
    if (unit <= (set[i + 1] as number)) return true
  }

  return false
}

/** `\d`, `\w` and `\s` as JavaScript defines them (without the `u` flag). */
export const DIGIT: CharSet = [0x30, 0x39]
export const WORD: CharSet = setOf([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
])
export const SPACE: CharSet = setOf([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
])
/** What `.` matches without the `s` flag: everything but line terminators. */
export const NOT_LINE_END: CharSet = negate(
  setOf([
    [0x0a, 0x0a],
    [0x0d, 0x0d],
    [0x2028, 0x2029],
  ]),
)
export const ANY: CharSet = [0, MAX_UNIT]

/** Groups of code units that a fold maps to the same unit: built once, on first use. */
class Folding {
  /** For each unit that shares its fold with another, the others; units in sorted order. */
  private others: Map<number, number[]> | undefined
  private shared: number[] = []
  constructor(private readonly fold: (unit: number) => number) {}

  private build(): Map<number, number[]> {
    // One fold per unit in a flat table; groups only for the few folds shared by several units.
    const keys = new Int32Array(MAX_UNIT + 1)
    for (let unit = 0; unit <= MAX_UNIT; unit++) keys[unit] = this.fold(unit)
    const groups = new Map<number, number[]>()
    for (let unit = 0; unit <= MAX_UNIT; unit++) {
      const key = keys[unit] as number
      if (key === unit) continue
      let group = groups.get(key)
      if (group === undefined) groups.set(key, (group = key >= 0 && key <= MAX_UNIT && keys[key] === key ? [key] : []))
      group.push(unit)
    }

    const others = new Map<number, number[]>()
    for (const group of groups.values())
      if (group.length > 1)
        for (const unit of group)
          others.set(
            unit,
            group.filter((u) => u !== unit),
          )
    this.shared = [...others.keys()].sort((a, b) => a - b)
    return others
  }

  /** Every unit x with fold(x) equal to fold(y) for some y in `set`. */
  closure(set: CharSet): CharSet {
    const others = (this.others ??= this.build())
    const pairs: Array<[number, number]> = []
    for (let i = 0; i < set.length; i += 2) pairs.push([set[i] as number, set[i + 1] as number])
    // Walk the set's ranges and the units that share a fold together (both sorted).
    let r = 0
    for (const unit of this.shared) {
      while (r < set.length && (set[r + 1] as number) < unit) r += 2
      if (r >= set.length) break
      if (unit >= (set[r] as number)) for (const other of others.get(unit) as number[]) pairs.push([other, other])
    }

    return setOf(pairs)
  }

  /** The units that fold to `unit`'s fold, `unit` included. */
  of(unit: number): CharSet {
    const others = (this.others ??= this.build()).get(unit)
    return others === undefined ? [unit, unit] : setOf([[unit, unit], ...others.map((u): [number, number] => [u, u])])
  }
}

/**
 * The `i` flag without `u` (ECMA-262 Canonicalize): a unit is upper-cased when that gives one
 * unit, unless it would turn a non-ASCII unit into an ASCII one.
 */
export function canonicalize(unit: number): number {
  const upper = String.fromCharCode(unit).toUpperCase()
  if (upper.length !== 1) return unit
  const folded = upper.charCodeAt(0)
  return unit >= 128 && folded < 128 ? unit : folded
}

/** What a pattern with the `i` flag accepts for a set. */
export const regexFolding = new Folding(canonicalize)

/**
 * Units whose lower case (one unit) is the given unit: what `text.toLowerCase().indexOf(k)`
 * finds for a lower-case keyword `k` (a unit whose lower case is longer is left to the caller).
 */
export const lowerFolding = new Folding((unit) => {
  const lower = String.fromCharCode(unit).toLowerCase()
  return lower.length === 1 ? lower.charCodeAt(0) : -1 - unit
})
