/**
 * Walking a parsed record: the strings (and keys) to scan, and copy-on-write updates that
 * put masked text back. Iterative and depth-limited, so a hostile line of 100,000 nested arrays
 * cannot overflow the stack.
 */
import type {PathStep} from '../config/field-path.js'

/** Deeper records are reported as `too_deep` instead of being walked (JSON.stringify fails near 5,000). */
export const MAX_DEPTH = 200

export class TooDeep extends Error {
  constructor() {
    super(`record nested deeper than ${MAX_DEPTH} levels`)
    this.name = 'TooDeep'
  }
}

export type Key = string | number

/** A concrete location of a text inside a record: a string value, or an object key. */
export interface TextAt {
  /** Display path with concrete indices, e.g. `messages[2].content`; a key is shown as `parent.{key}`. */
  field: string
  /** Path to the value (for a key: to the object holding it). */
  keys: Key[]
  text: string
  isKey?: boolean
}

export function label(keys: readonly Key[]): string {
  let out = ''
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`
  return out
}

function walkPath(value: unknown, steps: readonly PathStep[], i: number, keys: Key[], out: TextAt[]): void {
  if (i === steps.length) {
    if (typeof value === 'string') out.push({field: label(keys), keys: [...keys], text: value})
    return
  }

  const step = steps[i] as PathStep
  if (step.kind === 'key') {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step.key)) {
      keys.push(step.key)
      walkPath((value as Record<string, unknown>)[step.key], steps, i + 1, keys, out)
      keys.pop()
    }

    return
  }

  if (!Array.isArray(value)) return
  const indices = step.kind === 'each' ? value.keys() : [step.index]
  for (const index of indices) {
    if (index >= value.length) continue
    keys.push(index)
    walkPath(value[index], steps, i + 1, keys, out)
    keys.pop()
  }
}

/** Every string found at the given paths, in path order. */
export function textsAt(record: unknown, paths: ReadonlyArray<readonly PathStep[]>): TextAt[] {
  const out: TextAt[] = []
  for (const steps of paths) walkPath(record, steps, 0, [], out)
  return out
}

interface Node {
  value: unknown
  keys: Key[]
  /** The node is an object key (its text is `value`), not a value. */
  isKey?: true
}

/**
 * Every string value and every object key of the record, in document order, except the value
 * fields labelled in `skip`. Throws TooDeep past MAX_DEPTH.
 */
export function allTexts(record: unknown, skip: ReadonlySet<string>): TextAt[] {
  const out: TextAt[] = []
  const stack: Node[] = [{value: record, keys: []}]
  while (stack.length > 0) {
    const {value, keys, isKey} = stack.pop() as Node
    if (isKey) {
      out.push({field: label([...keys, '{key}']), keys, text: value as string, isKey})
      continue
    }

    if (typeof value === 'string') {
      const field = label(keys)
      if (!skip.has(field)) out.push({field, keys, text: value})
      continue
    }

    if (value === null || typeof value !== 'object') continue
    if (keys.length >= MAX_DEPTH) throw new TooDeep()
    const children: Node[] = []
    if (Array.isArray(value)) {
      for (const [i, child] of value.entries()) children.push({value: child, keys: [...keys, i]})
    } else {
      for (const [key, child] of Object.entries(value)) children.push({value: key, keys, isKey: true}, {value: child, keys: [...keys, key]})
    }

    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node)
  }

  return out
}

/** Copy-on-write update: a new record with `value` at `keys`; containers off the path are shared. */
export function setAt(record: unknown, keys: readonly Key[], value: unknown, i = 0): unknown {
  if (i === keys.length) return value
  const key = keys[i] as Key
  if (Array.isArray(record)) {
    const copy = [...record]
    copy[key as number] = setAt(record[key as number], keys, value, i + 1)
    return copy
  }

  const object = record as Record<string, unknown>
  return {...object, [key]: setAt(object[key as string], keys, value, i + 1)}
}

/** Copy-on-write key rename in the object at `keys`, keeping the key order; never overwrites another key. */
export function renameKeyAt(record: unknown, keys: readonly Key[], from: string, to: string): unknown {
  let target = to
  const object = keys.reduce<unknown>((node, key) => (node as Record<Key, unknown>)[key], record) as Record<string, unknown>
  for (let n = 2; target !== from && Object.hasOwn(object, target); n++) target = `${to}#${n}`
  const renamed = Object.fromEntries(Object.entries(object).map(([k, v]) => [k === from ? target : k, v]))
  return setAt(record, keys, renamed)
}
