import {groupByFirstChar} from './alternation.js'
import {joinsKeyAndValue} from './automaton/words.js'
import {Keyword} from './keyword.js'
import {compileLinear, type LinearPattern} from './linear.js'
import type {Allowlist, Category, EntityType, Rule, RuleContext, Severity} from './types.js'
import {getValidator, type Validator} from './validators.js'
import {trieSource} from './word-trie.js'

export interface CompiledContext {
  /** The words, lower-cased. */
  words: readonly string[]
  /** Any of the words as a whole word. */
  regex: RegExp
  /** The same, with the `g` flag, to look for a word from a position. */
  global: RegExp
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
  /** The pattern: JavaScript's engine for built-in rules, RE2 (`LinearPattern`) for a config's rules. */
  regex: RegExp | LinearPattern
  group: number
  keywords: Keyword[] | undefined
  /**
   * For a long list of keywords, any of them (a trie), global: finds each place a keyword starts,
   * the longest first. A few keywords are looked up one by one (indexOf is faster).
   */
  keywordRegex: RegExp | undefined
  /** The rule is case-insensitive, so keywords are looked up in the lower-cased text. */
  keywordsIgnoreCase: boolean
  /** Index into RuleSet.prefilters, or -1. */
  prefilter: number
  /** Characters around each prefilter hit to scan, or -1 to scan the whole text. */
  window: number
  /**
   * What `triggersIn` looks for in a whole line: the keywords, the prefilter (only when it
   * has no assertions, so that a hit in a part is a hit in the whole), or nothing ("always").
   */
  trigger: 'keywords' | 'prefilter' | 'always'
  /**
   * Set when the rule's own confidence is below the minimum: it can only report next to one of
   * its context words, which must then occur in the text or its field's name (`context.regex`;
   * an empty list: the rule can never report).
   */
  needsWords: readonly string[] | undefined
  /** The pattern can only match at the start of a text (`^`, no `m` flag): trying it costs next to nothing. */
  anchored: boolean
  /**
   * The rule needs its words (`needsWords`) and only the field's name can hold them: its value
   * starts the text (after at most some spaces) and it has no window after, so the window before
   * reaches nothing but the name (`keyWordsOnly`). A value whose field's name has none of the
   * words is not scanned for it.
   */
  keyWordsOnly: boolean
  validator: Validator | undefined
  confidence: number
  context: CompiledContext | undefined
  negativeContext: CompiledContext | undefined
}

export interface CompiledAllowlist {
  values: ReadonlySet<string>
  emailDomains: readonly string[]
  /** Whole-value patterns from the config: always RE2. */
  patterns: readonly LinearPattern[]
}

export interface RuleSet {
  rules: CompiledRule[]
  /** Distinct prefilters, each evaluated at most once per text (RE2 for a config's rules). */
  prefilters: Array<RegExp | LinearPattern>
  allowlist: CompiledAllowlist | undefined
  minConfidence: number
}

export interface CompileOptions {
  /**
   * Ids of rules that come from a config file (untrusted): their patterns and prefilters run on
   * RE2, in linear time, and may not use lookarounds or backreferences.
   */
  userRules?: ReadonlySet<string>
  allowlist?: Allowlist
  /** Matches below this confidence are dropped (default 0.5). */
  minConfidence?: number
}

/** A rule that cannot be compiled: the message names the rule and what is wrong with it. */
export class RuleCompileError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
    subject = `rule ${ruleId}`,
  ) {
    super(`${subject}: ${message}`)
    this.name = 'RuleCompileError'
  }
}

function compileRegex(id: string, pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    throw new RuleCompileError(id, `invalid pattern: ${(error as Error).message}`)
  }
}

function compileUser(id: string, what: string, pattern: string, flags: string, subject?: string): LinearPattern {
  try {
    return compileLinear(pattern, flags)
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '')
    throw new RuleCompileError(
      id,
      `the ${what} is not supported (${message}): patterns from a config run on a linear-time engine, without lookarounds or backreferences`,
      subject,
    )
  }
}

function compileContext(context: RuleContext | undefined, delta: number): CompiledContext | undefined {
  if (context === undefined || context.words.length === 0) return undefined
  // Whole words only: "tel" must not fire inside "hotel". Each word checks what precedes it after
  // its first character (a pattern that starts with literals is found fast; one that starts with
  // a lookbehind is tried at every position), and the words form a trie (word-trie.ts).
  // Case-insensitive: the text is not lower-cased first (a copy of every line).
  const words = context.words.map((w) => w.toLowerCase())
  const source = String.raw`${trieSource(words, String.raw`(?<![a-z][\s\S])`)}(?![a-z])`
  // Rules with the same words share the regexes, so that a line is searched for them once.
  let regexes = contextRegexes.get(source)
  if (regexes === undefined) contextRegexes.set(source, (regexes = {regex: new RegExp(source, 'i'), global: new RegExp(source, 'gi')}))
  return {...regexes, words, window: context.window, after: context.after ?? 0, delta}
}

/** Up to this many keywords, a rule looks each one up with indexOf; beyond, with one trie regex. */
const FEW_KEYWORDS = 10

const contextRegexes = new Map<string, {regex: RegExp; global: RegExp}>()

/**
 * True when a pattern may hold a zero-width assertion (anchors, word boundaries, lookarounds) or
 * a backreference: then a match inside a substring need not be a match inside the whole text.
 * Conservative: it may say yes for a pattern without one, never no for a pattern with one.
 */
export function hasAssertion(source: string): boolean {
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      const next = source[i + 1] ?? ''
      if (!inClass && /[bBk1-9]/.test(next)) return true
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') inClass = true
    else if (c === '^' || c === '$') return true
    else if (c === '(' && source[i + 1] === '?' && (source[i + 2] === '=' || source[i + 2] === '!' || source[i + 2] === '<')) {
      // (?<name> is a named group, not a lookbehind
      if (source[i + 2] !== '<' || source[i + 3] === '=' || source[i + 3] === '!') return true
    }
  }

  return false
}

function triggerOf(rule: Rule): CompiledRule['trigger'] {
  if (rule.keywords !== undefined && rule.keywords.length > 0) return 'keywords'
  return rule.prefilter !== undefined && !hasAssertion(rule.prefilter) ? 'prefilter' : 'always'
}

function compileOne(rule: Rule, prefilters: Map<string, RegExp | LinearPattern>, user: boolean): CompiledRule {
  const flags = new Set([...(rule.flags ?? ''), 'g'])
  if (flags.has('y')) throw new RuleCompileError(rule.id, 'the sticky flag "y" is not supported')
  if (rule.group !== undefined) flags.add('d')
  const regex = user ? compileUser(rule.id, 'pattern', rule.pattern, rule.flags ?? '') : compileRegex(rule.id, rule.pattern, [...flags].join(''))
  if (regex.test('')) throw new RuleCompileError(rule.id, 'pattern matches the empty string')
  if (regex instanceof RegExp) regex.lastIndex = 0

  let validator: Validator | undefined
  if (rule.validator !== undefined) {
    validator = getValidator(rule.validator)
    if (validator === undefined) throw new RuleCompileError(rule.id, `unknown validator "${rule.validator}"`)
  }

  const confidence = rule.confidence ?? 0.8
  if (!(confidence >= 0 && confidence <= 1)) throw new RuleCompileError(rule.id, 'confidence must be between 0 and 1')
  const keywords = rule.keywords?.length ? rule.keywords.map((k) => (flags.has('i') ? k.toLowerCase() : k)) : undefined
  return {
    id: rule.id,
    type: rule.type,
    category: rule.category,
    severity: rule.severity,
    regex,
    group: rule.group ?? 0,
    keywords: keywords?.map((k) => new Keyword(k)),
    keywordRegex: keywords === undefined || keywords.length <= FEW_KEYWORDS ? undefined : new RegExp(trieSource(keywords), 'g'),
    keywordsIgnoreCase: flags.has('i'),
    prefilter: rule.prefilter === undefined ? -1 : prefilterIndex(rule, prefilters, user),
    window: rule.prefilter === undefined ? -1 : (rule.prefilterWindow ?? -1),
    trigger: triggerOf(rule),
    needsWords: undefined,
    anchored: regex instanceof RegExp && regex.source.startsWith('^') && !regex.multiline,
    keyWordsOnly: false,
    validator,
    confidence,
    context: compileContext(rule.context, rule.context?.boost ?? 0.3),
    negativeContext: compileContext(rule.negativeContext, -(rule.negativeContext?.penalty ?? 0.5)),
  }
}

/**
 * Prefilters are shared by engine, case sensitivity (a case-insensitive rule's prefilter is
 * too) and source.
 */
function prefilterIndex(rule: Rule, prefilters: Map<string, RegExp | LinearPattern>, user: boolean): number {
  const ignoreCase = rule.flags?.includes('i') === true
  const key = `${user ? 're2' : 'js'}/${ignoreCase ? 'i' : ''}/${rule.prefilter as string}`
  if (!prefilters.has(key)) {
    const source = rule.prefilter as string
    prefilters.set(key, user ? compileUser(rule.id, 'prefilter', source, ignoreCase ? 'i' : '') : compileRegex(rule.id, source, ignoreCase ? 'gi' : 'g'))
  }

  return [...prefilters.keys()].indexOf(key)
}

function compileAllowlist(allowlist: Allowlist | undefined): CompiledAllowlist | undefined {
  if (allowlist === undefined) return undefined
  const patterns = (allowlist.patterns ?? []).map((p, i) => compileUser(`allowlist.patterns[${i}]`, 'pattern', p, 'i', `allowlist.patterns[${i}]`))
  return {
    values: new Set((allowlist.values ?? []).map((v) => v.toLowerCase())),
    emailDomains: (allowlist.emailDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, '')),
    patterns,
  }
}

/**
 * A prefilter whose hits only say whether a text is scanned (no windows around them), regrouped
 * for speed: only its language counts, which regrouping keeps (alternation.ts).
 */
function grouped(prefilter: RegExp | LinearPattern): RegExp | LinearPattern {
  if (!(prefilter instanceof RegExp)) return prefilter
  const source = groupByFirstChar(prefilter.source, prefilter.ignoreCase)
  return source === prefilter.source ? prefilter : new RegExp(source, prefilter.flags)
}

/**
 * Walks a JavaScript pattern's source outside escapes and classes: `visit` gets each other
 * character's index and the group depth before it, and stops the walk by returning true.
 * Returns undefined for sources whose groups it cannot count (nested classes, `v` flag syntax).
 */
function walkSource(source: string, visit: (i: number, depth: number) => boolean): boolean | undefined {
  if (source.includes('[[')) return undefined
  let depth = 0
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else {
      if (visit(i, depth)) return true
      if (c === '(') depth++
      else if (c === ')') depth--
    }
  }

  return false
}

/** `^`, then optional spaces (`\s`, `\s*`, `\s+`, `\s?`, `\s{m,n}`), then the first capture group. */
const SPACES_THEN_GROUP_1 = /^\^(?:\\s(?:[*+?]|\{\d+(?:,\d*)?\})?)?\((?!\?)/

/**
 * True when the rule's span always starts its text, after nothing but spaces: the pattern starts
 * with `^` (no `m` flag, no alternative without it) and runs over the whole text, and the span
 * is the whole match, or a first group that only spaces precede and that is not repeated (a
 * repeated group's span is its last round, after the others). JavaScript patterns only: a
 * config's patterns are RE2's, whose syntax differs (`^*` is legal there), and keep the full scan.
 */
function spanStartsText(one: CompiledRule): boolean {
  if (!(one.regex instanceof RegExp)) return false
  const {source} = one.regex
  if (!source.startsWith('^') || one.regex.multiline) return false
  if (one.prefilter !== -1 && one.window >= 0) return false // windows are texts of their own: `^` would match at each
  const alternation = walkSource(source, (i, depth) => source[i] === '|' && depth === 0)
  if (alternation !== false) return false
  if (one.group === 0) return true
  const head = SPACES_THEN_GROUP_1.exec(source)
  if (one.group !== 1 || head === null) return false
  // The character after the group's closing parenthesis: no quantifier.
  const open = head[0].length - 1
  let close = -1
  walkSource(source, (i, depth) => {
    if (i > open && depth === 1 && source[i] === ')') close = i
    return close !== -1
  })
  const after = source[close + 1]
  return close !== -1 && (after === undefined || !'*+?{'.includes(after))
}

/**
 * True when a context word before a span that starts the text can only stand in the field's name
 * (the key context "name: " that precedes the text): no window after, and no word that could
 * reach across the ": " or end in the spaces before the span.
 */
function wordsStayInKey(context: CompiledContext | undefined): boolean {
  return context !== undefined && context.after === 0 && !joinsKeyAndValue(context.words) && !context.words.some((w) => w.length === 0 || /\s$/.test(w))
}

/** Turn rules (data) into a rule set ready for `detect`. Throws RuleCompileError on a bad rule. */
export function compileRules(rules: readonly Rule[], options: CompileOptions = {}): RuleSet {
  const seen = new Set<string>()
  const prefilters = new Map<string, RegExp | LinearPattern>()
  const minConfidence = options.minConfidence ?? 0.5
  const compiled = rules.map((rule) => {
    if (seen.has(rule.id)) throw new RuleCompileError(rule.id, 'duplicate rule id')
    seen.add(rule.id)
    const one = compileOne(rule, prefilters, options.userRules?.has(rule.id) === true)
    if (one.confidence < minConfidence)
      one.needsWords =
        one.context === undefined || one.confidence + one.context.delta < minConfidence ? [] : (rule.context?.words ?? []).map((w) => w.toLowerCase())
    one.keyWordsOnly = one.needsWords !== undefined && one.needsWords.length > 0 && spanStartsText(one) && wordsStayInKey(one.context)
    return one
  })
  return {
    rules: compiled,
    prefilters: [...prefilters.values()].map((prefilter, i) => (compiled.some((r) => r.prefilter === i && r.window >= 0) ? prefilter : grouped(prefilter))),
    allowlist: compileAllowlist(options.allowlist),
    minConfidence,
  }
}
