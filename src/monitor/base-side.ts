import type {InputSource} from '../io/input.js'
import type {Scope} from '../gate/changed.js'
import type {LineKeysState} from '../io/line-keys.js'
import type {MonitorSummary} from '../results/summary.js'
import type {ContextSettings} from './context.js'
import {scanSources} from './scan-sources.js'

/** What the base side of a change tells the scan of the change itself. */
export interface BaseSide {
  summary: MonitorSummary
  /** Value keys of the findings already there (see analyze.ts `valueKey`). */
  valueKeys: string[]
  /** Per changed file, the keys of the lines already there (shared memory): not scanned again. */
  unchanged: Map<string, LineKeysState>
}

/**
 * The base side of the changed files, analysed under their current names: its findings are not
 * new (a record that moved, was edited elsewhere or whose file was renamed keeps its
 * fingerprint), its lines are not scanned again, and its summary is what relative thresholds
 * compare with. Each file is streamed from git as the scan reads it, with as many threads as the
 * change's own scan: memory does not grow with the size of the base side.
 */
export async function baseSide(scope: Scope | undefined, settings: ContextSettings, threads: number): Promise<BaseSide | undefined> {
  const {readBase} = scope ?? {}
  if (scope === undefined || readBase === undefined || scope.baseFiles.size === 0) return undefined
  const sources = [...scope.baseFiles].map(([display, from]): InputSource => ({
    kind: 'stream',
    display,
    label: `${from} at the base`,
    open: () => readBase(from),
  }))
  const base = await scanSources({
    sources,
    settings: {...settings, unchanged: undefined, ignored: []},
    failOn: [],
    stdin: process.stdin,
    mode: 'none',
    collectValueKeys: true,
    collectLineKeys: true,
    details: 0,
    threads,
    onRecords: () => {},
  })
  const unchanged = new Map([...(base.lineKeys ?? [])].map(([file, keys]) => [file, keys.state]))
  return {summary: base.summary, valueKeys: [...(base.valueKeys ?? [])], unchanged}
}
