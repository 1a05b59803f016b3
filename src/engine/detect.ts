import type {CompiledAllowlist, CompiledContext, CompiledRule, RuleSet} from './compile.js'
import {SEVERITY_RANK, type EntityType, type Match} from './types.js'

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
  const haystack = rule.keywordsIgnoreCase ? lower.get() : text
  for (const keyword of rule.keywords) {
    if (haystack.includes(keyword)) return true
  }

  return false
}

function contextDelta(context: CompiledContext | undefined, lower: Lower, start: number, end: number): number {
  if (context === undefined) return 0
  const text = lower.get()
  const before = text.slice(Math.max(0, start - context.window), start)
  if (context.regex.test(before)) return context.delta
  return context.after > 0 && context.regex.test(text.slice(end, end + context.after)) ? context.delta : 0
}

function allowed(allowlist: CompiledAllowlist, type: EntityType, value: string): boolean {
  const lower = value.toLowerCase()
  if (allowlist.values.has(lower)) return true
  if (type === 'EMAIL') {
    const domain = lower.slice(lower.lastIndexOf('@') + 1)
    if (allowlist.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return true
  }

  return allowlist.patterns.some((p) => p.test(value))
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

export interface ScanResult {
  matches: Match[]
  /** Matches of allowlisted values: not findings, but counted so nothing is dropped silently. */
  suppressed: Match[]
}

/** Every [start, end) where the prefilter matches. */
function hitsOf(prefilter: RegExp, text: string): Array<[number, number]> {
  const hits: Array<[number, number]> = []
  prefilter.lastIndex = 0
  for (let m = prefilter.exec(text); m !== null; m = prefilter.exec(text)) {
    hits.push([m.index, m.index + m[0].length])
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
  ruleSet: RuleSet
  result: ScanResult
}

/** Run one rule over `part`, a slice of the text starting at `offset`. */
function matchRule(rule: CompiledRule, part: string, offset: number, state: ScanState): void {
  const {regex} = rule
  regex.lastIndex = 0
  for (let m = regex.exec(part); m !== null; m = regex.exec(part)) {
    if (m[0].length === 0) {
      regex.lastIndex++
      continue
    }

    const span = rule.group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[rule.group]
    if (span === undefined || span[0] === span[1]) continue
    const start = offset + (span[0] as number)
    const end = offset + (span[1] as number)
    const value = state.text.slice(start, end)
    if (rule.validator !== undefined && !rule.validator(value)) continue
    const confidence = rule.confidence + contextDelta(rule.context, state.lower, start, end) + contextDelta(rule.negativeContext, state.lower, start, end)
    if (confidence < state.ruleSet.minConfidence) continue
    const match: Match = {rule: rule.id, type: rule.type, category: rule.category, severity: rule.severity, confidence: Math.min(1, Math.round(confidence * 100) / 100), start, end}
    const {allowlist} = state.ruleSet
    if (allowlist !== undefined && allowed(allowlist, rule.type, value)) state.result.suppressed.push(match)
    else state.result.matches.push(match)
  }
}

/**
 * Find every match of the rule set in one text: keywords and prefilters -> regex (on the whole
 * text, or on windows around prefilter hits) -> validator -> context -> allowlist -> overlap
 * resolution. Pure and synchronous; returns positions only, never values.
 */
export function scan(text: string, ruleSet: RuleSet): ScanResult {
  const state: ScanState = {text, lower: new Lower(text), ruleSet, result: {matches: [], suppressed: []}}
  if (text.length === 0) return state.result
  const hits: Array<Array<[number, number]> | undefined> = []
  for (const rule of ruleSet.rules) {
    if (!keywordsPresent(rule, text, state.lower)) continue
    if (rule.prefilter === -1) {
      matchRule(rule, text, 0, state)
      continue
    }

    const ruleHits = (hits[rule.prefilter] ??= hitsOf(ruleSet.prefilters[rule.prefilter] as RegExp, text))
    if (ruleHits.length === 0) continue
    if (rule.window < 0) matchRule(rule, text, 0, state)
    else for (const [from, to] of windowsOf(ruleHits, rule.window, text.length)) matchRule(rule, text.slice(from, to), from, state)
  }

  state.result.matches = resolveOverlaps(state.result.matches)
  return state.result
}

/** The findings of `scan`, without the suppressed ones. */
export function detect(text: string, ruleSet: RuleSet): Match[] {
  return scan(text, ruleSet).matches
}
