/**
 * Where llmops lives in public: the repository, its documentation and the published GitHub
 * Action. The root --help, `llmops init` and the docs name the same ones.
 */

/** The GitHub repository (owner/name) that publishes the package and the Action. */
export const REPOSITORY = 'llmops-dev/llmops'

export const REPOSITORY_URL = `https://github.com/${REPOSITORY}`

/** The README, the start of the documentation. */
export const DOCS_URL = `${REPOSITORY_URL}#readme`

/** A page of docs/, e.g. `gate.md`. */
export const docUrl = (page: string): string => `${REPOSITORY_URL}/blob/main/docs/${page}`

/**
 * The Action's moving major tag: `v1` follows the newest 1.x.y release, so a workflow that pins
 * it gets fixes without edits; `v1.2.3` never moves (see docs/gate.md).
 */
export const ACTION_MAJOR = 'v1'

export const DEFAULT_ACTION_REF = `${REPOSITORY}@${ACTION_MAJOR}`
