/** The engine's public API: pure functions over strings and data, no IO. */
export {compileRules, RuleCompileError, type CompiledRule, type CompileOptions, type RuleSet} from './compile.js'
export {checkRuleExamples} from './examples.js'
export {detect, scan, type ScanResult} from './detect.js'
export {mask, redactText, removeValue, replaceWithType, type Redactor} from './redact.js'
export {LatencyStats} from './stats.js'
export {SEVERITY_RANK} from './types.js'
export type {Allowlist, Category, EntityType, Finding, Match, Rule, RuleExamples, Severity} from './types.js'
export {getValidator, validators} from './validators.js'
