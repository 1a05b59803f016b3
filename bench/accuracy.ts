// Precision and recall of the built-in rules on the labeled corpus (test/fixtures/pii-corpus.jsonl).
//   npm run accuracy            # lenient (overlapping span) and strict (exact span) tables
//   npm run accuracy -- --errors  # also list every false positive and false negative
import {compileRules} from '../src/engine/index.js'
import {builtinRules} from '../src/rules/index.js'
import {evaluate, formatReport, loadCorpus} from '../test/support/accuracy.js'

const corpus = loadCorpus()
const ruleSet = compileRules(builtinRules)
const lenient = evaluate(corpus, ruleSet)
console.log(formatReport(lenient, `${corpus.length} labeled examples, span overlaps the label:`))
console.log()
console.log(formatReport(evaluate(corpus, ruleSet, true), 'exact span:'))
if (process.argv.includes('--errors')) {
  for (const e of lenient.errors) console.log(`${e.kind} ${e.type.padEnd(11)} ${e.id} ${JSON.stringify(e.text).slice(0, 160)}`)
}
