/**
 * What init tells a person: one line per file and one for the release branch, then what to do
 * next. Pure text; the result object is the --json output.
 */
import {cell} from '../text/printable.js'
import {short} from '../branch/text.js'
import type {FileStatus, InitResult} from './types.js'

const WORDS: Record<FileStatus, string> = {
  created: 'created',
  overwritten: 'overwritten',
  unchanged: 'unchanged',
  would_create: 'would create',
  would_overwrite: 'would overwrite',
  differs: 'differs',
}

export function formatInitResult(result: InitResult): string {
  const lines = result.files.map((f) => `  ${WORDS[f.status].padEnd(16)}${cell(f.path, 120)}`)
  const {stable} = result
  if (stable.status === 'created')
    lines.push(`  ${'created'.padEnd(16)}${stable.remote}/${stable.branch} at ${short(stable.sha ?? '')} (from ${stable.from_branch})`)
  if (stable.status === 'would_create')
    lines.push(`  ${'would create'.padEnd(16)}${stable.remote}/${stable.branch} at ${short(stable.sha ?? '')} (from ${stable.from_branch})`)
  if (stable.status === 'exists') lines.push(`  ${'unchanged'.padEnd(16)}${stable.remote}/${stable.branch} (exists at ${short(stable.sha ?? '')})`)
  if (result.files.some((f) => f.status === 'differs')) lines.push('  (a file that differs is not overwritten: a real run refuses it without --force)')
  const head = result.dry_run ? 'Dry run: nothing was written.' : result.changed ? 'llmops init:' : 'Nothing to do: everything is already set up.'
  const next =
    result.dry_run || !result.changed
      ? []
      : [
          '',
          'Next: review the files, commit them on your main branch, and open a pull request; the gate runs on every pull request.',
          'Existing logs: llmops monitor <files> --write-baseline accepts what is there today (review .llmopsignore before committing).',
        ]
  return `${[head, ...lines, ...next].join('\n')}\n`
}
