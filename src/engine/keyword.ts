/**
 * A literal keyword, looked up from its first character that is not a space or a tab: `indexOf`
 * skips ahead fast to a rare character (`-` in " -p "), and crawls over a common one (a space
 * occurs every few characters). Each occurrence of the core is checked for the spaces before it,
 * so the occurrences found are exactly those of the whole keyword.
 */
export class Keyword {
  /** The keyword from its first character that is not a space or a tab. */
  readonly core: string
  /** The spaces and tabs before the core. */
  readonly lead: string

  constructor(readonly text: string) {
    const lead = /^[ \t]*/.exec(text)?.[0] ?? ''
    // A keyword of blanks only has no rarer part: looked up as it is.
    this.lead = lead.length === text.length ? '' : lead
    this.core = text.slice(this.lead.length)
  }

  /** The first occurrence of the keyword at or after `from` in `text`, or -1. */
  indexIn(text: string, from = 0): number {
    const n = this.lead.length
    if (n === 0) return text.indexOf(this.core, from)
    for (let i = text.indexOf(this.core, from + n); i !== -1; i = text.indexOf(this.core, i + 1)) {
      if (text.startsWith(this.lead, i - n)) return i - n
    }

    return -1
  }
}
