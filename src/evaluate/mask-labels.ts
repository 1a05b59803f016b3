/**
 * Labels of the report scanned once more before they are written: version names, file names and
 * feedback versions are masked by the monitor in a normal run, but a summary file written with
 * --no-redact, or a path that holds an address, would otherwise put a raw value into the page.
 */
import {compileRules, detect, mask, redactText} from '../engine/index.js'
import type {Comparison} from '../results/comparison.js'
import type {ReportData} from '../results/report-data.js'
import {builtinRules} from '../rules/index.js'

export function labelMasker(): (text: string) => string {
  const ruleSet = compileRules(builtinRules)
  const cache = new Map<string, string>()
  return (text) => {
    let shown = cache.get(text)
    if (shown === undefined) {
      shown = redactText(text, detect(text, ruleSet), mask)
      cache.set(text, shown)
    }

    return shown
  }
}

const renamed = <T>(record: Record<string, T>, name: (key: string) => string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [name(k), v]))

function maskComparison(c: Comparison, label: (text: string) => string): Comparison {
  return {
    ...c,
    baseline: {...c.baseline, label: label(c.baseline.label)},
    candidate: {...c.candidate, label: label(c.candidate.label)},
    notes: c.notes.map(label),
  }
}

/** The report's data with every label that comes from the logs or the command line masked. */
export function maskLabels(data: ReportData): ReportData {
  const label = labelMasker()
  const {summary} = data
  return {
    ...data,
    sources: data.sources.map(label),
    summary: {
      ...summary,
      inputs: summary.inputs.map(label),
      groups: renamed(summary.groups, label),
      unscanned: summary.unscanned.map((u) => ({...u, file: label(u.file), reason: label(u.reason)})),
    },
    findings: data.findings.map((f) => ({...f, file: label(f.file), field: label(f.field)})),
    comparison: data.comparison === null ? null : maskComparison(data.comparison, label),
    feedback: {
      types: data.feedback.types.map(label),
      versions: data.feedback.versions.map((v) => ({...v, version: label(v.version), by_type: renamed(v.by_type, label)})),
    },
    notes: data.notes.map(label),
  }
}
