import type {checkSync as CheckSync} from 'recheck'

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

  let checkSync: typeof CheckSync
  try {
    ;({checkSync} = await import('recheck'))
  } catch {
    // The GitHub Action's bundle leaves recheck out: fail closed rather than run unvetted patterns.
    throw usageError('custom rules cannot be checked for catastrophic backtracking here: the recheck package is not available', 'E_CONFIG_REDOS', [
      'Vet the config with the CLI (npm ci && llmops monitor) where recheck is installed, or move the custom rules out of the config used here.',
    ])
  }

  for (const rule of rules) {
    for (const [what, source] of [['pattern', rule.pattern], ['prefilter', rule.prefilter]] as const) {
      if (source === undefined) continue
      const result = checkSync(source, rule.flags ?? '', {timeout: 10_000})
      // Fail closed: a pattern the analyser cannot prove linear is refused, not trusted.
      if (result.status !== 'safe') {
        const why = result.status === 'vulnerable' ? `can take ${result.complexity.summary} time on crafted input (catastrophic backtracking)` : 'could not be proven to run in linear time'
        throw usageError(`invalid config: rule ${rule.id}: the ${what} ${why}`, 'E_CONFIG_REDOS', [
          'Rewrite the pattern without nested or overlapping repetition, e.g. (a+)+ or (\\w|\\d)*; use the u flag for \\u{...} escapes.',
        ])
      }
    }
  }
}
