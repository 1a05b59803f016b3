import {readFileSync} from 'node:fs'

import type {FailOn} from '../config/schema.js'
import {parseBoolean, parseFailOn, parseInteger, parseShare} from '../config/values.js'

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
  failOnWeakenedConfig: boolean
  /** Worker threads (`--jobs`); undefined: the monitor's default. */
  jobs: number | undefined
}

type GetInput = (name: string) => string

const list = (value: string): string[] =>
  value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '')

/** An input through the CLI's parser for the same flag (config/values.ts): the two cannot disagree. */
function input<T>(get: GetInput, name: string, parse: (text: string, shown: string) => T): T | undefined {
  const raw = get(name)
  return raw.trim() === '' ? undefined : parse(raw, `input ${name}`)
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
  return {
    paths: list(get('paths')),
    config: get('config') || undefined,
    baseRef: get('base-ref') || baseFromEvent(env.GITHUB_EVENT_PATH),
    failOn: input(get, 'fail-on', parseFailOn) ?? ['pii', 'secret'],
    ignoreFile: get('ignore-file') || undefined,
    sarif: get('sarif') || undefined,
    maxErrorRate: input(get, 'max-error-rate', parseShare),
    maxP95Latency: input(get, 'max-p95-latency', (text, shown) => parseInteger(text, shown, {min: 1})),
    maxP95Increase: input(get, 'max-p95-increase', (text, shown) => parseInteger(text, shown, {min: 0})),
    minSamples: input(get, 'min-samples', (text, shown) => parseInteger(text, shown, {min: 1})) ?? 20,
    failOnWeakenedConfig: input(get, 'fail-on-weakened-config', parseBoolean) ?? false,
    jobs: input(get, 'jobs', (text, shown) => parseInteger(text, shown, {min: 0, max: 64})),
  }
}
