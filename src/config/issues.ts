/**
 * zod's validation issues as people read them: where (`monitor.fields[2]`, `(root)`) and what
 * (`unknown key "slowMS"`, or zod's message). Every validated input (config, ignore file,
 * feedback records, flag overrides) words its errors through this one function.
 */
export interface Problem {
  /** The whole path, dotted, with `[i]` for array items; `(root)` when the value itself is wrong. */
  where: string
  /** The first step of the path: the top-level key or field; '' at the root. */
  key: string
  what: string
}

type Issue = {readonly path: ReadonlyArray<PropertyKey>; readonly message: string; readonly code?: string; readonly keys?: readonly string[]}

function wherePath(steps: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const step of steps) out += typeof step === 'number' ? `[${step}]` : out === '' ? String(step) : `.${String(step)}`
  return out || '(root)'
}

export function problemsOf(issues: ReadonlyArray<Issue>, noun = 'key'): Problem[] {
  return issues.map((issue) => ({
    where: wherePath(issue.path),
    key: issue.path[0] === undefined ? '' : String(issue.path[0]),
    what: issue.code === 'unrecognized_keys' ? `unknown ${noun} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(', ')}` : issue.message,
  }))
}
