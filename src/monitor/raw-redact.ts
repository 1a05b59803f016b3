/**
 * The sanitized copy of a log line (`--redact-out`): every detected value replaced, every other
 * byte as it was. Works on the raw JSON text, so key order, spacing, number formats and escapes
 * outside the values stay exactly as written.
 */
import {scan, type Match, type Redactor, type RuleSet} from '../engine/index.js'

interface Decoded {
  text: string
  /** raw index (relative to the token content) of each decoded UTF-16 unit, plus the end. */
  rawAt: number[]
}

const SIMPLE: Readonly<Record<string, string>> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'}

/** Decode a JSON string's content, remembering where each character came from. */
function decode(raw: string): Decoded {
  let text = ''
  const rawAt: number[] = []
  for (let i = 0; i < raw.length; ) {
    rawAt.push(i)
    if (raw[i] !== '\\') {
      text += raw[i]
      i++
    } else if (raw[i + 1] === 'u') {
      text += String.fromCodePoint(Number.parseInt(raw.slice(i + 2, i + 6), 16) || 0xfffd)
      i += 6
    } else {
      text += SIMPLE[raw[i + 1] ?? ''] ?? raw[i + 1] ?? ''
      i += 2
    }
  }

  rawAt.push(raw.length)
  return {text, rawAt}
}

/** Replace matches in raw text; `rawAt` maps decoded offsets back to it (identity when absent). */
function splice(raw: string, text: string, matches: readonly Match[], redactor: Redactor, rawAt?: number[], escape = true): string {
  let out = ''
  let cursor = 0
  for (const m of matches) {
    const from = rawAt ? (rawAt[m.start] as number) : m.start
    const to = rawAt ? (rawAt[m.end] as number) : m.end
    const replacement = redactor(text.slice(m.start, m.end), m.type)
    out += raw.slice(cursor, from) + (escape ? JSON.stringify(replacement).slice(1, -1) : replacement)
    cursor = to
  }

  return out + raw.slice(cursor)
}

/** The extent of the string token whose opening quote is at `open`: index of its closing quote. */
function closingQuote(line: string, open: number): number {
  let i = open + 1
  while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1
  return Math.min(i, line.length)
}

/**
 * Redact a line that parsed as JSON: every string token (keys and values) is scanned on its own,
 * as the analysis did, and only the matched characters are rewritten.
 */
export function redactJsonLine(line: string, ruleSet: RuleSet, redactor: Redactor): string {
  let out = ''
  let cursor = 0
  let open = line.indexOf('"')
  while (open !== -1) {
    const close = closingQuote(line, open)
    const raw = line.slice(open + 1, close)
    const decoded = decode(raw)
    const {matches} = scan(decoded.text, ruleSet)
    out += line.slice(cursor, open + 1) + (matches.length === 0 ? raw : splice(raw, decoded.text, matches, redactor, decoded.rawAt))
    cursor = close
    open = line.indexOf('"', close + 1)
  }

  return out + line.slice(cursor)
}

/** Redact a line that is not valid JSON: scan its text as it is. */
export function redactTextLine(line: string, ruleSet: RuleSet, redactor: Redactor): string {
  const {matches} = scan(line, ruleSet)
  return matches.length === 0 ? line : splice(line, line, matches, redactor, undefined, false)
}
