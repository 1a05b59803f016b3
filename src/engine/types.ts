/** Types of the pure detection engine. Nothing here does IO. */

export type Severity = 'low' | 'medium' | 'high' | 'critical'

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {low: 1, medium: 2, high: 3, critical: 4}

/** What a finding is about. `SECRET` is the only secret type; everything else is personal data. */
export type EntityType =
  | 'EMAIL'
  | 'PHONE'
  | 'CREDIT_CARD'
  | 'US_SSN'
  | 'IBAN'
  | 'IP_ADDRESS'
  | 'SECRET'
  | (string & {})

export type Category = 'pii' | 'secret'

export interface RuleExamples {
  /** Texts that must produce exactly one finding of this rule (the whole text or `value` inside it). */
  match: Array<string | {text: string; value: string}>
  /** Near misses that must produce no finding of this rule, each with the reason. */
  noMatch: Array<{text: string; reason: string}>
}

/** Optional context window: words near the match that make it count. */
export interface RuleContext {
  /** Lower-case words or phrases; one of them must occur in the window before the match. */
  words: string[]
  /** Characters before the match to look in. */
  window: number
}

/** A rule is data: it can live in a config file with the same schema. */
export interface Rule {
  id: string
  type: EntityType
  category: Category
  severity: Severity
  description: string
  /** Cheap prefilter: the rule only runs on texts containing one of these (lower-case) strings. */
  keywords?: string[]
  /** JavaScript regular expression source; the whole match is the finding unless `group` is set. */
  pattern: string
  /** Extra regex flags (`i`, `u`); `g` is always added. */
  flags?: string
  /** Name of a validator in validators.ts that must accept the matched value. */
  validator?: string
  /** If set, the match only counts when one of the context words precedes it. */
  context?: RuleContext
  examples: RuleExamples
}

/** A detection inside one text, before it is given a field name. Holds no value. */
export interface Match {
  rule: string
  type: EntityType
  category: Category
  severity: Severity
  /** UTF-16 index of the first character (JavaScript string index). */
  start: number
  /** UTF-16 index after the last character (exclusive). */
  end: number
}

/** The finding contract shared by every report. */
export interface Finding {
  type: EntityType
  category: Category
  rule: string
  field: string
  start: number
  end: number
  severity: Severity
  masked: string
  /** The raw value: only present when the user asked for `--no-redact`. */
  value?: string
}
