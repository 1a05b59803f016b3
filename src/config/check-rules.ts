import {checkRuleExamples, type Rule} from '../engine/index.js'
import {usageError} from '../errors.js'

/**
 * Vet the organisation's own rules before a run: their examples must hold, and their patterns
 * must run in linear time. A catastrophic-backtracking regex would hang the monitor on one
 * crafted log line, so `recheck` analyses each pattern (loaded only when custom rules exist).
 */
export async function checkCustomRules(rules: readonly Rule[]): Promise<void> {
  if (rules.length === 0) return
  for (const rule of rules) {
    const problems = checkRuleExamples(rule)
    if (problems.length > 0) throw usageError(`invalid config: rule ${rule.id}: ${problems.join('; ')}`, 'E_CONFIG_INVALID')
  }

  const {checkSync} = await import('recheck')
  for (const rule of rules) {
    for (const [what, source] of [['pattern', rule.pattern], ['prefilter', rule.prefilter]] as const) {
      if (source === undefined) continue
      const result = checkSync(source, rule.flags ?? '', {timeout: 10_000})
      if (result.status === 'vulnerable') {
        throw usageError(
          `invalid config: rule ${rule.id}: the ${what} can take ${result.complexity.summary} time on crafted input (catastrophic backtracking)`,
          'E_CONFIG_REDOS',
          ['Rewrite the pattern without nested or overlapping repetition, e.g. (a+)+ or (\\w|\\d)*.'],
        )
      }
    }
  }
}
