import type {CompiledAllowlist, CompiledContext, CompiledRule, RuleSet} from './compile.js'
import {TooLarge} from './automaton/multi-matcher.js'
import {joinsKeyAndValue, WordFinder} from './automaton/words.js'
import type {LinearPattern} from './linear.js'
import {NextWord} from './next-word.js'
import {normalize, normalizedText} from './normalize.js'
import type {OffsetMap} from './offsets.js'
import {addHit, addKeywordHits, addRuleHits, joinHit, MAX_RULE_HITS, type TriggerHit, type Triggers} from './trigger-hits.js'
import {SEVERITY_RANK, type EntityType, type Match} from './types.js'

/** The lower-cased text, computed at most once per text and only if a rule needs it. */
export class Lower {
  private value: string | undefined
  constructor(private readonly text: string) {}
  get(): string {
    this.value ??= this.text.toLowerCase()
    return this.value
  }
}

function keywordsPresent(rule: CompiledRule, text: string, lower: Lower): boolean {
  if (rule.keywords === undefined) return true
  const haystack = rule.keywordsIgnoreCase ? lower.get() : text
  if (rule.keywordRegex !== undefined) {
    rule.keywordRegex.lastIndex = 0
    return rule.keywordRegex.test(haystack)
  }

  return rule.keywords.some((keyword) => keyword.indexIn(haystack) !== -1)
}

/** A search for the context's words in the keyed text, per direction (each moves forward as a rule's matches do). */
function nextWord(context: CompiledContext, state: ScanState, after: boolean): NextWord {
  const text = (state.keyed ??= state.key + state.text)
  let pair = (state.words ??= new Map()).get(context.global)
  if (pair === undefined) {
    pair = [new NextWord(context.global, text), new NextWord(context.global, text)]
    state.words.set(context.global, pair)
  }

  return pair[after ? 1 : 0]
}

/**
 * The confidence change from context words near [start, end): a word counts when it lies within
 * `window` characters before the start (or `after` characters after the end) and is a whole word
 * in the text. Before the text, the window of a (positive) context reaches into `key` (the name
 * of the value's own field, then ": "), never into another value. Words match whatever their case.
 */
function contextDelta(context: CompiledContext | undefined, state: ScanState, start: number, end: number, withKey: boolean): number {
  if (context === undefined) return 0
  const {key} = state
  const from = key.length + start
  // The key's words can raise a value's confidence, never lower it: a field named "ip_v4" or
  // "order_phone" still holds an address or a number.
  const before = nextWord(context, state, false)
  // The first word from the window's start decides: one that ends past `from` means the next starts past it too.
  const found = before.at(Math.max(withKey ? 0 : key.length, from - context.window))
  if (found !== -1 && found < from && before.end <= from) return context.delta
  if (context.after === 0) return 0
  const to = key.length + end
  const next = nextWord(context, state, true)
  return next.at(to) !== -1 && next.end <= to + context.after ? context.delta : 0
}

function allowed(allowlist: CompiledAllowlist, type: EntityType, value: string): boolean {
  const lower = value.toLowerCase()
  if (allowlist.values.has(lower)) return true
  if (type === 'EMAIL') {
    const domain = lower.slice(lower.lastIndexOf('@') + 1)
    if (allowlist.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return true
  }

  return allowlist.patterns.some((p) => p.whole(value))
}

/** Higher severity wins an overlap, then higher confidence, then the longer match. */
function beats(a: Match, b: Match): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  if (bySeverity !== 0) return bySeverity > 0
  if (a.confidence !== b.confidence) return a.confidence > b.confidence
  return a.end - a.start > b.end - b.start
}

/**
 * Merge overlapping matches into one finding per span, sorted by start. The winner gives its
 * rule and type, and the span is the union: masking only the winner's part would leave the
 * rest of the other value in clear text.
 */
export function resolveOverlaps(matches: Match[], text: string): Match[] {
  if (matches.length < 2) return matches
  matches.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Match[] = []
  for (const match of matches) {
    const last = kept.at(-1)
    if (last === undefined || match.start >= last.end) {
      kept.push(match)
      continue
    }

    const winner = beats(match, last) ? match : last
    const end = Math.max(last.end, match.end)
    kept[kept.length - 1] = {...winner, start: last.start, end, value: text.slice(last.start, end)}
  }

  return kept
}

export interface ScanResult {
  matches: Match[]
  /** Matches of allowlisted values: not findings, but counted so nothing is dropped silently. */
  suppressed: Match[]
}

/**
 * Every [start, end) where the prefilter matches, left to right. For the line-level triggers
 * (`joined`), hits at most HIT_GAP apart are one, and the list stops once it is longer than
 * MAX_RULE_HITS (its rules are then scanned everywhere: `addRuleHits`).
 */
export function hitsOf(prefilter: RegExp | LinearPattern, text: string, joined = false): Array<[number, number]> {
  const hits: Array<[number, number]> = []
  if (!(prefilter instanceof RegExp)) {
    for (const [start, end] of prefilter.matches(text, 0)) {
      if (!joined) hits.push([start, end])
      else if (!joinHit(hits, start, end)) break
    }

    return hits
  }

  prefilter.lastIndex = 0
  for (let m = prefilter.exec(text); m !== null; m = prefilter.exec(text)) {
    if (!joined) hits.push([m.index, m.index + m[0].length])
    else if (!joinHit(hits, m.index, m.index + m[0].length)) break
    if (m[0].length === 0) prefilter.lastIndex++
  }

  return hits
}

/** The hits widened by `window` on each side and merged where they touch. */
function windowsOf(hits: ReadonlyArray<[number, number]>, window: number, length: number): Array<[number, number]> {
  const windows: Array<[number, number]> = []
  for (const [start, end] of hits) {
    const from = Math.max(0, start - window)
    const to = Math.min(length, end + window)
    const last = windows.at(-1)
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to)
    else windows.push([from, to])
  }

  return windows
}

interface ScanState {
  text: string
  lower: Lower
  /** Name of the value's field (normalised) and ": ", or empty: context for the start of the text. */
  key: string
  /** `key` followed by the text, made when a context is first looked at. */
  keyed?: string
  /** Per context regex, the searches for its words before and after matches (`nextWord`). */
  words?: Map<RegExp, [NextWord, NextWord]>
  tick: (() => void) | undefined
  ruleSet: RuleSet
  result: ScanResult
}

/** Each match of the rule in `part`: the value's span (the whole match, or its group). */
function* spansOf(rule: CompiledRule, part: string): Generator<[number, number]> {
  const {regex} = rule
  if (!(regex instanceof RegExp)) {
    for (const [, , start, end] of regex.matches(part, rule.group)) if (start >= 0 && end > start) yield [start, end]
    return
  }

  regex.lastIndex = 0
  for (let m = regex.exec(part); m !== null; m = regex.exec(part)) {
    if (m[0].length === 0) {
      regex.lastIndex++
      continue
    }

    const span = rule.group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[rule.group]
    if (span !== undefined && span[0] !== span[1]) yield [span[0] as number, span[1] as number]
  }
}

/** Run one rule over `part`, a slice of the text starting at `offset`. */
function matchRule(rule: CompiledRule, part: string, offset: number, state: ScanState): void {
  for (const [from, to] of spansOf(rule, part)) {
    state.tick?.()
    const start = offset + from
    const end = offset + to
    const value = state.text.slice(start, end)
    // Both must pass; a rule that needs its words tests them first (a value with no word near it
    // is most of what such a rule sees), the others their validator.
    const needsWords = rule.needsWords !== undefined
    if (!needsWords && rule.validator !== undefined && !rule.validator(value)) continue
    const confidence = rule.confidence + contextDelta(rule.context, state, start, end, true) + contextDelta(rule.negativeContext, state, start, end, false)
    if (confidence < state.ruleSet.minConfidence) continue
    if (needsWords && rule.validator !== undefined && !rule.validator(value)) continue
    const match: Match = {
      rule: rule.id,
      type: rule.type,
      category: rule.category,
      severity: rule.severity,
      confidence: Math.min(1, Math.round(confidence * 100) / 100),
      start,
      end,
      value,
    }
    const {allowlist} = state.ruleSet
    if (allowlist !== undefined && allowed(allowlist, rule.type, value)) state.result.suppressed.push(match)
    else state.result.matches.push(match)
  }
}

/** Past this many distinct values in one text (a bulk dump), other occurrences are not looked for. */
const MAX_SPREAD_VALUES = 256

/**
 * Further occurrences of found values one text may hold. Each must be masked, and a hostile line
 * (hundreds of found values, then a long body of their repeats glued to letters so that no rule
 * reads them in place) made one match per occurrence: 1.1 GB and 28 s for 1 MB. Past this the
 * text is refused with a RangeError, which the monitor reports as `unscannable`: the line fails a
 * pii or secret gate and stays out of the sanitized copy, so nothing is let through unmasked.
 */
export const MAX_SPREAD_OCCURRENCES = 100_000

/**
 * A value found once in a text is a finding wherever else it occurs in that text: context words
 * may hold back one occurrence ("your order … 03-1234-5678") while another reads as a phone, and a
 * value shown in one place and masked in the other is a leak. The extra occurrences take the
 * rule and confidence of the first.
 */
function everyOccurrence(matches: Match[], text: string, tick: (() => void) | undefined): Match[] {
  if (matches.length === 0) return matches
  const byValue = new Map<string, Match>()
  for (const m of matches) if (!byValue.has(text.slice(m.start, m.end))) byValue.set(text.slice(m.start, m.end), m)
  if (byValue.size > MAX_SPREAD_VALUES) return matches
  // The matches are sorted and do not overlap (`resolveOverlaps`): their ends increase too.
  const taken = (start: number, end: number): boolean => {
    let lo = 0
    let hi = matches.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((matches[mid] as Match).end <= start) lo = mid + 1
      else hi = mid
    }

    return lo < matches.length && (matches[lo] as Match).start < end
  }
  const extra: Match[] = []
  for (const [value, m] of byValue) {
    for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) {
      tick?.()
      if (taken(i, i + value.length)) continue
      if (extra.length === MAX_SPREAD_OCCURRENCES) throw new RangeError(`more than ${MAX_SPREAD_OCCURRENCES} further occurrences of found values to mask`)
      extra.push({...m, start: i, end: i + value.length, value})
    }
  }

  return extra.length === 0 ? matches : resolveOverlaps([...matches, ...extra], text)
}

const wordFinders = new WeakMap<RegExp, WordFinder | null>()

/**
 * The automaton for a context's words: one per list, shared by the rules that have it; null for
 * a list too large for one (thousands of distinct characters), which keeps its regex.
 */
function wordFinderOf(context: CompiledContext): WordFinder | null {
  let finder = wordFinders.get(context.regex)
  if (finder === undefined) {
    try {
      finder = new WordFinder(context.words)
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error
      finder = null
    }

    wordFinders.set(context.regex, finder)
  }

  return finder
}

/**
 * Whether a context's words may stand in some part of a whole line, as that part's own scan
 * reads them (a value whole, its field's name split at camelCase): never false where one does.
 */
export function wordsMayOccur(context: CompiledContext, line: string): boolean {
  if (joinsKeyAndValue(context.words)) return true
  const finder = wordFinderOf(context)
  if (finder !== null) return finder.occursIn(line)
  return context.regex.test(line) || context.regex.test(wordsOf(line))
}

/** Field names as context (`keyContext`): a log repeats a few names on every line. */
const keyContexts = new Map<string, string>()
const KEY_CONTEXTS = 4096

/** A field's name as the context before its value: normalised, camelCase split, then ": ". */
function keyContext(name: string): string {
  let context = keyContexts.get(name)
  if (context === undefined) {
    // Bounded: a hostile log can use a new name on every line.
    if (keyContexts.size >= KEY_CONTEXTS) keyContexts.clear()
    keyContexts.set(name, (context = `${wordsOf(normalizedText(name))}: `))
  }

  return context
}

/** Per word list, whether each field name holds one of its words (`wordsInKey`). */
const keyWords = new Map<RegExp, Map<string, boolean>>()

/**
 * Whether a context's words may stand in the field name `key`, read as the context before its
 * value (`keyContext`): never false where the context's regex finds one there.
 */
export function wordsInKey(context: CompiledContext, key: string): boolean {
  if (key === '') return false
  let byKey = keyWords.get(context.regex)
  if (byKey === undefined) keyWords.set(context.regex, (byKey = new Map()))
  let found = byKey.get(key)
  if (found === undefined) {
    // Bounded: a hostile log can use a new name on every line.
    if (byKey.size >= KEY_CONTEXTS) byKey.clear()
    const finder = wordFinderOf(context)
    const text = keyContext(key)
    byKey.set(key, (found = finder === null ? context.regex.test(text) : finder.occursIn(text)))
  }

  return found
}

/**
 * The rules that may report in a text whose field is named `key`: `rules` without those that
 * need words only the name can hold (`keyWordsOnly`) when it holds none. The same array when
 * nothing is left out.
 */
export function rulesForKey(rules: readonly CompiledRule[], key: string): readonly CompiledRule[] {
  let kept: CompiledRule[] | undefined
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as CompiledRule
    const drop = rule.keyWordsOnly && !wordsInKey(rule.context as CompiledContext, key)
    if (drop) kept ??= rules.slice(0, i)
    else kept?.push(rule)
  }

  return kept ?? rules
}

export interface ScanOptions {
  /** Only these rules (a subset of the rule set, as `triggersIn` finds them); default: all. */
  rules?: readonly CompiledRule[]
  /** The name of the field that holds the text: context words in it count for the text's start. */
  key?: string
  /** The caller knows the text is its own normal form (it is part of a text that is): skip that check. */
  normal?: boolean
  /** Called at each match and each further occurrence of a found value; may throw to stop a long scan (the monitor's `maxLineMs`). */
  tick?: () => void
}

/** Map spans of the normal form back to the text it was made from. */
function mapBack(matches: Match[], map: OffsetMap): Match[] {
  return matches.map((m) => {
    const [start, end] = map.span(m.start, m.end)
    return {...m, start, end}
  })
}

/**
 * Find every match of the rule set in one text: normalise (normalize.ts) -> keywords and
 * prefilters -> regex (on the whole text, or on windows around prefilter hits) -> validator ->
 * context -> allowlist -> overlap resolution. Spans are indices into `text`; each match's
 * `value` is the normalised value. Pure and synchronous.
 */
export function scan(text: string, ruleSet: RuleSet, options: ScanOptions = {}): ScanResult {
  if (text.length === 0) return {matches: [], suppressed: []}
  const normal = options.normal === true ? undefined : normalize(text)
  const scanned = normal?.text ?? text
  const key = options.key === undefined || options.key === '' ? '' : keyContext(options.key)
  const state: ScanState = {text: scanned, lower: new Lower(scanned), key, ruleSet, result: {matches: [], suppressed: []}, tick: options.tick}
  const hits: Array<Array<[number, number]> | undefined> = []
  // Rules with the same context words share its regex: one search per text.
  let seen: Map<RegExp, boolean> | undefined
  // Only a shortcut (a match still needs a word in its window, `contextDelta`): a search that may
  // say yes where the regex would not is enough, and one pass of the automaton is cheaper.
  const wordsIn = (context: CompiledContext): boolean => {
    let found = (seen ??= new Map()).get(context.regex)
    if (found === undefined) {
      const keyed = (state.keyed ??= key + scanned)
      const finder = wordFinderOf(context)
      seen.set(context.regex, (found = finder === null ? context.regex.test(keyed) : finder.occursIn(keyed)))
    }

    return found
  }

  for (const rule of options.rules ?? ruleSet.rules) {
    if (rule.keyWordsOnly && !wordsInKey(rule.context as CompiledContext, options.key ?? '')) continue
    if (!keywordsPresent(rule, scanned, state.lower)) continue
    // The words are looked for first unless the pattern is cheaper: the context is checked on a match anyway.
    if (rule.needsWords !== undefined && (rule.needsWords.length === 0 || rule.context === undefined || (!rule.anchored && !wordsIn(rule.context)))) continue
    if (rule.prefilter === -1) {
      matchRule(rule, scanned, 0, state)
      continue
    }

    const ruleHits = (hits[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter] as RegExp | LinearPattern, scanned))
    if (ruleHits.length === 0) continue
    if (rule.window < 0) matchRule(rule, scanned, 0, state)
    else for (const [from, to] of windowsOf(ruleHits, rule.window, scanned.length)) matchRule(rule, scanned.slice(from, to), from, state)
  }

  const matches = everyOccurrence(resolveOverlaps(state.result.matches, scanned), scanned, options.tick)
  if (normal === undefined) return {matches, suppressed: state.result.suppressed}
  return {matches: mapBack(matches, normal.map), suppressed: mapBack(state.result.suppressed, normal.map)}
}

/** The findings of `scan`, without the suppressed ones. */
export function detect(text: string, ruleSet: RuleSet, options?: ScanOptions): Match[] {
  return scan(text, ruleSet, options).matches
}

/**
 * A field name's words: `phoneNumber` and `PhoneNumber` read as `phone Number`, so that a
 * context word in a camelCase key is a whole word. (Line-level tests split the whole line the
 * same way, which only adds word boundaries: still a superset.)
 */
export const wordsOf = (name: string): string => name.replaceAll(/([a-z])([A-Z])/g, '$1 $2')

/**
 * Every occurrence of every keyword (overlapping ones too), as [start, end), near ones joined
 * (`addHit`), until there are more than MAX_RULE_HITS. With a trie, each place a keyword starts,
 * with the longest keyword there: a part that overlaps a shorter keyword at the same start
 * overlaps the longest too.
 */
export function keywordHits(rule: CompiledRule, text: string, lower: Lower, out: TriggerHit[]): void {
  const haystack = rule.keywordsIgnoreCase ? lower.get() : text
  const regex = rule.keywordRegex
  if (regex === undefined) {
    for (const keyword of rule.keywords ?? []) {
      for (let i = keyword.indexIn(haystack); i !== -1 && out.length <= MAX_RULE_HITS; i = keyword.indexIn(haystack, i + 1))
        addHit(out, i, i + keyword.text.length, rule)
    }

    return
  }

  regex.lastIndex = 0
  for (let m = regex.exec(haystack); m !== null && out.length <= MAX_RULE_HITS; m = regex.exec(haystack)) {
    addHit(out, m.index, m.index + m[0].length, rule)
    regex.lastIndex = m.index + 1
  }
}

/**
 * `triggersIn` (triggers.ts) the slow way, one search per prefilter, keyword and word list: the
 * reference its tests compare it with, and what it falls back to when the automaton gives up. Where the rules could match inside `text` (a whole JSON
 * line, decoded and normalised): the positional triggers of each rule, and the rules that have none. A part of the text (a value,
 * a key, a number) can hold a match of a rule only if one of the rule's hits overlaps it, or the
 * rule is in `everywhere`: a keyword found in a part is found in the whole, and so is a hit of
 * an assertion-free prefilter (enumerating the whole text's hits left to right always reaches
 * one that overlaps the part). A rule that can only report next to a context word is left out
 * when none of its words occurs: its words count as whole words in the value or its field's
 * name, both of which stand between quotes in the line.
 */
export function triggersByPasses(text: string, ruleSet: RuleSet): Triggers {
  const lower = new Lower(text)
  // Lower-casing that changes the length (U+0130) would shift positions: then no positions.
  const positional = (): boolean => lower.get().length === text.length
  const hitsByPrefilter: Array<Array<[number, number]> | undefined> = []
  const triggers: Triggers = {everywhere: [], hits: []}
  // Rules with the same context words share its regex: one search per line.
  const seen = new Map<RegExp, boolean>()
  const wordsIn = (context: CompiledContext): boolean => {
    let found = seen.get(context.regex)
    if (found === undefined) seen.set(context.regex, (found = wordsMayOccur(context, text)))
    return found
  }

  const wordsFound = (rule: CompiledRule): boolean =>
    rule.needsWords === undefined || (rule.needsWords.length > 0 && rule.context !== undefined && wordsIn(rule.context))
  for (const rule of ruleSet.rules) {
    if (rule.trigger === 'keywords' && (!rule.keywordsIgnoreCase || positional())) {
      const hits: TriggerHit[] = []
      keywordHits(rule, text, lower, hits)
      if (hits.length > 0 && wordsFound(rule)) addKeywordHits(triggers, rule, hits)
    } else if (rule.trigger === 'prefilter') {
      const hits = (hitsByPrefilter[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter] as RegExp | LinearPattern, text, true))
      // The context words are looked for only when the trigger is there (the cheaper test first).
      if (hits.length > 0 && wordsFound(rule)) addRuleHits(triggers, rule, hits)
    } else if (wordsFound(rule)) triggers.everywhere.push(rule)
  }

  triggers.hits.sort((a, b) => a.start - b.start)
  return triggers
}
