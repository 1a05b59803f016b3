import type {Category, EntityType, Rule, Severity} from './types.js'
import {getValidator, type Validator} from './validators.js'

export interface CompiledRule {
  id: string
  type: EntityType
  category: Category
  severity: Severity
  regex: RegExp
  keywords: string[] | undefined
  /** Some keyword has letters, so it is looked up in the lower-cased text. */
  keywordsNeedLowerCase: boolean
  validator: Validator | undefined
  context: {regex: RegExp; window: number} | undefined
}

export interface RuleSet {
  rules: CompiledRule[]
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

function compileOne(rule: Rule): CompiledRule {
  const flags = new Set([...(rule.flags ?? ''), 'g'])
  if (flags.has('y')) throw new RuleCompileError(rule.id, 'the sticky flag "y" is not supported')
  let regex: RegExp
  try {
    regex = new RegExp(rule.pattern, [...flags].join(''))
  } catch (error) {
    throw new RuleCompileError(rule.id, `invalid pattern: ${(error as Error).message}`)
  }

  if (regex.test('')) throw new RuleCompileError(rule.id, 'pattern matches the empty string')
  regex.lastIndex = 0

  let validator: Validator | undefined
  if (rule.validator !== undefined) {
    validator = getValidator(rule.validator)
    if (validator === undefined) throw new RuleCompileError(rule.id, `unknown validator "${rule.validator}"`)
  }

  const context =
    rule.context === undefined || rule.context.words.length === 0
      ? undefined
      : {
          // Whole words only: "tel" must not fire inside "hotel".
          regex: new RegExp(String.raw`(?<![a-z])(?:${rule.context.words.map((w) => escapeRegExp(w.toLowerCase())).join('|')})(?![a-z])`),
          window: rule.context.window,
        }

  return {
    id: rule.id,
    type: rule.type,
    category: rule.category,
    severity: rule.severity,
    regex,
    keywords: rule.keywords?.length ? rule.keywords.map((k) => k.toLowerCase()) : undefined,
    keywordsNeedLowerCase: rule.keywords?.some((k) => k.toLowerCase() !== k.toUpperCase()) ?? false,
    validator,
    context,
  }
}

/** Turn rules (data) into a rule set ready for `detect`. Throws RuleCompileError on a bad rule. */
export function compileRules(rules: readonly Rule[]): RuleSet {
  const seen = new Set<string>()
  const compiled = rules.map((rule) => {
    if (seen.has(rule.id)) throw new RuleCompileError(rule.id, 'duplicate rule id')
    seen.add(rule.id)
    return compileOne(rule)
  })
  return {rules: compiled}
}
