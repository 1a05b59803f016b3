import {ExitCode, toFailure} from '../errors.js'
import {monitorLogs} from '../monitor/monitor-logs.js'
import {defaultThreads} from '../monitor/threads.js'
import {readInputs} from './inputs.js'

/** Set by the bundler (package.json's version). */
declare const LLMOPS_VERSION: string | undefined

/**
 * The PII gate as a GitHub Action: the same use case as `llmops monitor --changed-since`, with
 * the pull request's base, annotations, job summary, SARIF and outputs. No token and no network:
 * it works on pull requests from forks. Fails closed: an internal error is exit 70, never 0.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const core = await import('@actions/core')
  try {
    const inputs = readInputs((name) => core.getInput(name), env)
    if (inputs.baseRef === undefined) core.info('No pull request base: scanning every tracked log file.')
    const exitCode = await monitorLogs({
      files: inputs.paths,
      explicitFiles: inputs.paths.length > 0,
      allTrackedByDefault: true,
      configPath: inputs.config,
      overrides: {failOn: inputs.failOn},
      redact: true,
      follow: false,
      format: 'summary',
      quiet: false,
      // As the CLI: the runner's cores help (dist/worker.js is the worker threads' bundle).
      threads: inputs.jobs ?? defaultThreads(),
      version: typeof LLMOPS_VERSION === 'string' ? LLMOPS_VERSION : 'dev',
      gate: {
        changedSince: inputs.baseRef,
        failOnWeakenedConfig: inputs.failOnWeakenedConfig,
        ignoreFile: inputs.ignoreFile,
        sarif: inputs.sarif,
        github: true,
        thresholds: {
          maxErrorRate: inputs.maxErrorRate,
          maxP95LatencyMs: inputs.maxP95Latency,
          maxP95IncreasePercent: inputs.maxP95Increase,
          minSamples: inputs.minSamples,
        },
      },
    })
    if (exitCode === ExitCode.GATE_FAILED) core.setFailed('llmops PII gate failed: see the annotations and the job summary.')
    else if (exitCode !== ExitCode.OK) core.setFailed(`llmops stopped with exit code ${exitCode}.`)
    return exitCode
  } catch (error) {
    const failure = toFailure(error)
    core.setFailed(`${failure.message}${failure.suggestions.length > 0 ? `\n${failure.suggestions.join('\n')}` : ''}`)
    return failure.exitCode
  }
}
