import {bySeverity, describeFinding, newFindings, type GateReport} from './gate-report.js'

const xml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // eslint-disable-next-line no-control-regex
    .replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')

/** JUnit XML for CI dashboards: one failing test case per new finding and per tripped threshold. */
export function formatJunit(report: GateReport): string {
  const cases: string[] = []
  for (const f of bySeverity(newFindings(report))) {
    const name = xml(`${f.file}:${f.line} ${f.type}`)
    cases.push(
      `    <testcase classname="llmops.${xml(f.rule)}" name="${name}"><failure type="${xml(f.type)}" message="${xml(describeFinding(f))}">${xml(`${f.file}:${f.line} ${describeFinding(f)}\nfingerprint ${f.fingerprint}`)}</failure></testcase>`,
    )
  }

  for (const failure of report.gate.failures.filter((x) => x.category !== 'pii' && x.category !== 'secret')) {
    const detail = failure.detail ?? `${failure.count}`
    cases.push(
      `    <testcase classname="llmops.gate" name="${xml(failure.category)}"><failure type="${xml(failure.category)}" message="${xml(detail)}">${xml(detail)}</failure></testcase>`,
    )
  }

  if (cases.length === 0) cases.push('    <testcase classname="llmops.gate" name="no new findings"/>')
  const failures = cases.filter((c) => c.includes('<failure')).length
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="llmops" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="llmops gate" tests="${cases.length}" failures="${failures}" skipped="0" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
