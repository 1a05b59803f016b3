/**
 * The line-level triggers' positions: hits of one rule that stand close are joined, and a rule
 * with too many hits in one text is scanned everywhere in it instead, so that a hostile line
 * costs bounded memory. Both only ever add scans.
 */
import type {CompiledRule} from './compile.js'

/** Where a rule's trigger occurs in a text: [start, end) and the rule. */
export interface TriggerHit {
  start: number
  end: number
  rule: CompiledRule
}

export interface Triggers {
  /** Rules that may match anywhere in the text (no positional trigger): every part is scanned for them. */
  everywhere: CompiledRule[]
  /** Each occurrence of a keyword and each hit of an assertion-free prefilter, sorted by start. */
  hits: TriggerHit[]
}

/**
 * Hits closer than this are kept as one: a part of the text overlaps the one where it overlapped
 * either (and, in the gap, a few more characters, which only adds a scan). A line of 4 MB of IP
 * addresses made 5.9 million hits (740 MiB) when each digit was its own.
 */
export const HIT_GAP = 32

/**
 * More hits than this for one rule in one text (after joining, `addHit`; a list this long may
 * have been cut short), and the rule is scanned in every part of the text instead
 * (`Triggers.everywhere`): a superset, in memory that does not grow with a hostile line. A
 * record of ordinary size never comes near it.
 */
export const MAX_RULE_HITS = 4096

/** Adds [start, end) of `rule` to `out`, or widens the last hit when it is the same rule's and at most HIT_GAP away. */
export function addHit(out: TriggerHit[], start: number, end: number, rule: CompiledRule): void {
  const last = out.at(-1)
  if (last !== undefined && last.rule === rule && start - last.end <= HIT_GAP && last.start - end <= HIT_GAP) {
    if (start < last.start) last.start = start
    if (end > last.end) last.end = end
  } else out.push({start, end, rule})
}

/**
 * Adds [start, end) to a prefilter's hits, which come in order: joined with the last when at most
 * HIT_GAP away, else added while the list is no longer than MAX_RULE_HITS. False once it is
 * longer (cut short: its rules go everywhere, `addRuleHits`), so that a search may stop there.
 */
export function joinHit(hits: Array<[number, number]>, start: number, end: number): boolean {
  const last = hits.at(-1)
  if (last !== undefined && start - last[1] <= HIT_GAP) last[1] = Math.max(last[1], end)
  else if (hits.length <= MAX_RULE_HITS) hits.push([start, end])
  return hits.length <= MAX_RULE_HITS
}

/**
 * Adds a rule's hits ([start, end) pairs in order) to the triggers, or the rule to `everywhere`
 * when there are more than MAX_RULE_HITS: a list that long may have been cut short.
 */
export function addRuleHits(triggers: Triggers, rule: CompiledRule, hits: ReadonlyArray<readonly [number, number]>): void {
  if (hits.length > MAX_RULE_HITS) triggers.everywhere.push(rule)
  else for (const [start, end] of hits) addHit(triggers.hits, start, end, rule)
}

/** Adds a rule's keyword hits to the triggers (see `addRuleHits`). */
export function addKeywordHits(triggers: Triggers, rule: CompiledRule, hits: readonly TriggerHit[]): void {
  if (hits.length > MAX_RULE_HITS) triggers.everywhere.push(rule)
  else for (const hit of hits) triggers.hits.push(hit)
}
