/**
 * The line-level prefilter of the monitor: where in a raw JSON line each rule could match.
 * The line is decoded (JSON escapes) and normalised as a whole, the engine finds the rules'
 * triggers in it (`triggersIn`, which says why that is a superset of the per-value scan), and
 * their positions are mapped back to raw offsets, so that only the keys, strings and numbers a
 * trigger touches are scanned. A line without a trigger needs no scan at all.
 */
import {normalize, triggersIn, type CompiledRule, type RuleSet, type TriggerHit} from '../engine/index.js'
import {decodeEscapes} from './json-tokens.js'

export interface LineTriggers {
  /** Rules scanned in every part of the line. */
  everywhere: CompiledRule[]
  /** Trigger hits as raw offsets into the line, sorted by start. */
  hits: TriggerHit[]
  /**
   * The decoded line is its own normal form, and so is every part of it (normalisation looks at
   * one character or reference at a time): its values need no normalising.
   */
  normal: boolean
}

/** The triggers of a valid JSON line, or undefined when no rule can match anywhere in it. */
export function lineTriggers(line: string, ruleSet: RuleSet): LineTriggers | undefined {
  // Decoded once, with the map back to the raw line (a valid line's escapes are all well formed).
  const escapes = line.includes('\\') ? decodeEscapes(line) : undefined
  const decoded = escapes?.text ?? line
  const normal = normalize(decoded)
  const {everywhere, hits} = triggersIn(normal?.text ?? decoded, ruleSet)
  if (hits.length === 0 && everywhere.length === 0) return undefined
  // The hits are this call's own: moved to raw offsets in place ([start, end) through each map).
  for (const hit of hits) {
    let {start} = hit
    let last = hit.end - 1
    if (normal !== undefined) {
      start = normal.map.from(start)
      last = normal.map.to(last) - 1
    }

    if (escapes !== undefined) {
      start = escapes.map.from(start)
      last = escapes.map.to(last) - 1
    }

    hit.start = start
    hit.end = last + 1
  }

  return {everywhere, hits, normal: normal === undefined}
}

/**
 * Walks the hits alongside tokens in document order: the rules whose hits overlap each token,
 * plus the rules scanned everywhere. Each hit is looked at a bounded number of times.
 */
export class TriggerCursor {
  private next = 0
  private readonly active: TriggerHit[] = []

  constructor(
    private readonly triggers: LineTriggers,
    private readonly ruleSet: RuleSet,
  ) {}

  /** The rules to scan in the raw span [start, end) (spans must come in increasing order). */
  rulesFor(start: number, end: number): CompiledRule[] {
    const {hits, everywhere} = this.triggers
    const active = this.active
    while (this.next < hits.length && (hits[this.next] as TriggerHit).start < end) active.push(hits[this.next++] as TriggerHit)
    // Drop the hits that end before this part, in place.
    let kept = 0
    for (let i = 0; i < active.length; i++) if ((active[i] as TriggerHit).end > start) active[kept++] = active[i] as TriggerHit
    active.length = kept
    if (kept === 0) return everywhere
    // A few rules at most: gathered, then put in rule-set order, so that ties between rules
    // resolve as in a scan with every rule.
    const rules = [...everywhere]
    for (const h of active) if (!rules.includes(h.rule)) rules.push(h.rule)
    if (rules.length > 1) {
      const order = orderOf(this.ruleSet)
      rules.sort((a, b) => (order.get(a) as number) - (order.get(b) as number))
    }

    return rules
  }
}

const orders = new WeakMap<RuleSet, Map<CompiledRule, number>>()

/** Each rule's place in its rule set. */
function orderOf(ruleSet: RuleSet): Map<CompiledRule, number> {
  let order = orders.get(ruleSet)
  if (order === undefined) orders.set(ruleSet, (order = new Map(ruleSet.rules.map((rule, i) => [rule, i]))))
  return order
}
