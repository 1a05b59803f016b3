/**
 * The exit codes a command's code can produce, read from the source: every file the command
 * reaches through relative imports (static or dynamic), every error code raised there
 * ('E_…' names, mapped by the registry) and every `ExitCode.…` it returns. errors.ts itself, the
 * registry of all codes, is not counted. It over-approximates (a code on a path that a flag never
 * takes still counts), which is the safe side for a list in --help.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {ERROR_CODES, ExitCode, type ErrorCode} from '../../src/errors.js'

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT)]
    .filter((m) => !/^\s*import\s+type\b/.test(m[0].trimStart()) && !/^\s*export\s+type\b/.test(m[0].trimStart()))
    .map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2] ?? '').replace(/\.js$/, '.ts')))
    .filter((target) => existsSync(target))
}

/** Every file of src/ that `entry` can run, itself included. */
export function reachableFiles(entry: string): string[] {
  const seen = new Set([entry])
  const queue = [entry]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of importsOf(file)) {
      if (!seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }

  return [...seen]
}

export function reachableExitCodes(entry: string): number[] {
  const codes = new Set<number>()
  for (const file of reachableFiles(entry)) {
    if (path.basename(file) === 'errors.ts' && path.basename(path.dirname(file)) === 'src') continue
    // A command's own list (`exitCodesHelp(…)`) is what is checked: it does not count as a source.
    const text = readFileSync(file, 'utf8').replaceAll(/exitCodesHelp\([^)]*\)/g, '')
    for (const [, name] of text.matchAll(/'(E_[A-Z_]+)'/g)) {
      if (name !== undefined && name in ERROR_CODES) codes.add(ERROR_CODES[name as ErrorCode])
    }

    for (const [, name] of text.matchAll(/\bExitCode\.([A-Z_]+)/g)) {
      if (name !== undefined && name in ExitCode) codes.add(ExitCode[name as keyof typeof ExitCode])
    }
  }

  return [...codes].sort((a, b) => a - b)
}
