import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {z} from 'zod'

import {problemsOf} from '../config/issues.js'
import {usageError} from '../errors.js'
import {AtomicFile} from '../io/atomic-file.js'
import {readProblem} from '../io/fs-problem.js'
import {describeJsonError} from '../io/jsonl.js'
import type {FindingDetail} from '../results/summary.js'

export const IGNORE_FILE = '.llmopsignore'

const day = /^\d{4}-\d\d-\d\d$/
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/

/** A real calendar date (2026-02-30 is not), or an ISO time with a zone. */
function validDate(value: string): boolean {
  if (day.test(value)) return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
  return isoTime.test(value) && !Number.isNaN(Date.parse(value))
}

// Loose: keys we do not know (a ticket number...) are kept, not an error.
export const ignoreEntrySchema = z.looseObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'a 32-character fingerprint from llmops output'),
  reason: z.string().trim().min(1, 'say why the finding is acceptable'),
  who: z.string().optional(),
  expires: z.string().refine(validDate, 'a date such as 2027-01-31, or an ISO time with a zone').optional(),
  // Informational: what the entry is about (the masked value, never the raw one).
  rule: z.string().optional(),
  type: z.string().optional(),
  file: z.string().optional(),
  masked: z.string().optional(),
})

export type IgnoreEntry = z.infer<typeof ignoreEntrySchema>

export interface Ignores {
  /** Entries in force. */
  active: IgnoreEntry[]
  /** Entries whose date has passed: they no longer suppress anything. */
  expired: IgnoreEntry[]
  /** The file they came from, if any. */
  source: string | undefined
  /** Its text, kept as written (comments, key order) for --write-baseline. */
  text?: string
}

/** An entry expires at the end of its day (UTC) when given as a date. */
function expiresAt(value: string): number {
  return day.test(value) ? Date.parse(`${value}T23:59:59.999Z`) : Date.parse(value)
}

function parseEntries(text: string, shown: string): unknown[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[]
    } catch (error) {
      throw usageError(`${shown} is not valid JSON: ${describeJsonError(error)}`, 'E_IGNORE_INVALID')
    }
  }

  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return []
    try {
      return [JSON.parse(line) as unknown]
    } catch (error) {
      throw usageError(`${shown}:${i + 1}: not valid JSON: ${describeJsonError(error)}`, 'E_IGNORE_INVALID')
    }
  })
}

/** Read the ignore file (JSON Lines, or a JSON array); a missing default file is empty. */
export async function loadIgnores(file: string | undefined, options: {cwd: string; now?: Date; optional?: boolean}): Promise<Ignores> {
  const shown = file ?? IGNORE_FILE
  const full = path.resolve(options.cwd, shown)
  let text: string
  try {
    text = await readFile(full, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (file === undefined || options.optional)) return {active: [], expired: [], source: undefined}
    throw usageError(`ignore file ${shown} ${readProblem(error)}`, 'E_IGNORE_INVALID')
  }

  return {...parseIgnores(text, shown, options.now), source: full, text}
}

/** The entries of an ignore file's text, split into those in force at `now` and the expired. */
export function parseIgnores(text: string, shown: string, at = new Date()): {active: IgnoreEntry[]; expired: IgnoreEntry[]} {
  const now = at.getTime()
  const ignores = {active: [] as IgnoreEntry[], expired: [] as IgnoreEntry[]}
  for (const [i, raw] of parseEntries(text, shown).entries()) {
    const parsed = ignoreEntrySchema.safeParse(raw)
    if (!parsed.success) {
      const [problem] = problemsOf(parsed.error.issues, 'key', raw)
      throw usageError(`${shown}: entry ${i + 1}: ${problem?.key || 'entry'}: ${problem?.what ?? 'invalid'}`, 'E_IGNORE_INVALID')
    }

    const entry = parsed.data
    if (entry.expires !== undefined && expiresAt(entry.expires) < now) ignores.expired.push(entry)
    else ignores.active.push(entry)
  }

  return ignores
}

/** The line that accepts a finding: printed by a failing run, written by --write-baseline. */
export function ignoreLine(finding: FindingDetail, reason = '<why this is acceptable>', expires?: string): string {
  const entry: IgnoreEntry = {fingerprint: finding.fingerprint, reason, rule: finding.rule, type: finding.type, file: finding.file, masked: finding.masked}
  if (expires !== undefined) entry.expires = expires
  return JSON.stringify(entry)
}

/** Write the ignore file with the current findings added to the entries already there. */
export async function writeBaseline(
  file: string | undefined,
  cwd: string,
  findings: readonly FindingDetail[],
  existing: Ignores,
  now = new Date(),
): Promise<{written: number; added: number; path: string}> {
  const shown = file ?? IGNORE_FILE
  const known = new Set([...existing.active, ...existing.expired].map((e) => e.fingerprint))
  const lines: string[] = []
  const reason = `baseline of ${now.toISOString().slice(0, 10)}: present before the gate`
  let added = 0
  for (const finding of findings) {
    if (known.has(finding.fingerprint)) continue
    known.add(finding.fingerprint)
    lines.push(ignoreLine(finding, reason))
    added++
  }

  // The file as it was (comments and all), then the new entries.
  const before = existing.text === undefined || existing.text === '' ? '' : existing.text.endsWith('\n') ? existing.text : `${existing.text}\n`
  await AtomicFile.write(path.resolve(cwd, shown), before + lines.map((l) => l + '\n').join(''), shown)

  return {written: known.size, added, path: shown}
}
