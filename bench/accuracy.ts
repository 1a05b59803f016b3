// Precision and recall of the built-in rules on the labeled corpora in test/fixtures/:
// pii-corpus.jsonl (development: the rules were tuned on it), pii-heldout.jsonl (written
// independently) and pii-realworld.jsonl (written without reading the rules, from real-world
// formats: national phones, provider tokens, every card network and IBAN country) and
// pii-blind.jsonl (written the same way, later, by another author, and measured before any rule
// was changed for it).
//   npm run accuracy                       # both corpora, lenient (overlapping span) and strict
//   npm run accuracy -- --errors heldout   # also list every false positive and false negative
import path from 'node:path'

import {compileRules} from '../src/engine/index.js'
import {builtinRules} from '../src/rules/index.js'
import {evaluate, formatReport, loadCorpus} from '../test/support/accuracy.js'

const ruleSet = compileRules(builtinRules)
const only = process.argv.slice(2).find((a) => !a.startsWith('--'))
for (const name of ['corpus', 'heldout', 'realworld', 'blind']) {
  if (only !== undefined && only !== name) continue
  const corpus = loadCorpus(path.join(import.meta.dirname, '..', 'test', 'fixtures', `pii-${name}.jsonl`))
  const lenient = evaluate(corpus, ruleSet)
  console.log(formatReport(lenient, `pii-${name}.jsonl: ${corpus.length} labeled examples, span overlaps the label:`))
  console.log()
  console.log(formatReport(evaluate(corpus, ruleSet, true), 'exact span:'))
  console.log()
  if (process.argv.includes('--errors')) {
    for (const e of lenient.errors) console.log(`${e.kind} ${e.type.padEnd(11)} ${e.id} ${JSON.stringify(e.text).slice(0, 170)}`)
  }
}
