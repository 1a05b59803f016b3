/** The evaluate use case: compare two runs, versions or windows, and build the HTML report. */
import {ExitCode, type ExitCodeValue} from '../errors.js'
import type {Comparison, RegressionLimits} from '../results/comparison.js'
import {compareSides} from './compare.js'
import {loadSides, type SidesRequest} from './load.js'

export {DEFAULT_LIMITS} from './compare.js'

export interface CompareRequest extends SidesRequest {
  limits: RegressionLimits
  failOnRegression: boolean
}

/** The comparison, and the exit code: 1 when --fail-on-regression and a judged metric regressed. */
export async function compareRuns(request: CompareRequest): Promise<{comparison: Comparison; exitCode: ExitCodeValue}> {
  const sides = await loadSides(request)
  const comparison = compareSides(sides.baseline, sides.candidate, request.limits)
  comparison.notes.unshift(...sides.notes)
  const failed = request.failOnRegression && comparison.regressions.length > 0
  return {comparison, exitCode: failed ? ExitCode.GATE_FAILED : ExitCode.OK}
}
