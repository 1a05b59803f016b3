/**
 * The library API of llmops: its semver-stable surface, listed in docs/api.md. Everything else
 * under lib/ is internal. The CLI does not load this module (bin/run.js starts oclif directly).
 */
export {createDetector, type Detector, type RecordFinding, type RecordScan, type TextFinding} from './api/detector.js'
export {monitorStream, type MonitorStream, type MonitorStreamOptions, type MonitorStreamResult} from './api/monitor-stream.js'
export type {ConfigInput, LlmopsOptions, RedactOperator} from './api/options.js'
export {LlmopsError, type ErrorCode} from './errors.js'
export type {Category, EntityType, Severity} from './engine/index.js'
export type {GateFailure, GateResult} from './results/gate.js'
export type {ErrorKind, Finding, RecordResult as MonitorRecord} from './results/record.js'
export type {MonitorSummary} from './results/summary.js'
