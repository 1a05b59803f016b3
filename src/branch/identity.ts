/**
 * Who is moving the branch, for the audit trail (backup and release tags record it): git's
 * identity, required, plus the GitHub actor and run under Actions.
 */
import type {Git} from '../git/index.js'
import {precondition} from './errors.js'

/** Who is doing this, for the audit trail: git's identity, plus the GitHub actor under Actions. */
export async function whoAmI(git: Git, env: NodeJS.ProcessEnv): Promise<string> {
  const identity = await git.identity()
  if (identity === null) {
    throw precondition('git does not know who you are, and the audit record needs a name', 'E_NO_IDENTITY', [
      'git config user.name "Your Name" && git config user.email you@example.com',
    ])
  }

  const actor = env.GITHUB_ACTIONS === 'true' ? env.GITHUB_ACTOR : undefined
  const run =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `, ${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : ''
  return actor ? `${identity} (GitHub Actions, actor ${actor}${run})` : identity
}
