/**
 * The package as users get it: `npm pack`, installed offline into an empty project (no build
 * step, no devDependencies), gives a working `llmops` binary and an importable, typed library.
 */
import {copyFile, mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT} from '../helpers.js'
import {projectFor} from '../support/offline-install.js'

let work: string
let project: string
let packed: {filename: string; size: number; files: Array<{path: string}>}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'llmops-package-'))
  // lib/ is built (test/global-setup.ts); --ignore-scripts keeps `prepare` from rebuilding it under other tests.
  const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {cwd: ROOT})
  packed = (JSON.parse(String(pack.stdout)) as Array<typeof packed>)[0] as typeof packed
  project = path.join(work, 'project')
  await mkdir(project)
  await projectFor(project, path.join(work, packed.filename), ROOT)
  await execa('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {cwd: project})
  await copyFile(path.join(ROOT, 'sample_chatbot_logs.jsonl'), path.join(project, 'sample_chatbot_logs.jsonl'))
}, 180_000)

afterAll(async () => {
  await rm(work, {recursive: true, force: true})
})

const run = (file: string, args: string[]) => execa(file, args, {cwd: project, reject: false, env: {LLMOPS_CONFIG: ''}})

describe('npm pack', () => {
  it('ships the built CLI, the library with its types, the license, and nothing else', () => {
    const files = packed.files.map((f) => f.path)
    for (const needed of [
      'bin/run.js',
      'lib/index.js',
      'lib/index.d.ts',
      'lib/api/detector.js',
      'lib/commands/monitor.js',
      'oclif.manifest.json',
      'LICENSE',
      'README.md',
      'package.json',
    ]) {
      expect(files).toContain(needed)
    }

    expect(files.filter((f) => /^(src|test|docs|bench|dist|scripts|lib\/action)\/|^bin\/dev\.js$/.test(f))).toEqual([])
    expect(packed.size).toBeLessThan(400_000)
  })
})

describe('installed into an empty project, offline', () => {
  it('has no devDependencies', async () => {
    const installed = await readdir(path.join(project, 'node_modules'))
    expect(installed).toContain('llmops')
    expect(installed).toContain('@oclif')
    for (const dev of ['typescript', 'vitest', 'tsx', 'eslint', 'execa', 'oclif', 'esbuild']) expect(installed).not.toContain(dev)
  })

  it('runs llmops --version and llmops monitor on the sample', async () => {
    const bin = path.join(project, 'node_modules', '.bin', 'llmops')
    const version = await run(bin, ['--version'])
    expect(version.exitCode).toBe(0)
    expect(version.stdout).toMatch(/^llmops\/0\.1\.0 /)
    const monitor = await run(bin, ['monitor', '--quiet'])
    expect(monitor.exitCode).toBe(0)
    const records = String(monitor.stdout)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {interaction_id: string; findings: Array<{masked: string}>})
    expect(records.map((r) => r.interaction_id)).toEqual(['int_001', 'int_002', 'int_003', 'int_004', 'int_005'])
    expect(records[1]?.findings.map((f) => f.masked)).toEqual(['h***@s***.com'])
    expect(String(monitor.stdout)).not.toMatch(/\w+@saas-startup\.com/)
  })

  it('starts without loading the library: --version reads no module of the package', async () => {
    await writeFile(
      path.join(project, 'hooks.mjs'),
      "export async function load(url, context, next) {\n  if (url.includes('/node_modules/llmops/')) process.stderr.write(`loaded ${url}\\n`)\n  return next(url, context)\n}\n",
    )
    await writeFile(path.join(project, 'trace.mjs'), "import {register} from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n")
    const bin = path.join(project, 'node_modules', 'llmops', 'bin', 'run.js')
    const version = await run('node', ['--import', './trace.mjs', bin, '--version'])
    expect(version.stdout).toMatch(/^llmops\/0\.1\.0 /)
    expect(
      String(version.stderr)
        .split('\n')
        .filter((l) => l.includes('/lib/')),
    ).toEqual([])
    const monitor = await run('node', ['--import', './trace.mjs', bin, 'monitor', '--quiet'])
    expect(monitor.stderr).toContain('/lib/commands/monitor.js')
    expect(monitor.stderr).not.toContain('/lib/index.js')
  })

  it('is importable as an ES module, and only through its entry', async () => {
    await writeFile(
      path.join(project, 'use.mjs'),
      `import {createReadStream} from 'node:fs'
import {createDetector, monitorStream} from 'llmops'

const detector = createDetector({operator: 'replace'})
console.log(detector.redact('write to jane.doe@example.com'))
const run = monitorStream(createReadStream('sample_chatbot_logs.jsonl'))
let records = 0
for await (const record of run) records++
const {summary} = await run.result()
console.log(records, summary.findings.total)
await import('llmops/lib/detector.js').catch((error) => console.log(error.code))
`,
    )
    const result = await run('node', ['use.mjs'])
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('write to <EMAIL>\n5 2\nERR_PACKAGE_PATH_NOT_EXPORTED')
  })

  it('has types a TypeScript project checks against', async () => {
    await writeFile(
      path.join(project, 'use.ts'),
      `import {createDetector, monitorStream, type MonitorRecord, type TextFinding} from 'llmops'

const detector = createDetector({config: {allowlist: {emailDomains: ['example.org']}}, operator: 'hash', salt: 'sixteen-chars-at-least'})
const findings: TextFinding[] = detector.detect('x')
const first: MonitorRecord | undefined = undefined
// @ts-expect-error: not an operator
detector.redact('x', 'blur')
// @ts-expect-error: not a config key
createDetector({config: {allowlst: {}}})
export const used = [findings, first, monitorStream]
`,
    )
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    )
    const tsc = await run('node', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'])
    expect(tsc.stdout).toBe('')
    expect(tsc.exitCode).toBe(0)
  })
})
