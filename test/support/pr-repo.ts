/**
 * A repository with a base commit and a pull-request head, for the PII gate: the base on `main`,
 * the head on `feature`, checked out, as actions/checkout leaves it.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {createRepos, git, type Repos} from './git-repos.js'

export interface PrRepo extends Repos {
  base: string
}

/** `files` at the base commit, then `changes` committed on the PR branch (text, or bytes as they are). */
export async function prRepo(files: Record<string, string | Uint8Array>, changes: Record<string, string | Uint8Array>): Promise<PrRepo> {
  const repos = await createRepos()
  const {work, env} = repos
  const put = async (all: Record<string, string | Uint8Array>): Promise<void> => {
    for (const [file, text] of Object.entries(all)) {
      await mkdir(path.dirname(path.join(work, file)), {recursive: true})
      await writeFile(path.join(work, file), text)
    }
  }

  await git(work, env, 'checkout', '-q', '-B', 'main')
  await put(files)
  await git(work, env, 'add', '-A')
  await git(work, env, 'commit', '-q', '--allow-empty', '-m', 'base')
  const base = await git(work, env, 'rev-parse', 'HEAD')
  await git(work, env, 'checkout', '-q', '-b', 'feature')
  await put(changes)
  await git(work, env, 'add', '-A')
  await git(work, env, 'commit', '-q', '--allow-empty', '-m', 'pull request')
  return {...repos, base}
}

export const rec = (id: string, response: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({id, user_query: 'q', bot_response: response, latency_ms: 100, ...extra})
