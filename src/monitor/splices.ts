/**
 * Rewriting a line in place: each finding's raw span is replaced, every other byte stays as it
 * was written. Two versions are built at once: the sanitized line (the configured operator, the
 * line itself with --no-redact) and the masked line (record keys and fingerprints come from it,
 * so they do not depend on the operator).
 */
import {mask, normalizedText, redactText, resolveOverlaps, type Match, type OffsetMap, type Redactor} from '../engine/index.js'
import {decodeEscapes, type Frame, type JsonToken} from './json-tokens.js'

interface Part {
  start: number
  end: number
  sanitized: string
  masked: string
}

/** Text as it goes inside a JSON string. */
const inString = (text: string): string => JSON.stringify(text).slice(1, -1)

export class Splices {
  private readonly parts: Part[] = []

  /** `redactor` undefined: --no-redact, the sanitized line is the line. */
  constructor(
    private readonly line: string,
    private readonly redactor: Redactor | undefined,
  ) {}

  /** A key without findings: remembered, so that a masked key is never written twice. */
  keepKey(frame: Frame, text: string): void {
    // A list is cheaper than a set, and most objects never mask a key.
    if (frame.written === undefined) (frame.kept ??= []).push(text)
    else frame.written.add(text)
  }

  /** A key with findings becomes its masked text, made distinct from the object's other keys. */
  replaceKey(frame: Frame, token: JsonToken, text: string, matches: readonly Match[]): void {
    const written = (frame.written ??= new Set(frame.kept))
    const masked = redactText(text, matches, mask)
    if (this.redactor === undefined) {
      this.parts.push({start: token.start, end: token.end, sanitized: this.line.slice(token.start, token.end), masked: inString(masked)})
      return
    }

    const base = redactText(text, matches, this.redactor)
    let key = base
    for (let n = 2; written.has(key); n++) key = `${base}#${n}`
    written.add(key)
    this.parts.push({start: token.start, end: token.end, sanitized: inString(key), masked: inString(masked)})
  }

  /**
   * A number with findings becomes a string holding the mask of what was found (a mask is no
   * number): `"************1111"`. All of the number goes, whichever reading of it matched.
   */
  replaceNumber(token: JsonToken, matches: readonly Match[]): void {
    const raw = this.line.slice(token.start, token.end)
    const first = matches[0] as Match
    const masked = JSON.stringify(mask(first.value, first.type))
    this.parts.push({
      start: token.start,
      end: token.end,
      sanitized: this.redactor === undefined ? raw : JSON.stringify(this.redactor(first.value, first.type)),
      masked,
    })
  }

  /** Findings inside a string: `map` maps decoded offsets to the raw content (escapes). */
  replaceInString(token: JsonToken, map: OffsetMap | undefined, matches: readonly Match[]): void {
    for (const m of matches) {
      const [start, end] = map === undefined ? [m.start, m.end] : map.span(m.start, m.end)
      this.push(token.start + start, token.start + end, m)
    }
  }

  /** Findings whose offsets are already raw offsets into the line (a line that is not JSON). */
  replaceInText(matches: readonly Match[]): void {
    for (const m of matches) this.push(m.start, m.end, m)
  }

  lines(): {sanitized: string; masked: string} {
    if (this.parts.length === 0) return {sanitized: this.line, masked: this.line}
    let sanitized = ''
    let masked = ''
    let cursor = 0
    for (const part of this.parts) {
      const between = this.line.slice(cursor, part.start)
      sanitized += between + part.sanitized
      masked += between + part.masked
      cursor = part.end
    }

    const rest = this.line.slice(cursor)
    return {sanitized: sanitized + rest, masked: masked + rest}
  }

  private push(start: number, end: number, m: Match): void {
    const raw = this.line.slice(start, end)
    this.parts.push({
      start,
      end,
      sanitized: this.redactor === undefined ? raw : inString(this.redactor(m.value, m.type)),
      masked: inString(mask(m.value, m.type)),
    })
  }
}

/**
 * Matches found in different views of one line (the whole decoded line, each quoted part), with
 * raw offsets: overlaps merged into one span, whose value is its text decoded and normalised.
 */
export function mergeLineMatches(line: string, matches: Match[]): Match[] {
  return resolveOverlaps(matches, line).map((m) => ({...m, value: normalizedText(decodeEscapes(line.slice(m.start, m.end)).text)}))
}
