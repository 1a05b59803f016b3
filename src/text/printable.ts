/**
 * Text from logs, file names, config files and flags, made safe to print: control characters
 * become `\uXXXX`, so that a crafted value can neither move the cursor nor start a line of its
 * own (a line that begins with `::` is a GitHub workflow command), and long values are cut.
 */
export function printable(text: string, max = Number.POSITIVE_INFINITY): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replaceAll(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`)
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}

/** Like printable, but keeps line breaks; a line that would start a workflow command is indented. */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .map((line) => (line.startsWith('::') ? ` ${line}` : line))
    .join('\n')
}

/** A table cell: printable and cut at `max` characters, so a value cannot stretch the table. */
export function cell(text: string, max = 40): string {
  return printable(text, max)
}

/** A Markdown table cell: printable, cut, and unable to close the cell or open code. */
export function markdownCell(text: string, max: number): string {
  return cell(text, max).replaceAll('|', '\\|').replaceAll('`', "'")
}
