import {readFileSync} from 'node:fs'
import path from 'node:path'

import {detect, type RuleSet} from '../../src/engine/index.js'

export interface LabeledExample {
  id: string
  text: string
  entities: Array<{type: string; value: string}>
}

export interface TypeScore {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

export interface AccuracyReport {
  byType: Record<string, TypeScore>
  micro: TypeScore
  /** Ids of examples with a false positive or a false negative, per type (for debugging rules). */
  errors: Array<{id: string; kind: 'fp' | 'fn'; type: string; text: string}>
}

export function loadCorpus(file = path.join(import.meta.dirname, '..', 'fixtures', 'pii-corpus.jsonl')): LabeledExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabeledExample)
}

function spansOf(example: LabeledExample): Array<{type: string; start: number; end: number}> {
  const spans: Array<{type: string; start: number; end: number}> = []
  const from = new Map<string, number>()
  for (const {type, value} of example.entities) {
    const start = example.text.indexOf(value, from.get(value) ?? 0)
    if (start === -1) throw new Error(`${example.id}: value not in text`)
    from.set(value, start + value.length)
    spans.push({type, start, end: start + value.length})
  }

  return spans
}

function score(tp: number, fp: number, fn: number): TypeScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {tp, fp, fn, precision, recall, f1}
}

/**
 * Entity-level scores: a prediction is a true positive when it has the label's type and its span
 * overlaps the label's span (each label matched once; a further prediction inside a label already
 * matched counts neither way). `strict` requires the exact span.
 */
export function evaluate(corpus: readonly LabeledExample[], ruleSet: RuleSet, strict = false): AccuracyReport {
  const counts = new Map<string, {tp: number; fp: number; fn: number}>()
  const errors: AccuracyReport['errors'] = []
  const bump = (type: string, key: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(type) ?? {tp: 0, fp: 0, fn: 0}
    c[key]++
    counts.set(type, c)
  }

  for (const example of corpus) {
    const labels = spansOf(example)
    const used = new Set<number>()
    for (const m of detect(example.text, ruleSet)) {
      const i = labels.findIndex(
        (l, j) => !used.has(j) && l.type === m.type && (strict ? l.start === m.start && l.end === m.end : m.start < l.end && l.start < m.end),
      )
      // Leniently, a second piece of a label already found (one token masked as two) is neither
      // right nor wrong: it masks nothing that is not sensitive.
      if (i === -1 && !strict && labels.some((l) => l.type === m.type && m.start < l.end && l.start < m.end)) continue
      if (i === -1) {
        bump(m.type, 'fp')
        errors.push({id: example.id, kind: 'fp', type: m.type, text: example.text})
      } else {
        used.add(i)
        bump(m.type, 'tp')
      }
    }

    for (const [j, label] of labels.entries()) {
      if (used.has(j)) continue
      bump(label.type, 'fn')
      errors.push({id: example.id, kind: 'fn', type: label.type, text: example.text})
    }
  }

  const byType: Record<string, TypeScore> = {}
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    byType[type] = score(c.tp, c.fp, c.fn)
    tp += c.tp
    fp += c.fp
    fn += c.fn
  }

  return {byType, micro: score(tp, fp, fn), errors}
}

export function formatReport(report: AccuracyReport, title: string): string {
  const pct = (n: number): string => `${(n * 100).toFixed(1)}%`.padStart(7)
  const rows = Object.entries(report.byType).map(
    ([type, s]) =>
      `${type.padEnd(12)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`,
  )
  const m = report.micro
  return [
    title,
    `${'type'.padEnd(12)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'prec'.padStart(7)} ${'recall'.padStart(7)} ${'f1'.padStart(7)}`,
    ...rows,
    `${'micro'.padEnd(12)} ${String(m.tp).padStart(5)} ${String(m.fp).padStart(5)} ${String(m.fn).padStart(5)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`,
  ].join('\n')
}
