/**
 * A repository's first release needs its release branch to exist on the remote. What to say when
 * it does not: the two ways to create it from the branch that is released (plain git, or
 * `llmops init --create-stable`, which asks for confirmation like a release).
 */
import type {MissingBranchHelp} from './remote.js'

/** `llmops init --create-stable`, with the flags that differ from the defaults. */
export function createStableCommand(names: {remote: string; from: string; branch: string}): string {
  const flags = [
    names.branch !== 'stable' && `--branch ${names.branch}`,
    names.from !== 'main' && `--from ${names.from}`,
    names.remote !== 'origin' && `--remote ${names.remote}`,
  ]
  return ['llmops init --create-stable', ...flags.filter((f) => typeof f === 'string')].join(' ')
}

/** The help of release (and init) when the release branch or the source branch is missing. */
export function missingReleaseBranches(names: {remote: string; from: string; branch: string}): MissingBranchHelp {
  const {remote, from, branch} = names
  return {
    [branch]: {
      why: 'the release branch does not exist yet (a first release?)',
      suggestions: [
        `Create it once from ${from}: git push ${remote} ${from}:${branch} (or ${createStableCommand(names)}, which asks first), then release again.`,
        'If your release branch has another name, pass it with --branch.',
      ],
    },
    [from]: {why: 'nothing to release from', suggestions: [`git ls-remote --heads ${remote} lists its branches; pass the one to release with --from.`]},
  }
}
