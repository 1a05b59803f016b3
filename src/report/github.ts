import type {Severity} from '../engine/index.js'
import {usageError} from '../errors.js'
import {writeProblem} from '../io/fs-problem.js'
import {bySeverity, describeFinding, newFindings, type GateReport} from './gate-report.js'
import {formatMarkdown} from './markdown.js'

/** GitHub's limits per step: more annotations than this are dropped without a word. */
export const ANNOTATION_LIMITS = {error: 10, warning: 10}
/** The job summary may not exceed 1 MiB per step; keep a margin. */
const SUMMARY_BYTES = 1000 * 1024

const KIND: Record<Severity, 'error' | 'warning'> = {critical: 'error', high: 'error', medium: 'warning', low: 'warning'}

export interface Annotation {
  kind: 'error' | 'warning' | 'notice'
  message: string
  title: string
  file?: string
  line?: number
}

/**
 * The annotations for a run, within GitHub's budget: the most severe new findings first, at
 * their file and line, then one notice that says how many more are in the job summary.
 */
export function annotationsFor(report: GateReport): Annotation[] {
  const budget = {...ANNOTATION_LIMITS}
  const out: Annotation[] = []
  let leftOut = report.findingsLeftOut
  for (const failure of report.gate.failures.filter((f) => f.detail !== undefined || f.category === 'unused_ignores')) {
    if (budget.error === 0) break
    budget.error--
    out.push({kind: 'error', title: `llmops gate: ${failure.category}`, message: failure.detail ?? `${failure.count}`})
  }

  // Content the gate could not read fails it closed: say where, and why.
  if (report.gate.failures.some((f) => f.category === 'unscanned')) {
    for (const u of report.summary.unscanned) {
      if (budget.error === 0) break
      budget.error--
      out.push({
        kind: 'error',
        title: 'llmops gate: not scanned',
        message: `${u.reason}. The gate cannot tell whether this holds personal data, so it fails.`,
        file: u.file,
        line: u.line,
      })
    }
  }

  for (const f of bySeverity(newFindings(report))) {
    const kind = KIND[f.severity]
    if (budget[kind] === 0) {
      leftOut++
      continue
    }

    budget[kind]--
    out.push({
      kind,
      title: `${f.type} in the logs`,
      message: `${describeFinding(f)}. Remove it, or accept it with the line printed in the log (fingerprint ${f.fingerprint}).`,
      file: f.file,
      line: f.line,
    })
  }

  // Reviewers must see a change that would weaken the gate, even when the run passes.
  if (report.weakenedConfig.length > 0 && !report.gate.failures.some((f) => f.category === 'weakened_config')) {
    out.push({
      kind: 'notice',
      title: "llmops: this change's config would weaken the gate",
      message: `${report.weakenedConfig.join('; ')}. This run used the base's config; review before merging.`,
    })
  }

  if (leftOut > 0)
    out.push({
      kind: 'notice',
      title: 'llmops: more findings',
      message: `${leftOut} more new findings are not annotated (GitHub shows at most 10 errors and 10 warnings per step); all are in the job summary and the SARIF report.`,
    })
  return out
}

export interface GithubOutputs {
  findings: number
  new_findings: number
  suppressed: number
  passed: boolean
  sarif?: string | undefined
}

export function outputsFor(report: GateReport, sarif: string | undefined): GithubOutputs {
  const {findings} = report.summary
  return {
    findings: findings.total + findings.ignored,
    new_findings: findings.total,
    suppressed: findings.ignored + findings.suppressed,
    passed: report.gate.passed,
    sarif,
  }
}

const escapeData = (text: string): string => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (text: string): string => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

/**
 * One annotation as a workflow command line (`::error file=…,line=…,title=…::message`), escaped
 * as @actions/core escapes it. GitHub reads these from stdout and from stderr alike.
 */
export function annotationCommand(a: Annotation): string {
  const properties = [
    `title=${escapeProperty(a.title)}`,
    ...(a.file === undefined ? [] : [`file=${escapeProperty(a.file)}`]),
    ...(a.file === undefined || a.line === undefined ? [] : [`line=${a.line}`]),
  ]
  return `::${a.kind} ${properties.join(',')}::${escapeData(a.message)}\n`
}

/**
 * Annotations (on `annotations`: stdout, or stderr when stdout carries data), the job summary
 * and step outputs (through @actions/core, loaded only here).
 */
export async function reportToGithub(
  report: GateReport,
  sarif: string | undefined,
  annotations: {write: (text: string) => unknown} = process.stdout,
): Promise<void> {
  for (const a of annotationsFor(report)) annotations.write(annotationCommand(a))
  try {
    await writeToGithub(report, sarif)
  } catch (error) {
    throw usageError(`cannot write the GitHub job summary or step outputs: ${writeProblem(error)}`, 'E_GITHUB', [
      'Check GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, or run with --no-github.',
    ])
  }
}

async function writeToGithub(report: GateReport, sarif: string | undefined): Promise<void> {
  const core = await import('@actions/core')
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(formatMarkdown(report, SUMMARY_BYTES)).write()
  if (process.env.GITHUB_OUTPUT) {
    for (const [name, value] of Object.entries(outputsFor(report, sarif))) if (value !== undefined) core.setOutput(name, String(value))
  }
}
