/**
 * What --explain-schema says about one line: which shape it was read as and why, and where each
 * fact came from. Names and paths only: never a value of the line.
 */

/** Where one fact of the output line came from. */
export interface FactSource {
  /** The output field: `interaction_id`, `latency_ms`, `model`, `error`, `group`... */
  fact: string
  /** The path it was read from (`response.usage.prompt_tokens`), or null when the line has none. */
  from: string | null
  /** `shape`: where the shape keeps it; `config`: one of the config's field lists; `none`. */
  by: 'shape' | 'config' | 'none'
}

export interface Explanation {
  file: string
  line: number
  /** The shape the line was read as, or null when it is not a JSON object. */
  schema: string | null
  /** Why: the keys that made `auto` choose it, `forced (--schema)`, or why the line is unusable. */
  how: string
  facts: FactSource[]
  /** The functional error kinds of the line's output record. */
  errors: string[]
  /** otel-genai: the GenAI spans of the line. */
  spans?: number
}
