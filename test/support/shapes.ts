/** The log-shape fixtures (test/fixtures/shapes/), and every string leaf of a record by path. */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {FIXTURES} from '../helpers.js'

export const SHAPES = ['openai-chat', 'openai-responses', 'otel-genai', 'langfuse', 'langsmith'] as const
export type ShapeName = (typeof SHAPES)[number]

export const shapeFixture = (shape: ShapeName): string => path.join(FIXTURES, 'shapes', `${shape}.jsonl`)

/** The records of a shape's fixture file, parsed. */
export function shapeRecords(shape: ShapeName): Array<Record<string, unknown>> {
  return readFileSync(shapeFixture(shape), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

export type Path = Array<string | number>

/** The path of every string value of a record, in document order. */
export function stringLeaves(value: unknown, at: Path = []): Path[] {
  if (typeof value === 'string') return [at]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]))
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]))
  return []
}

/** The path of every value of a record (objects and arrays included, the root excepted). */
export function allPaths(value: unknown, at: Path = []): Path[] {
  const here = at.length === 0 ? [] : [at]
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => allPaths(v, [...at, i]))]
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...at, k]))]
  return here
}

/** A deep copy of `record` with the value at `at` replaced. */
export function withValue(record: unknown, at: Path, value: unknown): unknown {
  const copy = structuredClone(record) as Record<string | number, unknown>
  let holder = copy
  for (const step of at.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>
  holder[at.at(-1) as string | number] = value
  return copy
}

/** The finding label the monitor gives a path (`a.b[0].c`). */
export const label = (at: Path): string => at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')

/** Obviously fake values of each kind, as a log would hold them. */
export const FAKE = {EMAIL: 'jane.doe@example.com', PHONE: '+1 555 010 0199', CREDIT_CARD: '4111 1111 1111 1111'} as const
