import {checkRuleExamples, type Rule} from '../engine/index.js'
import {usageError} from '../errors.js'

/**
 * Vet the organisation's own rules before a run: their examples must hold. (Their patterns run
 * on RE2, in linear time, so no pattern can hang the monitor; one RE2 cannot run is refused
 * when the rules are compiled.)
 */
export function checkCustomRules(rules: readonly Rule[]): void {
  for (const rule of rules) {
    const problems = checkRuleExamples(rule, {user: true})
    if (problems.length > 0) throw usageError(`invalid config: rule ${rule.id}: ${problems.join('; ')}`, 'E_CONFIG_INVALID')
  }
}
