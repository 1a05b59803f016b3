import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {llmops, ROOT} from '../helpers.js'

/** The generated block, between the markers on lines of their own. */
const section = (text: string): string => /^<!-- commands -->$[\s\S]*?^<!-- commandsstop -->$/m.exec(text)?.[0] ?? ''

describe('README', () => {
  it('has an up-to-date generated command reference (run `npm run readme`)', async () => {
    const generated = await execa('node', [path.join(ROOT, 'node_modules/oclif/bin/run.js'), 'readme', '--no-aliases', '--dry-run'], {
      cwd: ROOT,
      // As in a user's shell: under vitest's NODE_ENV=test, oclif would look for the help class
      // in src/*.ts instead of lib/ and fail to load it.
      env: {OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NODE_ENV: 'production'},
    })
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8')
    expect(section(readme)).toContain('## `llmops monitor [FILE]`')
    expect(section(readme)).toBe(section(generated.stdout))
  })

  it('shows exactly the two quick-start commands that .ci/run runs', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8')
    const ci = await readFile(path.join(ROOT, '.ci', 'run'), 'utf8')
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n')
    expect(quickStart).toEqual(['npm ci && ./bin/run.js monitor', 'npm test'])
    for (const command of quickStart ?? []) expect(ci).toContain(`\n${command}\n`)
  })

  it("docs/gate.md quotes this repository's gate config as it is", async () => {
    const doc = await readFile(path.join(ROOT, 'docs', 'gate.md'), 'utf8')
    const quoted = /this repository's own `\.github\/llmops-gate\.json`\):\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1]
    expect(JSON.parse(quoted ?? 'null')).toEqual(JSON.parse(await readFile(path.join(ROOT, '.github', 'llmops-gate.json'), 'utf8')))
  })

  it('README and docs/monitoring.md show the line the monitor writes for int_002 of the sample, byte for byte', async () => {
    const written = String((await llmops(['monitor', 'sample_chatbot_logs.jsonl', '--quiet'])).stdout)
      .split('\n')
      .find((line) => line.includes('"int_002"'))
    expect(written).toContain('"timestamp_utc":null')
    for (const doc of ['README.md', path.join('docs', 'monitoring.md')]) {
      const text = await readFile(path.join(ROOT, doc), 'utf8')
      expect(text.split('\n').filter((line) => line.startsWith('{"interaction_id":"int_002"'))).toEqual([written])
    }
  })
})
