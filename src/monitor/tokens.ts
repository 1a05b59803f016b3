/**
 * Tokens an interaction used, when its record says: a total, else input plus output, in the
 * shapes chat APIs and common log formats write them. Read from the record as printed (a field
 * that held a finding is a mask, not a number, and gives no count).
 */

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined)

/** `[input, output]` pairs, tried in order after the totals. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['tokens_in', 'tokens_out'],
  ['input_tokens', 'output_tokens'],
  ['prompt_tokens', 'completion_tokens'],
]
const TOTALS = ['total_tokens', 'tokens']

function fromObject(o: Record<string, unknown>): number | undefined {
  for (const name of TOTALS) {
    const n = count(o[name])
    if (n !== undefined) return n
  }

  for (const [input, output] of PAIRS) {
    const a = count(o[input])
    const b = count(o[output])
    if (a !== undefined || b !== undefined) return (a ?? 0) + (b ?? 0)
  }

  return undefined
}

/** The record's token count: top-level fields, else those of its `usage` object; undefined when it gives none. */
export function tokensOf(record: unknown): number | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined
  const o = record as Record<string, unknown>
  const own = fromObject(o)
  if (own !== undefined) return own
  const {usage} = o
  return usage !== null && typeof usage === 'object' && !Array.isArray(usage) ? fromObject(usage as Record<string, unknown>) : undefined
}

/**
 * Tokens of one output record: a recognised log shape's `tokens_in` + `tokens_out` (read where
 * that shape keeps them, docs/monitoring.md#log-shapes), else what the record itself says.
 */
export function recordTokens(record: {tokens_in?: number | null; tokens_out?: number | null; original_interaction: unknown}): number | undefined {
  const {tokens_in: input, tokens_out: output} = record
  if (typeof input === 'number' || typeof output === 'number') return (input ?? 0) + (output ?? 0)
  return tokensOf(record.original_interaction)
}
