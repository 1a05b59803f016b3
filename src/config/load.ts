import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {usageError} from '../errors.js'
import {readProblem} from '../io/fs-problem.js'
import {describeJsonError} from '../io/jsonl.js'
import {problemsOf} from './issues.js'
import {configSchema, type Config} from './schema.js'

export const DEFAULT_CONFIG_FILE = '.llmops.json'
export const CONFIG_ENV = 'LLMOPS_CONFIG'

export interface LoadedConfig {
  config: Config
  /** The file it came from, or undefined when only defaults apply. */
  source: string | undefined
}

/** Validate a parsed config object; the error names the file and every bad key. */
export function parseConfig(data: unknown, source: string): Config {
  const result = configSchema.safeParse(data)
  if (result.success) return result.data
  const problems = problemsOf(result.error.issues, 'key', data).map(({where, what}) => `${where}: ${what}`)
  throw usageError(`invalid config ${source}:\n  ${problems.join('\n  ')}`, 'E_CONFIG_INVALID', [
    'See the Configuration section of the README for the keys and their types.',
  ])
}

/** The text of a config file, parsed and validated (a leading byte order mark is ignored). */
function parseConfigText(text: string, shown: string): Config {
  let data: unknown
  try {
    data = JSON.parse(text.codePointAt(0) === 0xfe_ff ? text.slice(1) : text)
  } catch (error) {
    throw usageError(`config file ${shown} is not valid JSON: ${describeJsonError(error)}`, 'E_CONFIG_INVALID')
  }

  return parseConfig(data, shown)
}

/**
 * Find and validate the project config. Order: an explicit path (flag), then $LLMOPS_CONFIG,
 * then `.llmops.json` in `cwd`; without any, the defaults.
 */
export async function loadConfig(options: {cwd: string; path?: string | undefined; env?: NodeJS.ProcessEnv}): Promise<LoadedConfig> {
  const explicit = options.path ?? (options.env?.[CONFIG_ENV] || undefined)
  const file = path.resolve(options.cwd, explicit ?? DEFAULT_CONFIG_FILE)
  const shown = explicit ?? DEFAULT_CONFIG_FILE
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && explicit === undefined) return {config: configSchema.parse({}), source: undefined}
    throw usageError(`config file ${shown} ${readProblem(error)}`, 'E_CONFIG_NOT_FOUND')
  }

  return {config: parseConfigText(text, shown), source: file}
}

/** One named config file, read at once (the library's detectors are made synchronously). */
export function loadConfigFileSync(file: string, cwd: string): Config {
  let text: string
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8')
  } catch (error) {
    throw usageError(`config file ${file} ${readProblem(error)}`, 'E_CONFIG_NOT_FOUND')
  }

  return parseConfigText(text, file)
}
