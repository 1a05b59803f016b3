/**
 * zod's validation issues as people read them: where (`monitor.fields[2]`, `(root)`) and what
 * (`unknown key "slowMS"`, `must be a number, not a string`: zod's own wording is never shown). Every validated input (config, ignore file,
 * feedback records, flag overrides) words its errors through this one function.
 */
export interface Problem {
  /** The whole path, dotted, with `[i]` for array items; `(root)` when the value itself is wrong. */
  where: string
  /** The first step of the path: the top-level key or field; '' at the root. */
  key: string
  what: string
}

/** A zod issue, or one made by hand: what `problemsOf` reads of it. */
export type Issue = {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
  readonly code?: string
  readonly keys?: readonly string[]
  readonly expected?: string
  readonly values?: readonly unknown[]
  readonly origin?: string
  readonly minimum?: number | bigint
  readonly maximum?: number | bigint
  readonly inclusive?: boolean
  readonly format?: string
  readonly errors?: ReadonlyArray<ReadonlyArray<{readonly code?: string; readonly expected?: string}>>
}

const KIND: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (JSON array)',
  object: 'an object',
  null: 'null',
}

const kind = (expected: string): string => KIND[expected] ?? expected

/** What a value is, in words; never the value itself (it may be personal data). */
function described(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a number with a fraction'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return kind(typeof value)
}

function valueAt(input: unknown, steps: ReadonlyArray<PropertyKey>): unknown {
  let value = input
  for (const step of steps) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined
  return value
}

/** zod's own wording ("Invalid input: expected string, received number"); messages written here are kept. */
const ZOD_DEFAULT = /^(Invalid (input|option|string|key|element|value)|Too (small|big)|Unrecognized key)/

function size(issue: Issue, bound: number | bigint, direction: 'least' | 'most'): string {
  const n = Number(bound)
  const strict = issue.inclusive === false
  if (issue.origin === 'string')
    return direction === 'least' && n === 1
      ? 'must not be empty'
      : `must have at ${direction} ${n + (strict ? (direction === 'least' ? 1 : -1) : 0)} characters`
  if (issue.origin === 'array' || issue.origin === 'set')
    return direction === 'least' && n === 1 ? 'must not be an empty list' : `must have at ${direction} ${n} items`
  return strict ? `must be ${direction === 'least' ? 'greater' : 'less'} than ${n}` : `must be at ${direction} ${n}`
}

/** One issue in words that name what was expected and what was given (its type, never its text). */
function worded(issue: Issue, input: unknown): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message
  const given = valueAt(input, issue.path)
  const got = input === undefined ? '' : given === undefined ? ', but it is missing' : `, not ${described(given)}`
  switch (issue.code) {
    case 'invalid_type': {
      return issue.expected === undefined ? issue.message : `must be ${kind(issue.expected)}${got}`
    }

    case 'invalid_value': {
      const values = (issue.values ?? []).map((v) => JSON.stringify(v))
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`
    }

    case 'invalid_union': {
      const expected = [...new Set((issue.errors ?? []).flatMap((branch) => branch.map((e) => e.expected)).filter((e) => e !== undefined))]
      return expected.length === 0 ? 'has a value of the wrong kind' : `must be ${expected.map(kind).join(' or ')}${got}`
    }

    case 'too_small': {
      return issue.minimum === undefined ? issue.message : size(issue, issue.minimum, 'least')
    }

    case 'too_big': {
      return issue.maximum === undefined ? issue.message : size(issue, issue.maximum, 'most')
    }

    case 'invalid_format': {
      return issue.format === 'regex' ? 'does not have the expected form' : `must be a valid ${issue.format ?? 'value'}`
    }

    default: {
      return issue.message
    }
  }
}

function wherePath(steps: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const step of steps) out += typeof step === 'number' ? `[${step}]` : out === '' ? String(step) : `.${String(step)}`
  return out || '(root)'
}

/** `input`, when given, is the value that was validated: a problem then says what kind of value it found. */
export function problemsOf(issues: ReadonlyArray<Issue>, noun = 'key', input?: unknown): Problem[] {
  return issues.map((issue) => ({
    where: wherePath(issue.path),
    key: issue.path[0] === undefined ? '' : String(issue.path[0]),
    what: issue.code === 'unrecognized_keys' ? `unknown ${noun} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(', ')}` : worded(issue, input),
  }))
}
