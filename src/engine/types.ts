/** Types of the pure detection engine. Nothing here does IO. */

export type Severity = 'low' | 'medium' | 'high' | 'critical'

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {low: 1, medium: 2, high: 3, critical: 4}

/** What a finding is about. `SECRET` is the only secret type; everything else is personal data. */
export type EntityType = 'EMAIL' | 'PHONE' | 'CREDIT_CARD' | 'US_SSN' | 'IBAN' | 'IP_ADDRESS' | 'SECRET' | (string & {})

export type Category = 'pii' | 'secret'

/** Organisation values that look like PII but are public on purpose (a support address). */
export interface Allowlist {
  /** Exact values, compared case-insensitively. */
  values?: string[]
  /** E-mail domains whose addresses are allowed (subdomains too). */
  emailDomains?: string[]
  /** Regular expressions a whole value must match to be allowed. */
  patterns?: string[]
}

export interface RuleExamples {
  /**
   * Texts that must produce exactly one finding of this rule (the whole text or `value` inside
   * it); `key` is the name of the field that holds the text, for rules that read it as context.
   */
  match: Array<string | {text: string; value: string; key?: string}>
  /** Near misses that must produce no finding of this rule, each with the reason. */
  noMatch: Array<{text: string; reason: string; key?: string}>
}

/** Words near a match that change how much it is believed (Presidio's context enhancer). */
export interface RuleContext {
  /** Lower-case words or phrases, matched as whole words. */
  words: string[]
  /** Characters before the match to look in. */
  window: number
  /** Characters after the match to look in (default 0). */
  after?: number
}

/** A rule is data: it can live in a config file with the same schema. */
export interface Rule {
  id: string
  type: EntityType
  category: Category
  severity: Severity
  description: string
  /**
   * Cheap prefilter: the rule only runs on texts containing one of these strings (case-sensitive,
   * unless the rule has the `i` flag). Worth it when the pattern is costly (no literal start).
   */
  keywords?: string[]
  /**
   * A regular expression that must match somewhere in the text before the rule runs. Rules with
   * the same prefilter share one evaluation per text (e.g. "nine digits close together").
   */
  prefilter?: string
  /**
   * With a prefilter: run the rule only on the text around each prefilter hit, this many
   * characters on each side. It must cover any part of a match outside the hit (a `+` and an
   * extension around the digits of a phone). Without it, a hit lets the rule scan the whole text.
   */
  prefilterWindow?: number
  /** JavaScript regular expression source; the whole match is the finding unless `group` is set. */
  pattern: string
  /** Extra regex flags (`i`, `u`, `m`, `s`); `g` is always added. */
  flags?: string
  /** Capture group that holds the value (e.g. the value of `api_key=...`); default: the whole match. */
  group?: number
  /** Name of a validator in validators.ts that must accept the value. */
  validator?: string
  /** Base confidence in [0, 1]; default 0.8. Findings below the engine's minimum (0.5) are dropped. */
  confidence?: number
  /** Context words that raise the confidence (by `boost`, default 0.3). */
  context?: RuleContext & {boost?: number}
  /** Context words that lower it (by `penalty`, default 0.5): "version 10.0.0.1" is no address. */
  negativeContext?: RuleContext & {penalty?: number}
  examples: RuleExamples
}

/** A detection inside one text, before it is given a field name. */
export interface Match {
  rule: string
  type: EntityType
  category: Category
  severity: Severity
  /** How much the engine believes it, in [0, 1], after context. */
  confidence: number
  /** UTF-16 index of the first character (JavaScript string index). */
  start: number
  /** UTF-16 index after the last character (exclusive). */
  end: number
  /**
   * The value as the rules saw it (normalised: no zero-width characters, plain digits and `@`):
   * what validators, the allowlist, masks and hashes are computed from. Never leaves the engine
   * in a finding unless the user asked for `--no-redact`.
   */
  value: string
}
