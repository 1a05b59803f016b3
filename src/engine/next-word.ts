/**
 * The first match of a context's words at or after a position, in one text: a search from a
 * position finds the first place after it where the regex matches, whatever came before, so the
 * last search answers every later position up to the match it found (or every position, when it
 * found none). Without it, each match of a rule searched on from its window, and where no word
 * came after, every search ran to the end of the text: quadratic in a long value.
 */
export class NextWord {
  private from = -1
  /** Where the last search, from `from`, found its match; -1 for none up to the end of the text. */
  private found = -1
  /** Where that match ends. */
  end = -1

  constructor(
    private readonly regex: RegExp,
    private readonly text: string,
  ) {}

  /** Start of the first match at or after `position`, or -1; `end` is then its end. */
  at(position: number): number {
    if (this.from === -1 || position < this.from || (this.found !== -1 && position > this.found)) {
      this.regex.lastIndex = position
      const m = this.regex.exec(this.text)
      this.from = position
      this.found = m === null ? -1 : m.index
      this.end = m === null ? -1 : m.index + m[0].length
    }

    return this.found
  }
}
