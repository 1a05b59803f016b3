/** --explain-schema as text: one block per line, paths and names only. */
import type {Explanation} from '../results/explain.js'
import {printable} from '../text/printable.js'

const WIDTH = 15

export function formatExplanations(explanations: readonly Explanation[]): string {
  const out: string[] = []
  for (const e of explanations) {
    out.push(
      `${printable(e.file)}:${e.line}  ${e.schema ?? 'not read'}  (${e.how})${e.spans === undefined ? '' : `, ${e.spans} GenAI span${e.spans === 1 ? '' : 's'}`}`,
    )
    for (const f of e.facts) {
      const where = f.from === null ? 'not in this line' : `${printable(f.from)}${f.by === 'config' ? '  (config)' : ''}`
      const kinds = f.fact === 'error' && e.errors.length > 0 ? `  -> ${e.errors.join(', ')}` : ''
      out.push(`  ${f.fact.padEnd(WIDTH)} ${where}${kinds}`)
    }
  }

  return out.length === 0 ? 'No line in that range.\n' : `${out.join('\n')}\n`
}
