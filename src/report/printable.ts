/**
 * Text from logs, file names and config files, made safe to print: control characters become
 * `\uXXXX`, so that a crafted value can neither move the cursor nor start a line of its own
 * (a line that begins with `::` is a GitHub workflow command).
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replaceAll(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`)
}

/** Like printable, but keeps line breaks; a line that would start a workflow command is indented. */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .map((line) => (line.startsWith('::') ? ` ${line}` : line))
    .join('\n')
}
