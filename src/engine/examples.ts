import {compileRules} from './compile.js'
import {detect} from './detect.js'
import type {Rule} from './types.js'

/**
 * Run a rule's own examples (gitleaks' habit): every `match` text yields exactly its value, every
 * `noMatch` text yields nothing. Returns one message per failing example.
 */
export function checkRuleExamples(rule: Rule, options: {user?: boolean} = {}): string[] {
  const ruleSet = compileRules([rule], {userRules: options.user ? new Set([rule.id]) : undefined})
  const problems: string[] = []
  for (const example of rule.examples.match) {
    const text = typeof example === 'string' ? example : example.text
    const value = typeof example === 'string' ? example : example.value
    const key = typeof example === 'string' ? undefined : example.key
    const found = detect(text, ruleSet, {key}).map((m) => text.slice(m.start, m.end))
    if (found.length !== 1 || found[0] !== value) problems.push(`example ${JSON.stringify(text)} should match ${JSON.stringify(value)}, found ${found.length}`)
  }

  for (const {text, reason, key} of rule.examples.noMatch) {
    if (detect(text, ruleSet, {key}).length > 0) problems.push(`example ${JSON.stringify(text)} should not match (${reason})`)
  }

  return problems
}
