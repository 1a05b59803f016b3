import type {Allowlist, Category, EntityType, Rule, RuleContext, Severity} from './types.js'
import {getValidator, type Validator} from './validators.js'

export interface CompiledContext {
  regex: RegExp
  window: number
  after: number
  /** Added to (boost) or subtracted from (penalty) the confidence when a word is present. */
  delta: number
}

export interface CompiledRule {
  id: string
  type: EntityType
  category: Category
  severity: Severity
  regex: RegExp
  group: number
  keywords: string[] | undefined
  /** The rule is case-insensitive, so keywords are looked up in the lower-cased text. */
  keywordsIgnoreCase: boolean
  /** Index into RuleSet.prefilters, or -1. */
  prefilter: number
  /** Characters around each prefilter hit to scan, or -1 to scan the whole text. */
  window: number
  validator: Validator | undefined
  confidence: number
  context: CompiledContext | undefined
  negativeContext: CompiledContext | undefined
}

export interface CompiledAllowlist {
  values: ReadonlySet<string>
  emailDomains: readonly string[]
  patterns: readonly RegExp[]
}

export interface RuleSet {
  rules: CompiledRule[]
  /** Distinct prefilters, each evaluated at most once per text. */
  prefilters: RegExp[]
  allowlist: CompiledAllowlist | undefined
  minConfidence: number
}

export interface CompileOptions {
  allowlist?: Allowlist
  /** Matches below this confidence are dropped (default 0.5). */
  minConfidence?: number
}

/** A rule that cannot be compiled: the message names the rule and what is wrong with it. */
export class RuleCompileError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(`rule ${ruleId}: ${message}`)
    this.name = 'RuleCompileError'
  }
}

const escapeRegExp = (text: string): string => text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)

function compileRegex(id: string, pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    throw new RuleCompileError(id, `invalid pattern: ${(error as Error).message}`)
  }
}

function compileContext(context: RuleContext | undefined, delta: number): CompiledContext | undefined {
  if (context === undefined || context.words.length === 0) return undefined
  const words = context.words.map((w) => escapeRegExp(w.toLowerCase())).join('|')
  // Whole words only: "tel" must not fire inside "hotel".
  return {regex: new RegExp(String.raw`(?<![a-z])(?:${words})(?![a-z])`), window: context.window, after: context.after ?? 0, delta}
}

function compileOne(rule: Rule, prefilters: Map<string, number>): CompiledRule {
  const flags = new Set([...(rule.flags ?? ''), 'g'])
  if (flags.has('y')) throw new RuleCompileError(rule.id, 'the sticky flag "y" is not supported')
  if (rule.group !== undefined) flags.add('d')
  const regex = compileRegex(rule.id, rule.pattern, [...flags].join(''))
  if (regex.test('')) throw new RuleCompileError(rule.id, 'pattern matches the empty string')
  regex.lastIndex = 0

  let validator: Validator | undefined
  if (rule.validator !== undefined) {
    validator = getValidator(rule.validator)
    if (validator === undefined) throw new RuleCompileError(rule.id, `unknown validator "${rule.validator}"`)
  }

  const confidence = rule.confidence ?? 0.8
  if (!(confidence >= 0 && confidence <= 1)) throw new RuleCompileError(rule.id, 'confidence must be between 0 and 1')
  return {
    id: rule.id,
    type: rule.type,
    category: rule.category,
    severity: rule.severity,
    regex,
    group: rule.group ?? 0,
    keywords: rule.keywords?.length ? rule.keywords.map((k) => (flags.has('i') ? k.toLowerCase() : k)) : undefined,
    keywordsIgnoreCase: flags.has('i'),
    prefilter: rule.prefilter === undefined ? -1 : prefilterIndex(rule, prefilters),
    window: rule.prefilter === undefined ? -1 : (rule.prefilterWindow ?? -1),
    validator,
    confidence,
    context: compileContext(rule.context, rule.context?.boost ?? 0.3),
    negativeContext: compileContext(rule.negativeContext, -(rule.negativeContext?.penalty ?? 0.5)),
  }
}

function prefilterIndex(rule: Rule, prefilters: Map<string, number>): number {
  const source = rule.prefilter as string
  if (!prefilters.has(source)) {
    compileRegex(rule.id, source, '')
    prefilters.set(source, prefilters.size)
  }

  return prefilters.get(source) as number
}

function compileAllowlist(allowlist: Allowlist | undefined): CompiledAllowlist | undefined {
  if (allowlist === undefined) return undefined
  const patterns = (allowlist.patterns ?? []).map((p, i) => compileRegex(`allowlist.patterns[${i}]`, `^(?:${p})$`, 'i'))
  return {
    values: new Set((allowlist.values ?? []).map((v) => v.toLowerCase())),
    emailDomains: (allowlist.emailDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, '')),
    patterns,
  }
}

/** Turn rules (data) into a rule set ready for `detect`. Throws RuleCompileError on a bad rule. */
export function compileRules(rules: readonly Rule[], options: CompileOptions = {}): RuleSet {
  const seen = new Set<string>()
  const prefilters = new Map<string, number>()
  const compiled = rules.map((rule) => {
    if (seen.has(rule.id)) throw new RuleCompileError(rule.id, 'duplicate rule id')
    seen.add(rule.id)
    return compileOne(rule, prefilters)
  })
  return {
    rules: compiled,
    prefilters: [...prefilters.keys()].map((source) => new RegExp(source, 'g')),
    allowlist: compileAllowlist(options.allowlist),
    minConfidence: options.minConfidence ?? 0.5,
  }
}
