/** The monitor use case, shared by the CLI command and the GitHub Action. */
export {analyzeLine} from './analyze.js'
export {prepareContext} from './context.js'
export {runMonitor, type MonitorResult, type MonitorRunOptions} from './run.js'
export {evaluateGate, SummaryBuilder, type GateResult, type GroupSummary, type LatencySummary, type MonitorSummary} from './summary.js'
export {digestOf, ERROR_KINDS, type AnalyzeContext, type Analyzed, type Digest, type ErrorKind, type RecordResult} from './types.js'
