/**
 * docs/api.md is executable: each ```js block runs as a script that imports `llmops` (the built
 * lib/, through the package's own `exports`), in a directory holding the sample log, and prints
 * exactly the ```text block that follows it.
 */
import {copyFile, mkdir, readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {ROOT, tempDir} from '../helpers.js'

interface Example {
  heading: string
  code: string
  output: string | undefined
}

/** Each js block of the document, with the heading above it and the text block after it. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = []
  let heading = ''
  const blocks = /^(#+ .*)$|^```(\w*)\n([\s\S]*?)^```$/gm
  let last: Example | undefined
  for (const m of markdown.matchAll(blocks)) {
    if (m[1] !== undefined) {
      heading = m[1]
      last = undefined
    } else if (m[2] === 'js') {
      last = {heading, code: m[3] ?? '', output: undefined}
      examples.push(last)
    } else if (m[2] === 'text' && last !== undefined) {
      last.output = m[3]
      last = undefined
    } else last = undefined
  }

  return examples
}

const doc = await readFile(path.join(ROOT, 'docs', 'api.md'), 'utf8')
const examples = examplesOf(doc)

/** A directory where `import 'llmops'` is this repository's package (lib/), with the sample log. */
async function sandbox(): Promise<string> {
  const dir = await tempDir('llmops-api-doc-')
  await mkdir(path.join(dir, 'node_modules'))
  await symlink(ROOT, path.join(dir, 'node_modules', 'llmops'), 'dir')
  await copyFile(path.join(ROOT, 'sample_chatbot_logs.jsonl'), path.join(dir, 'sample_chatbot_logs.jsonl'))
  return dir
}

describe('docs/api.md examples', () => {
  it('has runnable examples, each with the output it prints', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6)
    for (const example of examples) expect(example.output, example.heading).toBeDefined()
  })

  it.each(examples.map((e, i) => [`${i + 1}: ${e.heading}`, e] as const))('%s', async (_, example) => {
    const dir = await sandbox()
    await writeFile(path.join(dir, 'example.mjs'), example.code)
    const run = await execa('node', ['example.mjs'], {cwd: dir, reject: false, env: {LLMOPS_HASH_SALT: '', LLMOPS_CONFIG: ''}})
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(`${run.stdout}\n`).toBe(example.output)
    // The fictional values planted in the examples never reach what they print.
    for (const raw of ['jane.doe@example.com', '4111 1111 1111 1111', '4111111111111111', '415-555-0123', 'EMP-123456', 'DE89 3704']) {
      expect(run.stdout).not.toContain(raw)
    }
  })
})
