/**
 * Where the rules could match inside a whole JSON line (decoded and normalised), found in one
 * pass: the built-in prefilters, the keywords and the context words of every rule form one
 * automaton (automaton/multi-matcher.ts), searched once over the line instead of once per
 * prefilter, keyword and word list. What the automaton cannot express (a config's RE2
 * prefilter, a pattern with an assertion, a case-insensitive keyword that is not ASCII) keeps
 * its own search, exactly as before.
 *
 * The guarantee is the one the monitor relies on: a part of the text (a value, a key, a number)
 * can hold a match of a rule only if one of the rule's hits overlaps it, or the rule is in
 * `everywhere`. A prefilter hit is now the last unit of a match (every match, whatever its
 * start, not only the leftmost non-overlapping ones): a match inside a part ends inside it.
 */
import {charOf, lowerFolding} from './automaton/char-set.js'
import {MultiMatcher, TooLarge} from './automaton/multi-matcher.js'
import {literal, parseRegex, Unsupported, type Node} from './automaton/regex-syntax.js'
import {joinsKeyAndValue, wordAt, wordPattern, wordShape, type WordShape} from './automaton/words.js'
import type {CompiledRule, RuleSet} from './compile.js'
import type {LinearPattern} from './linear.js'
import {hitsOf, keywordHits, Lower, triggersByPasses, wordsMayOccur} from './detect.js'
import {addHit, addKeywordHits, addRuleHits, joinHit, MAX_RULE_HITS, type TriggerHit, type Triggers} from './trigger-hits.js'

const PREFILTER = 0
const KEYWORD = 1
const WORD = 2

/** A rule's need of context words (`TriggerScanner.words`), besides the number of a word list. */
const NO_WORDS = -1
const NEVER = -2
const OWN_SEARCH = -3

type Pattern =
  | {kind: typeof PREFILTER; prefilter: number}
  | {kind: typeof KEYWORD; rule: number; length: number; compiled: CompiledRule}
  | {kind: typeof WORD; list: number; shape: WordShape}

/** What one pass found: hits per prefilter and per keyword rule, and which word lists occur. */
interface Found {
  prefilterHits: Array<Array<[number, number]> | undefined>
  keywordHits: Array<TriggerHit[] | undefined>
  lists: Uint8Array
}

class TriggerScanner {
  /** Undefined when the patterns need too large a table (a config's words): every trigger keeps its own search. */
  private readonly matcher: MultiMatcher | undefined
  private readonly patterns: Pattern[] = []
  /** Word lists found in every text (see the constructor). */
  private readonly alwaysFound: number[] = []
  /** Per prefilter: searched by the automaton. */
  readonly prefilterIn: boolean[]
  /** Per rule (index in the rule set): its keywords are searched by the automaton. */
  readonly keywordsIn: boolean[]
  /** Context regexes searched by the automaton, and their list numbers. */
  readonly lists = new Map<RegExp, number>()
  /** Per rule: the words it needs, as `NO_WORDS`, `NEVER`, a list number, or `OWN_SEARCH`. */
  readonly words: number[] = []

  constructor(ruleSet: RuleSet) {
    const nodes: Node[] = []
    this.prefilterIn = ruleSet.prefilters.map((prefilter, index) => {
      // A prefilter that matches the empty text hits everywhere: the automaton reports non-empty matches only.
      if (!(prefilter instanceof RegExp) || new RegExp(prefilter.source, prefilter.flags.replace('g', '')).test('')) return false
      try {
        nodes.push(parseRegex(prefilter.source, prefilter.flags))
      } catch (error) {
        if (error instanceof Unsupported) return false
        throw error
      }

      this.patterns.push({kind: PREFILTER, prefilter: index})
      return true
    })
    this.keywordsIn = ruleSet.rules.map((rule, index) => {
      const keywords = rule.keywords ?? []
      // Lower-casing a whole text is not lower-casing unit by unit outside ASCII (a final sigma).
      if (rule.trigger !== 'keywords' || (rule.keywordsIgnoreCase && keywords.some((k) => [...k.text].some((ch) => ch.charCodeAt(0) > 0x7f)))) return false
      for (const keyword of keywords) {
        nodes.push(literal(keyword.text, rule.keywordsIgnoreCase ? (u) => lowerFolding.of(u) : charOf))
        this.patterns.push({kind: KEYWORD, rule: index, length: keyword.text.length, compiled: rule})
      }

      return true
    })
    for (const rule of ruleSet.rules) {
      const context = rule.context
      if (rule.needsWords === undefined || context === undefined || this.lists.has(context.regex)) continue
      const list = this.lists.size
      this.lists.set(context.regex, list)
      // Words that can stand across the joint of a name and its value: found in every line.
      if (joinsKeyAndValue(context.words)) {
        this.alwaysFound.push(list)
        continue
      }

      for (const word of context.words) {
        nodes.push(wordPattern(word))
        this.patterns.push({kind: WORD, list, shape: wordShape(word)})
      }
    }

    try {
      this.matcher = new MultiMatcher(nodes)
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error
      this.matcher = undefined
      this.prefilterIn.fill(false)
      this.keywordsIn.fill(false)
      this.lists.clear()
    }

    for (const rule of ruleSet.rules) {
      if (rule.needsWords === undefined) this.words.push(NO_WORDS)
      else if (rule.needsWords.length === 0 || rule.context === undefined) this.words.push(NEVER)
      else this.words.push(this.lists.get(rule.context.regex) ?? OWN_SEARCH)
    }
  }

  /** What the automaton finds in `text`, or undefined when it gave up (see `Budget`). */
  run(text: string): Found | undefined {
    const found: Found = {prefilterHits: [], keywordHits: [], lists: new Uint8Array(this.lists.size)}
    for (const list of this.alwaysFound) found.lists[list] = 1
    if (this.matcher === undefined) return found
    const read = (n: number): void => this.read(text, n, found)
    const n = this.matcher.run(text, read)
    if (n < 0) return undefined
    read(n)
    return found
  }

  /** Takes the automaton's first `n` accepting positions into `found`. */
  private read(text: string, n: number, found: Found): void {
    const {ends, endPatterns} = this.matcher as MultiMatcher
    for (let k = 0; k < n; k++) {
      const end = ends[k] as number
      for (const id of endPatterns[k] as Int32Array) {
        const pattern = this.patterns[id] as Pattern
        if (pattern.kind === PREFILTER) {
          // A hit is the last unit of a match; ends come in order.
          joinHit((found.prefilterHits[pattern.prefilter] ??= []), end - 1, end)
        } else if (pattern.kind === KEYWORD) {
          const hits = (found.keywordHits[pattern.rule] ??= [])
          if (hits.length <= MAX_RULE_HITS) addHit(hits, end - pattern.length, end, pattern.compiled)
        } else if (found.lists[pattern.list] === 0 && wordAt(text, end, pattern.shape)) found.lists[pattern.list] = 1
      }
    }
  }
}

const scanners = new WeakMap<RuleSet, TriggerScanner>()

function scannerOf(ruleSet: RuleSet): TriggerScanner {
  let scanner = scanners.get(ruleSet)
  if (scanner === undefined) scanners.set(ruleSet, (scanner = new TriggerScanner(ruleSet)))
  return scanner
}

/**
 * Where the rules could match inside `text` (see the top of this file): the positional
 * triggers of each rule, and the rules that have none. A rule that can only report next to a
 * context word is left out when none of its words occurs: its words count as whole words in the
 * value or its field's name, both of which stand between quotes in the line.
 */
export function triggersIn(text: string, ruleSet: RuleSet): Triggers {
  const scanner = scannerOf(ruleSet)
  const found = scanner.run(text)
  // A text that keeps the automaton making new states is searched the way it was before.
  if (found === undefined) return triggersByPasses(text, ruleSet)
  // Lower-casing U+0130 gives two units, which would shift positions: then no keyword positions.
  const positional = !text.includes('\u0130')
  let lower: Lower | undefined
  const triggers: Triggers = {everywhere: [], hits: []}
  let hitsByPrefilter: Array<Array<[number, number]> | undefined> | undefined
  const wordsFound = (rule: CompiledRule, words: number): boolean => {
    if (words >= 0) return found.lists[words] === 1
    if (words !== OWN_SEARCH) return words === NO_WORDS
    return wordsMayOccur(rule.context as NonNullable<CompiledRule['context']>, text)
  }

  const {rules} = ruleSet
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as CompiledRule
    const words = scanner.words[index] as number
    if (words === NEVER) continue
    if (rule.trigger === 'keywords' && (!rule.keywordsIgnoreCase || positional)) {
      let hits = scanner.keywordsIn[index] === true ? found.keywordHits[index] : undefined
      if (scanner.keywordsIn[index] !== true) keywordHits(rule, text, (lower ??= new Lower(text)), (hits = []))
      if (hits !== undefined && hits.length > 0 && wordsFound(rule, words)) addKeywordHits(triggers, rule, hits)
    } else if (rule.trigger === 'prefilter') {
      const hits =
        scanner.prefilterIn[rule.prefilter] === true
          ? found.prefilterHits[rule.prefilter]
          : ((hitsByPrefilter ??= [])[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter] as RegExp | LinearPattern, text, true))
      if (hits !== undefined && hits.length > 0 && wordsFound(rule, words)) addRuleHits(triggers, rule, hits)
    } else if (wordsFound(rule, words)) triggers.everywhere.push(rule)
  }

  if (triggers.hits.length > 1) triggers.hits.sort((a, b) => a.start - b.start)
  return triggers
}
