import {usageError} from '../errors.js'
import {openGit, type Git} from '../git/index.js'

/** The fetch that would bring `ref`: `upstream/dev` from upstream, a plain name (a branch or a tag) from the first remote. */
async function fetchFor(git: Git, ref: string): Promise<string> {
  const remotes = await git.remotes()
  const name = ref.replace(/^refs\/remotes\//, '')
  const remote = remotes.find((r) => name.startsWith(`${r}/`))
  const quote = (text: string): string => (/^[\w./@^~-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`)
  if (remote !== undefined) return `git fetch ${quote(remote)} ${quote(name.slice(remote.length + 1))}`
  return `git fetch ${quote(remotes[0] ?? 'origin')} ${quote(ref.replace(/^refs\/(heads|tags)\//, ''))}`
}

/**
 * What the PII gate needs from git (see src/gate/changed.ts), for the repository around `cwd`.
 * Refs come from users and CI: a value that starts with "-" is refused before git sees it.
 */
export function gitChanges(cwd: string, env: NodeJS.ProcessEnv = process.env) {
  let opened: Promise<{git: Git; root: string}> | undefined
  const repo = async (): Promise<{git: Git; root: string}> => {
    opened ??= (async () => {
      const probe = await openGit({cwd, env})
      const root = await probe.toplevel()
      if (root === null) throw usageError(`--changed-since needs a git repository; ${cwd} is not in one`, 'E_NOT_A_REPO')
      return {git: await openGit({cwd: root, env}), root}
    })()
    return opened
  }

  return {
    root: async () => (await repo()).root,
    async mergeBase(ref: string): Promise<string> {
      const {git} = await repo()
      if (ref.startsWith('-') || ref.trim() === '') throw usageError(`--changed-since ${JSON.stringify(ref)}: not a ref`, 'E_USAGE')
      // A tag named like a branch (anyone who can push a tag can make one called main or
      // origin/main) would win git's short-name lookup and move the base to the change itself.
      const candidates = await git.refCandidates(ref)
      if (new Set(candidates.map((c) => c.sha)).size > 1) {
        throw usageError(`--changed-since ${ref} is ambiguous: ${candidates.map((c) => `${c.ref} (${c.sha.slice(0, 12)})`).join(', ')}`, 'E_USAGE', [
          "Name the branch in full (refs/remotes/origin/main), or give the base commit's sha.",
        ])
      }

      const commit = await git.resolveCommit(candidates[0]?.ref ?? ref)
      if (commit === null) {
        const hint = (await git.isShallow())
          ? 'This clone is shallow: fetch the full history (actions/checkout with fetch-depth: 0).'
          : `Fetch it first (${await fetchFor(git, ref)}), or give a commit sha.`
        throw usageError(`--changed-since: unknown ref ${ref}`, 'E_USAGE', [hint])
      }
      const base = await git.mergeBase(commit, 'HEAD')
      if (base === null) {
        throw usageError(`--changed-since: ${ref} and HEAD have no common commit in this clone`, 'E_SHALLOW', [
          'Fetch the full history (actions/checkout with fetch-depth: 0).',
        ])
      }

      return base
    },
    async changedFiles(base: string, head?: string): Promise<Array<{path: string; from?: string}>> {
      const {git} = await repo()
      const changed = await git.diffNames(base, head)
      if (head !== undefined) return changed
      // The working tree: untracked files count too.
      const known = new Set(changed.map((f) => f.path))
      return [...changed, ...(await git.listFiles(true)).filter((f) => !known.has(f)).map((f) => ({path: f}))]
    },
    async head(): Promise<string> {
      const {git} = await repo()
      const head = await git.resolveCommit('HEAD')
      if (head === null)
        throw usageError('the repository has no commit yet: there is nothing committed to scan', 'E_NOT_A_REPO', [
          'Commit the logs first, or pass --uncommitted to scan the working tree.',
        ])
      return head
    },
    entries: async (commit: string) => (await repo()).git.treeEntries(commit),
    trackedFiles: async () => (await repo()).git.listFiles(),
    async *open(commit: string, file: string): AsyncGenerator<Buffer> {
      const {git} = await repo()
      yield* git.blobStream(commit, file) as AsyncIterable<Buffer>
    },
    readAt: async (base: string, file: string) => (await repo()).git.readBlob(base, file),
    existsAt: async (commit: string, file: string) => (await repo()).git.blobExists(commit, file),
  }
}
