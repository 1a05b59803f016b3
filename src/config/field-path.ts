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
