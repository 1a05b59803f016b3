import type {CompiledRule, RuleSet} from './compile.js'
import {SEVERITY_RANK, type Match} from './types.js'

/** The lower-cased text, computed at most once per text and only if a rule needs it. */
class Lower {
  private value: string | undefined
  constructor(private readonly text: string) {}
  get(): string {
    this.value ??= this.text.toLowerCase()
    return this.value
  }
}

function keywordsPresent(rule: CompiledRule, text: string, lower: Lower): boolean {
  if (rule.keywords === undefined) return true
  const haystack = rule.keywordsNeedLowerCase ? lower.get() : text
  for (const keyword of rule.keywords) {
    if (haystack.includes(keyword)) return true
  }

  return false
}

function contextPresent(rule: CompiledRule, lower: Lower, start: number): boolean {
  if (rule.context === undefined) return true
  return rule.context.regex.test(lower.get().slice(Math.max(0, start - rule.context.window), start))
}

/** Higher severity wins an overlap, then the longer match, then the earlier rule. */
function beats(a: Match, b: Match): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  if (bySeverity !== 0) return bySeverity > 0
  return a.end - a.start > b.end - b.start
}

/**
 * Merge overlapping matches into one finding per span, sorted by start. The winner gives its
 * rule and type, and the span is the union: masking only the winner's part would leave the
 * rest of the other value in clear text.
 */
function resolveOverlaps(matches: Match[]): Match[] {
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
    kept[kept.length - 1] = {...winner, start: last.start, end: Math.max(last.end, match.end)}
  }

  return kept
}

/**
 * Find every match of the rule set in one text: prefilter -> regex -> validator -> context ->
 * overlap resolution. Pure and synchronous; returns positions only, never values.
 */
export function detect(text: string, ruleSet: RuleSet): Match[] {
  if (text.length === 0) return []
  const lower = new Lower(text)
  const matches: Match[] = []
  for (const rule of ruleSet.rules) {
    if (!keywordsPresent(rule, text, lower)) continue
    const {regex} = rule
    regex.lastIndex = 0
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const value = m[0]
      if (value.length === 0) {
        regex.lastIndex++
        continue
      }

      if (rule.validator !== undefined && !rule.validator(value)) continue
      if (!contextPresent(rule, lower, m.index)) continue
      matches.push({
        rule: rule.id,
        type: rule.type,
        category: rule.category,
        severity: rule.severity,
        start: m.index,
        end: m.index + value.length,
      })
    }
  }

  return resolveOverlaps(matches)
}
