/**
 * Paths to text fields inside a record: `bot_response`, `response.text`, `messages[].content`,
 * `choices[0].message.content`. `[]` means every element of an array.
 */

export type PathStep = {kind: 'key'; key: string} | {kind: 'each'} | {kind: 'index'; index: number}

const SEGMENT = /^([^.[\]]+)((?:\[\d*\])*)$/

/** Parse a field path; returns an error message instead of throwing. */
export function parseFieldPath(path: string): PathStep[] | string {
  if (path.trim() === '') return 'a field path must not be empty'
  const steps: PathStep[] = []
  for (const segment of path.split('.')) {
    const m = SEGMENT.exec(segment)
    if (m === null) return `invalid field path "${path}": use names, dots and [] (e.g. messages[].content)`
    steps.push({kind: 'key', key: m[1] as string})
    for (const bracket of (m[2] ?? '').match(/\[\d*\]/g) ?? []) {
      steps.push(bracket === '[]' ? {kind: 'each'} : {kind: 'index', index: Number(bracket.slice(1, -1))})
    }
  }

  return steps
}

/** A concrete location of a text inside a record. */
export interface TextAt {
  /** Display path with concrete indices, e.g. `messages[2].content`. */
  field: string
  keys: Array<string | number>
  text: string
}

function label(keys: ReadonlyArray<string | number>): string {
  let out = ''
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`
  return out
}

function walk(value: unknown, steps: readonly PathStep[], i: number, keys: Array<string | number>, out: TextAt[]): void {
  if (i === steps.length) {
    if (typeof value === 'string') out.push({field: label(keys), keys: [...keys], text: value})
    return
  }

  const step = steps[i] as PathStep
  if (step.kind === 'key') {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step.key)) {
      keys.push(step.key)
      walk((value as Record<string, unknown>)[step.key], steps, i + 1, keys, out)
      keys.pop()
    }

    return
  }

  if (!Array.isArray(value)) return
  const indices = step.kind === 'each' ? value.keys() : [step.index]
  for (const index of indices) {
    if (index >= value.length) continue
    keys.push(index)
    walk(value[index], steps, i + 1, keys, out)
    keys.pop()
  }
}

function walkAll(value: unknown, keys: Array<string | number>, skip: ReadonlySet<string>, out: TextAt[]): void {
  if (typeof value === 'string') {
    const field = label(keys)
    if (!skip.has(field)) out.push({field, keys: [...keys], text: value})
    return
  }

  if (value === null || typeof value !== 'object') return
  const entries: Iterable<[string | number, unknown]> = Array.isArray(value) ? value.entries() : Object.entries(value)
  for (const [key, child] of entries) {
    keys.push(key)
    walkAll(child, keys, skip, out)
    keys.pop()
  }
}

/** Every string in the record, in document order, except the fields labelled in `skip`. */
export function allTexts(record: unknown, skip: ReadonlySet<string>): TextAt[] {
  const out: TextAt[] = []
  walkAll(record, [], skip, out)
  return out
}

/** Every string found at the given paths, in path order. */
export function textsAt(record: unknown, paths: ReadonlyArray<readonly PathStep[]>): TextAt[] {
  const out: TextAt[] = []
  for (const steps of paths) walk(record, steps, 0, [], out)
  return out
}

/** Copy-on-write update: a new record with `value` at `keys`; containers off the path are shared. */
export function setAt(record: unknown, keys: ReadonlyArray<string | number>, value: unknown, i = 0): unknown {
  if (i === keys.length) return value
  const key = keys[i] as string | number
  if (Array.isArray(record)) {
    const copy = [...record]
    copy[key as number] = setAt(record[key as number], keys, value, i + 1)
    return copy
  }

  const object = record as Record<string, unknown>
  return {...object, [key]: setAt(object[key as string], keys, value, i + 1)}
}
