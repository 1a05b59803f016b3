import {readFileSync} from 'node:fs'

import {FAIL_ON, type FailOn} from '../config/schema.js'
import {usageError} from '../errors.js'

/** The Action's inputs, read the way GitHub passes them: INPUT_<NAME> environment variables. */
export interface ActionInputs {
  paths: string[]
  config: string | undefined
  baseRef: string | undefined
  failOn: FailOn[]
  ignoreFile: string | undefined
  sarif: string | undefined
  maxErrorRate: number | undefined
  maxP95Latency: number | undefined
  maxP95Increase: number | undefined
  minSamples: number
}

type GetInput = (name: string) => string

const list = (value: string): string[] =>
  value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '')

function number(get: GetInput, name: string, range: {min: number; max?: number}): number | undefined {
  const raw = get(name).trim()
  if (raw === '') return undefined
  const percent = raw.endsWith('%')
  const value = Number(percent ? raw.slice(0, -1) : raw) / (percent ? 100 : 1)
  if (!Number.isFinite(value) || value < range.min || (range.max !== undefined && value > range.max)) {
    throw usageError(`input ${name}: ${JSON.stringify(raw)} is not a number from ${range.min}${range.max === undefined ? '' : ` to ${range.max}`}`, 'E_USAGE')
  }

  return value
}

/** The pull request's base commit, from the event payload GitHub writes for the job. */
export function baseFromEvent(eventPath: string | undefined): string | undefined {
  if (!eventPath) return undefined
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {pull_request?: {base?: {sha?: string}}}
    return event.pull_request?.base?.sha
  } catch {
    return undefined
  }
}

export function readInputs(get: GetInput, env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = list(get('fail-on') || 'pii,secret')
  const unknown = failOn.filter((f) => !(FAIL_ON as readonly string[]).includes(f))
  if (unknown.length > 0) throw usageError(`input fail-on: unknown ${unknown.join(', ')}; use ${FAIL_ON.join(', ')}`, 'E_USAGE')
  return {
    paths: list(get('paths')),
    config: get('config') || undefined,
    baseRef: get('base-ref') || baseFromEvent(env.GITHUB_EVENT_PATH),
    failOn: failOn as FailOn[],
    ignoreFile: get('ignore-file') || undefined,
    sarif: get('sarif') || undefined,
    maxErrorRate: number(get, 'max-error-rate', {min: 0, max: 1}),
    maxP95Latency: number(get, 'max-p95-latency', {min: 1}),
    maxP95Increase: number(get, 'max-p95-increase', {min: 0}),
    minSamples: number(get, 'min-samples', {min: 1}) ?? 20,
  }
}
