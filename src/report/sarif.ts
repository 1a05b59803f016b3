import type {Log, ReportingDescriptor, Result} from 'sarif'

import type {Severity} from '../engine/index.js'
import {bySeverity, describeFinding, type GateReport} from './gate-report.js'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {critical: 'error', high: 'error', medium: 'warning', low: 'note'}
/** GitHub code scanning ranks security alerts by this property (0-10). */
const SECURITY_SEVERITY: Record<Severity, string> = {critical: '9.5', high: '7.5', medium: '5.0', low: '3.0'}
/** Where the tool lives: package.json `repository` names the same place (a test holds them together). */
export const PROJECT_URL = 'https://github.com/llmops-dev/llmops'

/**
 * SARIF 2.1.0 for code scanning: one result per finding, located at file and line, with
 * `partialFingerprints` (our line-independent fingerprint) so that alerts follow moved lines,
 * accepted findings marked as externally suppressed, and a masked snippet instead of the value.
 */
export function formatSarif(report: GateReport): string {
  // Typed with @types/sarif (the SARIF 2.1.0 schema as types): the compiler checks the shape.
  const rules = report.rules.map((r): ReportingDescriptor => ({
    id: r.id,
    name: r.type,
    shortDescription: {text: `${r.type}: ${r.description}`.slice(0, 1000)},
    fullDescription: {text: r.description},
    helpUri: `${PROJECT_URL}/blob/main/docs/detection.md`,
    help: {
      text: `Remove the ${r.type === 'SECRET' ? 'secret' : 'personal data'} from the logs, or accept this finding by adding the line printed by llmops to ${report.ignoreFile}.`,
    },
    defaultConfiguration: {level: LEVEL[r.severity]},
    properties: {tags: ['security', r.category === 'secret' ? 'secret' : 'privacy'], 'security-severity': SECURITY_SEVERITY[r.severity], precision: 'high'},
  }))
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const results = bySeverity(report.findings).map((f) => {
    const result: Result = {
      ruleId: f.rule,
      level: LEVEL[f.severity],
      message: {text: describeFinding(f)},
      locations: [
        {physicalLocation: {artifactLocation: {uri: f.file, uriBaseId: '%SRCROOT%'}, region: {startLine: f.line, snippet: {text: `${f.field}: ${f.masked}`}}}},
      ],
      partialFingerprints: {'llmopsFingerprint/v1': f.fingerprint},
      properties: {type: f.type, field: f.field, masked: f.masked},
    }
    if (index.has(f.rule)) result.ruleIndex = index.get(f.rule)
    if (f.ignored) result.suppressions = [{kind: 'external', justification: `accepted in ${report.ignoreFile}`}]
    else if (f.preexisting) result.baselineState = 'unchanged'
    return result
  })
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: report.tool.name, version: report.tool.version, informationUri: PROJECT_URL, rules}},
        results,
        properties: {findingsLeftOut: report.findingsLeftOut, passed: report.gate.passed},
      },
    ],
  }
  return JSON.stringify(sarif, null, 2) + '\n'
}
