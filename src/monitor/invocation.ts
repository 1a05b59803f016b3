/** What a caller (the command, the Action) asks of one monitor run, and the process it runs in. */
import type {RedactOperator} from '../config/detection.js'
import type {FailOn, SchemaName} from '../config/schema.js'
import type {GateOptions} from '../gate/finish.js'

export interface MonitorInvocation {
  files: string[]
  configPath: string | undefined
  overrides: {
    failOn?: FailOn[] | undefined
    fields?: string[] | undefined
    slowMs?: number | undefined
    latencyFields?: string[] | undefined
    groupBy?: string | null | undefined
    schema?: SchemaName | undefined
  }
  redact: boolean
  /** --redact-out: write a sanitized copy of the input here. */
  redactOut?: string | undefined
  /** --redact-operator: overrides the config's redaction operator. */
  redactOperator?: RedactOperator | undefined
  follow: boolean
  /** text: the findings for a person at a terminal, then the summary. */
  format: 'jsonl' | 'text' | 'summary' | 'json'
  quiet: boolean
  /** Worker threads besides the main thread. */
  threads: number
  /** The PII gate: ignore file, reports, thresholds. */
  gate?: GateOptions
  /** Reported in SARIF. */
  version?: string
  /** False when FILE arguments were not given (the default file is used, or the scope decides). */
  explicitFiles?: boolean
  /** --shard: this worker's share of the inputs (docs/scale.md). */
  shard?: {index: number; count: number} | undefined
  /** --exit-on-first: stop after the first record that fails --fail-on. */
  exitOnFirst?: boolean
  /** --summary-out: write the run's figures as a summary file that `llmops monitor merge` reads. */
  summaryOut?: string | undefined
  /** --since/--until: only records whose own time is in [since, until); lines without a time are left out and counted. */
  window?: {since: Date | undefined; until: Date | undefined} | undefined
  /** Without files and --changed-since, scan every tracked log file (the Action). */
  allTrackedByDefault?: boolean
}

export interface MonitorIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

export const defaultIo = (): MonitorIo => ({cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr})
