import type {InputSource} from '../io/input.js'
import type {Scope} from '../gate/changed.js'
import type {MonitorSummary} from '../results/summary.js'
import type {ContextSettings} from './context.js'
import {scanSources} from './scan-sources.js'

/**
 * The base side of the changed files, analysed under their current names: its findings are not
 * new (a record that moved, was edited elsewhere or whose file was renamed keeps its
 * fingerprint), and its summary is what relative thresholds compare with.
 */
export async function baseSide(scope: Scope | undefined, settings: ContextSettings): Promise<{summary: MonitorSummary; valueKeys: string[]} | undefined> {
  if (scope === undefined || scope.baseText.size === 0) return undefined
  const sources = [...scope.baseText].map(([display, bytes]): InputSource => ({kind: 'bytes', bytes, display}))
  const base = await scanSources({
    sources,
    settings: {...settings, unchanged: undefined, ignored: []},
    failOn: [],
    stdin: process.stdin,
    mode: 'none',
    collectValueKeys: true,
    details: 0,
    onRecords: () => {},
  })
  return {summary: base.summary, valueKeys: [...(base.valueKeys ?? [])]}
}
