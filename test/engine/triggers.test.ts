import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileRules, scan, triggersByPasses, triggersIn, type CompiledRule, type RuleSet} from '../../src/engine/index.js'
import {WordFinder} from '../../src/engine/automaton/words.js'
import {wordsOf} from '../../src/engine/detect.js'
import type {Rule} from '../../src/engine/types.js'
import {builtinRules} from '../../src/rules/index.js'

/** Rules a config could add: each kind of trigger the automaton cannot take keeps its own search. */
const configRules: Rule[] = [
  {
    id: 'custom.ticket',
    type: 'TICKET',
    category: 'pii',
    severity: 'low',
    description: 'an RE2 prefilter',
    prefilter: String.raw`TCK-\d{3}`,
    pattern: String.raw`TCK-\d{6}`,
    examples: {match: [], noMatch: []},
  },
  {
    id: 'custom.greek',
    type: 'GREEK',
    category: 'pii',
    severity: 'low',
    description: 'a case-insensitive keyword that is not ASCII',
    keywords: ['κωδικός'],
    pattern: String.raw`κωδικός \d+`,
    flags: 'i',
    examples: {match: [], noMatch: []},
  },
  {
    id: 'custom.words',
    type: 'MEMBER',
    category: 'pii',
    severity: 'low',
    description: 'a rule that only reports next to its words',
    prefilter: String.raw`M\d{4}`,
    pattern: String.raw`M\d{4}`,
    confidence: 0.3,
    context: {words: ['member id', 'card no', 'tel'], window: 20},
    examples: {match: [], noMatch: []},
  },
]

const builtin = compileRules(builtinRules)
const withConfig = compileRules([...builtinRules, ...configRules], {userRules: new Set(['custom.ticket'])})

/** What the rule needs in the whole text before any part of it is scanned for the rule. */
function hasWords(rule: CompiledRule, text: string): boolean {
  if (rule.needsWords === undefined) return true
  return rule.needsWords.length > 0 && rule.context !== undefined && new RegExp(rule.context.regex.source, 'i').test(wordsOf(text))
}

/** True when a scan of the part [a, b) alone could find the rule (its trigger occurs inside the part). */
function couldMatch(rule: CompiledRule, ruleSet: RuleSet, text: string, a: number, b: number): boolean {
  if (!hasWords(rule, text)) return false
  const part = text.slice(a, b)
  if (rule.trigger === 'always') return true
  if (rule.trigger === 'keywords') {
    const haystack = rule.keywordsIgnoreCase ? part.toLowerCase() : part
    return (rule.keywords ?? []).some((k) => haystack.includes(k.text))
  }

  const prefilter = ruleSet.prefilters[rule.prefilter]
  return prefilter instanceof RegExp ? new RegExp(prefilter.source, prefilter.flags.replace('g', '')).test(part) : (prefilter?.test(part) ?? true)
}

const pieces = [
  // Context words in every case and camelCase, whole and inside other words.
  'phone',
  'Phone',
  'PHONE',
  'phoneNumber',
  'myNumber',
  'textMe',
  'text me',
  'CALL',
  'hotel',
  'string',
  'during',
  'tÉl',
  'TÉLÉPHONE',
  'НОМЕР',
  'номер',
  '電話',
  'ss#',
  'SS#',
  'social security',
  'Member ID',
  'memberId',
  'cardNo',
  'api_key',
  'API_KEY',
  'clientSecret',
  // Triggers of the prefilters and keywords.
  'AKIA',
  'ghp_',
  'sk-',
  'Bearer ',
  'eyJ',
  'hf_AbCdEfGh',
  'glpat-',
  '4111 1111 1111 1111',
  '+44 20 7946 0958',
  '555-0100',
  '123-45-6789',
  'DE89370400440532013000',
  'de89 3704 0044 0532 0130 00',
  '192.168.0.1',
  'fe80:0:0:0:1:2:3:4',
  '::1',
  ':1.2.3.4',
  'name@example.com',
  'password: ',
  'Password is ',
  'contraseña: ',
  'hunter2!x',
  ' -p ',
  ' -pSecret1',
  'PRIVATE KEY',
  'AccountKey=',
  'wa.me/',
  'requirepass ',
  'identified by',
  'TCK-123456',
  'κωδικός 12',
  'ΚΩΔΙΚΌΣ 12',
  'M1234',
  // Units whose case folding is special.
  '\u0130',
  '\u017F',
  '\u212A',
  'Σ',
  'ς',
  // Separators as a JSON line has them.
  ' ',
  '"',
  '":"',
  ',',
  '\n',
  '-',
  '_',
  '.',
  '0',
  '7',
  'x',
]
const text = fc.array(fc.constantFrom(...pieces), {maxLength: 14}).map((parts) => parts.join(''))

describe('triggersIn (one pass of the automaton)', () => {
  for (const [name, ruleSet] of [
    ['the built-in rules', builtin],
    ['built-in and config rules', withConfig],
  ] as const) {
    it(`triggers every rule in every part whose own scan could find it, with ${name} (property)`, () => {
      fc.assert(
        fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
          const a = t.length === 0 ? 0 : x % t.length
          const b = a + (t.length === 0 ? 0 : (y % (t.length - a)) + 1)
          const triggers = triggersIn(t, ruleSet)
          for (const rule of ruleSet.rules) {
            if (!couldMatch(rule, ruleSet, t, a, b)) continue
            const triggered = triggers.everywhere.includes(rule) || triggers.hits.some((h) => h.rule === rule && h.start < b && h.end > a)
            expect(triggered, `${rule.id} in ${JSON.stringify(t.slice(a, b))} of ${JSON.stringify(t)}`).toBe(true)
          }
        }),
        {numRuns: 2500},
      )
    })
  }

  it('leaves out the same rules as the search with one pass per pattern: words and keywords decide alike (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const rulesOf = (triggers: ReturnType<typeof triggersIn>): string[] =>
          [...new Set([...triggers.everywhere, ...triggers.hits.map((h) => h.rule)].map((r) => r.id))].sort()
        // The automaton reads a space in a context word as optional ("textme"), so it may only add rules.
        const slow = rulesOf(triggersByPasses(t, withConfig))
        const fast = rulesOf(triggersIn(t, withConfig))
        for (const id of slow) expect(fast).toContain(id)
        if (!/text ?me|reach ?me|my ?number|phone ?number|contact ?number|social ?security|member ?id|card ?no|seguro ?social/i.test(t))
          expect(fast).toEqual(slow)
      }),
      {numRuns: 2500},
    )
  })

  it('finds a context word wherever its regex does, in a field name split or a value read whole (property)', () => {
    const contexts = [...new Map(withConfig.rules.flatMap((r) => (r.context === undefined ? [] : [[r.context.regex, r.context] as const]))).values()]
    const finders = contexts.map((c) => new WordFinder(c.words))
    fc.assert(
      fc.property(text, text, (key, value) => {
        // As a scan reads a value: its field's name split at camelCase, then the value as it is.
        const keyed = `${wordsOf(key)}: ${value}`
        for (const [i, context] of contexts.entries()) {
          if (new RegExp(context.regex.source, 'i').test(keyed)) expect((finders[i] as WordFinder).occursIn(keyed), context.words.join('|')).toBe(true)
        }
      }),
      {numRuns: 1500},
    )
  })

  it('keeps its own searches for a config whose words need too large an automaton', () => {
    // 1,500 distinct characters: more classes than the automaton takes.
    const words = Array.from({length: 1500}, (_, i) => String.fromCharCode(0x4e00 + i) + String.fromCharCode(0x4e00 + 1500 + i))
    const big = compileRules(
      [
        ...builtinRules,
        {
          id: 'custom.many_words',
          type: 'MEMBER',
          category: 'pii',
          severity: 'low',
          description: 'many words',
          prefilter: String.raw`M\d{4}`,
          pattern: String.raw`M\d{4}`,
          confidence: 0.3,
          context: {words, window: 20},
          examples: {match: [], noMatch: []},
        },
      ],
      {userRules: new Set(['custom.many_words'])},
    )
    const rule = big.rules.find((r) => r.id === 'custom.many_words') as CompiledRule
    const line = `"note":"${words[700] as string} M1234", "card":"4111 1111 1111 1111"`
    const fast = triggersIn(line, big)
    expect(fast.hits.some((h) => h.rule === rule)).toBe(true)
    expect(fast.hits.some((h) => h.rule.id === 'pii.credit_card')).toBe(true)
    expect(scan('M1234', big, {key: words[3] as string}).matches.map((m) => m.rule)).toEqual(['custom.many_words'])
  })

  it('reads context words the same way when it falls back to one search per pattern (a text the automaton gave up on)', () => {
    const phone = builtin.rules.find((r) => r.id === 'pii.phone.plain') as CompiledRule
    const member = withConfig.rules.find((r) => r.id === 'custom.words') as CompiledRule
    expect(triggersByPasses('"note":"TeLePhOnE 0612345678"', builtin).hits.some((h) => h.rule === phone)).toBe(true)
    expect(triggersByPasses('"memberId":"M1234"', withConfig).hits.some((h) => h.rule === member)).toBe(true)
  })

  it('finds a phone word only as a whole word, and in a camelCase name', () => {
    const phoneRule = builtin.rules.find((r) => r.id === 'pii.phone.plain') as CompiledRule
    const has = (t: string): boolean => triggersIn(t, builtin).hits.some((h) => h.rule === phoneRule)
    expect(has('"note":"the hotel 5550100123"')).toBe(false)
    expect(has('"note":"tel 5550100123"')).toBe(true)
    expect(has('"contactPhone":"5550100123"')).toBe(true)
    expect(has('"TÉLÉPHONE":"5550100123"')).toBe(true)
  })
})
