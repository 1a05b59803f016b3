/**
 * "Did you mean": the known name closest to a mistyped one, by edit distance (Damerau-
 * Levenshtein with adjacent swaps, so `monitr`, `moniotr` and `--formt` are one edit away).
 * Pure; the commands' flags and the CLI's command ids are passed in.
 */

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1
  // One flat table of (a.length + 1) x (b.length + 1) cells; `at(i, j)` reads a cell.
  const table = new Array<number>((a.length + 1) * width).fill(0)
  const at = (i: number, j: number): number => table[i * width + j] ?? 0
  for (let i = 0; i <= a.length; i++) table[i * width] = i
  for (let j = 0; j <= b.length; j++) table[j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      table[i * width + j] = best
    }
  }

  return at(a.length, b.length)
}

/**
 * The candidate closest to `typed`, if it is close enough to be what was meant: at most a third
 * of the typed length in edits (at least 1, at most 3), or a candidate that starts with it.
 * Ties go to the candidate listed first.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const input = typed.toLowerCase()
  const budget = Math.min(3, Math.max(1, Math.floor(input.length / 3)))
  let best: {name: string; distance: number} | undefined
  for (const name of candidates) {
    const distance = editDistance(input, name.toLowerCase())
    if (distance <= budget && (best === undefined || distance < best.distance)) best = {name, distance}
  }

  return best?.name ?? (input.length >= 3 ? candidates.find((name) => name.toLowerCase().startsWith(input)) : undefined)
}
