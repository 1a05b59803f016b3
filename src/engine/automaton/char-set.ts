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
  const sorted = pairs.length === 1 ? pairs : [...pairs].sort((a, b) => a[0] - b[0])
  const out: number[] = []
  for (let i = 0; i < sorted.length; i++) {
    const [lo, hi] = sorted[i] as readonly [number, number]
    if (lo > hi) continue
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
  constructor(private readonly table: () => Int32Array) {}

  private build(): Map<number, number[]> {
    // One fold per unit in a flat table; groups only for the few folds shared by several units.
    const keys = this.table()
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
    const shared = this.shared
    const pairs: Array<[number, number]> = []
    for (let i = 0; i < set.length; i += 2) {
      const lo = set[i] as number
      const hi = set[i + 1] as number
      pairs.push([lo, hi])
      // The units of the range that share their fold: from the first at or after `lo` (binary search).
      let j = 0
      for (let step = shared.length; step > 0; step >>= 1) while (j + step <= shared.length && (shared[j + step - 1] as number) < lo) j += step
      for (; j < shared.length && (shared[j] as number) <= hi; j++) {
        const group = others.get(shared[j] as number) as number[]
        for (let k = 0; k < group.length; k++) pairs.push([group[k] as number, group[k] as number])
      }
    }

    return setOf(pairs)
  }

  /** The units that fold to `unit`'s fold, `unit` included. */
  of(unit: number): CharSet {
    const others = (this.others ??= this.build()).get(unit)
    return others === undefined ? [unit, unit] : setOf([[unit, unit], ...others.map((u): [number, number] => [u, u])])
  }
}

const BLOCK = 1024

/**
 * What `map` (upper- or lower-casing) makes of each code unit on its own: the unit, or -1 when
 * the result is not one unit ("ß" gives "SS"). Cased a block of units at a time, not one string
 * per unit (65,536 strings would be garbage in every thread); a block whose result is longer
 * than itself is done unit by unit, and so are the surrogates and the one unit whose lower case
 * depends on its neighbours (final sigma).
 */
export function caseTable(map: (text: string) => string): Int32Array {
  const out = new Int32Array(MAX_UNIT + 1)
  const one = (unit: number): number => {
    const mapped = map(String.fromCharCode(unit))
    return mapped.length === 1 ? mapped.charCodeAt(0) : -1
  }

  const units = new Uint16Array(BLOCK)
  for (let base = 0; base <= MAX_UNIT; base += BLOCK) {
    let mapped = ''
    if (base < 0xd800 || base > 0xdfff) {
      for (let k = 0; k < BLOCK; k++) units[k] = base + k
      // `apply` reads the typed array as it is; a spread would step an iterator per unit.
      mapped = map(String.fromCharCode.apply(null, units as unknown as number[]))
    }

    if (mapped.length === BLOCK) for (let k = 0; k < BLOCK; k++) out[base + k] = mapped.charCodeAt(k)
    else for (let k = 0; k < BLOCK; k++) out[base + k] = one(base + k)
  }

  out[0x3a3] = one(0x3a3)
  return out
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
export const regexFolding = new Folding(() => {
  const upper = caseTable((text) => text.toUpperCase())
  for (let unit = 0; unit <= MAX_UNIT; unit++) {
    const folded = upper[unit] as number
    upper[unit] = folded === -1 || (unit >= 128 && folded < 128) ? unit : folded
  }

  return upper
})

/**
 * Units whose lower case (one unit) is the given unit: what `text.toLowerCase().indexOf(k)`
 * finds for a lower-case keyword `k` (a unit whose lower case is longer is left to the caller).
 */
export const lowerFolding = new Folding(() => {
  const lower = caseTable((text) => text.toLowerCase())
  for (let unit = 0; unit <= MAX_UNIT; unit++) if (lower[unit] === -1) lower[unit] = -1 - unit
  return lower
})
