import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileRules, detect, normalize, normalizedText} from '../../src/engine/index.js'
import {builtinRules} from '../../src/rules/index.js'

const ruleSet = compileRules(builtinRules)

/** Characters that normalisation changes or that sit next to what it changes. */
const tricky = fc.constantFrom(
  '&',
  '#',
  ';',
  'x',
  '6',
  '4',
  '0',
  '%',
  '2',
  'B',
  'b',
  '@',
  '.',
  ' ',
  'a',
  'Z',
  '"',
  '\\',
  '-',
  '\u200B',
  '\u00AD',
  '\uFEFF',
  '\u00A0',
  '\u2009',
  '\u3000',
  '\u2013',
  '\u2014',
  '\uFF14',
  '\uFF20',
  '\u2122',
  '\uFE0F',
  '\uD835',
  '\uDC1A',
  '\uD835\uDC1A',
  '\u0664',
  '\u0966',
  '\u00E9',
  '\u0301',
  '&amp;',
  '&#64;',
  'u',
  '\\u0040',
  '\\u00e9',
  '\\uD835\\uDC1A',
  '\\uD835',
  '&#x40;',
  '&commat;',
  '%40',
  '\u0007',
)
const trickyText = fc.array(tricky, {maxLength: 30}).map((parts) => parts.join(''))

describe('normalize', () => {
  it.each([
    ['jane\u200B@example.com', 'jane@example.com'],
    ['\uFF14\uFF11\uFF11\uFF11 1111', '4111 1111'],
    ['555\u00A0010\u00A00199', '555 010 0199'],
    ['jane&#64;example.com', 'jane@example.com'],
    ['jane&#x40;example.com &commat; &amp;', 'jane@example.com @ &'],
    ['jane%40example.com', 'jane@example.com'],
    [String.raw`jane\u0040example.com ren\u00E9e`, 'jane@example.com renée'],
    [String.raw`\ud835\udc23ane \uD835 \u00 \u004 \x40 \\n`, String.raw`jane  \u00 \u004 \x40 \\n`],
    ['\uD835\uDC23ane', 'jane'],
    ['\u0664\u0661\u0661\u0661', '4111'],
    ['415\u2013555\u20130123', '415-555-0123'],
    ['soft\u00ADhyphen', 'softhyphen'],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizedText(input)).toBe(expected)
    expect(normalize(input)?.text).toBe(expected)
  })

  it('leaves plain text and typographic punctuation alone (no copy, no map)', () => {
    for (const text of ['plain ascii, with & and % signs: 100% Q&A', '“quoted” → €5 £3 café']) {
      expect(normalize(text)).toBeUndefined()
      expect(normalizedText(text)).toBe(text)
    }
  })

  it('is local: the normal form of a quoted part is the quoted normal form of the part', () => {
    // What the monitor's line-level prefilter relies on (a value stands between quotes in a line).
    fc.assert(
      fc.property(trickyText, trickyText, trickyText, (a, b, c) => {
        const whole = normalizedText(`${a}"${b}"${c}`)
        expect(whole).toContain(`"${normalizedText(b)}"`)
      }),
      {numRuns: 3000},
    )
  })

  it('maps every unit of the normal form back into the source, in order', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const normal = normalize(text)
        if (normal === undefined) return
        let last = 0
        for (let i = 0; i < normal.text.length; i++) {
          const from = normal.map.from(i)
          const to = normal.map.to(i)
          expect(from).toBeGreaterThanOrEqual(last)
          expect(to).toBeGreaterThan(from)
          expect(to).toBeLessThanOrEqual(text.length)
          last = from
        }
      }),
      {numRuns: 2000},
    )
  })
})

/** Ways an attacker (or a word processor) writes the same value so that it reads the same. */
const disguises: Record<string, (value: string) => string> = {
  'zero-width space between characters': (v) => [...v].join('\u200B'),
  'soft hyphens': (v) => [...v].join('\u00AD'),
  'no-break spaces for spaces': (v) => v.replaceAll(' ', '\u00A0'),
  'full-width digits and @': (v) => v.replaceAll(/[0-9@]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
  'HTML references for @ and .': (v) => v.replaceAll('@', '&#64;').replaceAll('.', '&period;'),
  'percent-escaped @': (v) => v.replaceAll('@', '%40'),
}

describe('findings survive disguises, with spans over the written value', () => {
  const values = ['jane.doe@example-mail.com', '4242 4242 4242 4242', '555-123-4567', 'AKIAQKIK5I72IFRJ3LW4', '472-50-9508', 'DE89 3704 0044 0532 0130 00']
  for (const [name, disguise] of Object.entries(disguises)) {
    it.each(values)(`${name}: %s`, (value) => {
      const written = disguise(value)
      const text = `see ${written} today`
      const matches = detect(text, ruleSet)
      const plain = detect(`see ${value} today`, ruleSet)
      expect(matches.map((m) => [m.type, m.value])).toEqual(plain.map((m) => [m.type, m.value]))
      // the span covers the value as written, so masking replaces all of it
      expect(matches.map((m) => text.slice(m.start, m.end))).toEqual([written])
    })
  }
})

describe('the normal form of a text does not depend on what was read before', () => {
  it('lone surrogates and odd characters earlier in a run change no later result (property)', () => {
    const probes = ['jane@exa\u{E0020}mple.com', '\u{1D7D2}\u{1D7CF}', 'a\uFFF9b', '4111\u28001111', '\u{1F100}', 'x\uDB40\uDC20y']
    const expected = probes.map((p) => normalizedText(p))
    const noise = fc.array(
      fc.oneof(trickyText, fc.string({unit: 'binary', maxLength: 6}), fc.constantFrom('\uDB40', '\uD835', '\uD83C', '\uDB40x', 'x\uDC20')),
      {maxLength: 20},
    )
    fc.assert(
      fc.property(noise, (texts) => {
        for (const text of texts) normalizedText(text)
        expect(probes.map((p) => normalizedText(p))).toEqual(expected)
      }),
      {numRuns: 500},
    )
    expect(expected).toEqual(['jane@example.com', '41', 'ab', '4111 1111', '0.', 'xy'])
  })
})
