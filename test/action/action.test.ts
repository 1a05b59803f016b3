import {copyFile, mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {execa} from 'execa'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers.js'
import {prRepo, rec, type PrRepo} from '../support/pr-repo.js'

const ACTION = path.join(ROOT, 'dist', 'index.js')
const PLANTED = 'planted.gate@example.com'
const BASE_LOG = [rec('int_1', 'Hello!'), rec('int_2', 'Write to old.contact@example.com'), rec('int_3', 'Bye')].join('\n') + '\n'

interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  sarif: string
}

/** Runs the bundled Action as GitHub would: INPUT_* variables, event payload, output files. */
async function runAction(repo: PrRepo, inputs: Record<string, string> = {}, action = ACTION): Promise<ActionRun> {
  const event = path.join(repo.root, 'event.json')
  const outputFile = path.join(repo.root, 'output.txt')
  const summaryFile = path.join(repo.root, 'summary.md')
  await writeFile(event, JSON.stringify({pull_request: {base: {sha: repo.base}, head: {sha: 'x'}}}))
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env: Record<string, string> = {
    ...repo.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: repo.work,
    'INPUT_FAIL-ON': 'pii,secret',
    INPUT_SARIF: 'llmops.sarif',
    'INPUT_MIN-SAMPLES': '20',
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const result = await execa('node', [action], {cwd: repo.work, env, extendEnv: false, reject: false})
  const outputs: Record<string, string> = {}
  // GITHUB_OUTPUT uses heredoc blocks: name<<DELIMITER / value / DELIMITER
  const blocks = (await readFile(outputFile, 'utf8')).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)
  for (const [, name, , value] of blocks) outputs[name as string] = value as string
  const sarif = await readFile(path.join(repo.work, 'llmops.sarif'), 'utf8').catch(() => '')
  return {exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, outputs, summary: await readFile(summaryFile, 'utf8'), sarif}
}

describe('the GitHub Action (dist/index.js)', () => {
  it('fails a PR that adds a PII record, with an annotation at its file and line', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': BASE_LOG + rec('int_4', `Mail me at ${PLANTED}`) + '\n'})
    const run = await runAction(repo)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^::error title=EMAIL in the logs,file=logs\/chat\.jsonl,line=4::EMAIL \(pii\.email\)/m)
    expect(run.outputs).toMatchObject({passed: 'false', new_findings: '1', findings: '1', sarif: 'llmops.sarif'})
    expect(run.summary).toContain('llmops PII gate: failed')
    const sarif = JSON.parse(run.sarif) as {
      runs: Array<{results: Array<{ruleId: string; locations: Array<{physicalLocation: {region: {startLine: number}}}>}>}>
    }
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual([['pii.email', 4]])
    // The planted value is on no surface: log, annotations, outputs, summary, SARIF.
    for (const surface of [run.stdout, JSON.stringify(run.outputs), run.summary, run.sarif]) expect(surface).not.toContain(PLANTED)
  })

  it('passes a PR that only moves or keeps the PII that was already there', async () => {
    const moved =
      [rec('int_3', 'Bye'), rec('int_1', 'Hello!'), rec('int_2', 'Write to old.contact@example.com'), rec('int_9', 'Nothing personal')].join('\n') + '\n'
    const run = await runAction(await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': moved}))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({passed: 'true', new_findings: '0'})
  })

  it('passes when the ignore file accepts the finding, counting it; fails again when the entry expired', async () => {
    const head = {'logs/chat.jsonl': BASE_LOG + rec('int_4', `Mail me at ${PLANTED}`) + '\n'}
    const first = await runAction(await prRepo({'logs/chat.jsonl': BASE_LOG}, head))
    const fingerprint = (JSON.parse(first.sarif) as {runs: Array<{results: Array<{partialFingerprints: Record<string, string>}>}>}).runs[0]?.results[0]
      ?.partialFingerprints['llmopsFingerprint/v1']
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/)

    const accepted = await prRepo(
      {'logs/chat.jsonl': BASE_LOG},
      {...head, '.llmopsignore': JSON.stringify({fingerprint, reason: 'test account of the QA team'}) + '\n'},
    )
    const ok = await runAction(accepted)
    expect(ok.exitCode).toBe(0)
    expect(ok.outputs).toMatchObject({passed: 'true', new_findings: '0', suppressed: '1'})
    // the pull request accepted its own finding: reviewers are told
    expect(ok.summary).toContain('This change adds 1 ignore-file entry: review it.')
    expect(ok.summary).toContain('test account of the QA team')

    const expired = await prRepo(
      {'logs/chat.jsonl': BASE_LOG},
      {...head, '.llmopsignore': JSON.stringify({fingerprint, reason: 'temporary', expires: '2020-01-01'}) + '\n'},
    )
    expect((await runAction(expired)).exitCode).toBe(1)
  })

  it('keeps over 20 findings within the annotation budget and says how many more there are', async () => {
    const many = Array.from({length: 25}, (_, i) =>
      rec(`n${i}`, i % 2 === 0 ? `mail user${i}@example.com` : `call 555-010-01${String(i).padStart(2, '0')}`),
    ).join('\n')
    const run = await runAction(await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': BASE_LOG + many + '\n'}))
    expect(run.exitCode).toBe(1)
    expect(run.stdout.match(/^::error /gm)).toHaveLength(10)
    expect(run.stdout.match(/^::warning /gm)).toHaveLength(10)
    expect(run.stdout).toMatch(/^::notice title=llmops%3A more findings::5 more new findings/m)
    expect(run.outputs.new_findings).toBe('25')
  })

  it('fails closed on a broken config: not 0, and a message', async () => {
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'.llmops.json': '{"monitor": {"slowMs": "fast"}}'})
    const run = await runAction(repo)
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toMatch(/::error::invalid config \.llmops\.json/)
  })

  it('uses worker threads from dist/worker.js on a large change, with the verdict of one thread', async () => {
    // Over 8 frames of 64 KiB: with the input jobs 1, most frames are analysed by the worker.
    const filler = Array.from({length: 8000}, (_, i) => rec(`f${i}`, `Order ${i} shipped; nothing personal here, just words to fill a line.`))
    const head = BASE_LOG + [...filler, rec('int_9', `Mail me at ${PLANTED}`)].join('\n') + '\n'
    expect(head.length).toBeGreaterThan(9 * 64 * 1024)
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': head})
    const runs = [await runAction(repo, {jobs: '1'}), await runAction(repo, {jobs: '0'})]
    for (const run of runs) {
      expect(run.exitCode, run.stdout.slice(-2000)).toBe(1)
      expect(run.stdout).toMatch(/^::error title=EMAIL in the logs,file=logs\/chat\.jsonl,line=8004::EMAIL \(pii\.email\)/m)
      expect(run.outputs).toMatchObject({passed: 'false', new_findings: '1', findings: '1'})
    }
  }, 60_000)

  it('fails closed without a stack trace when its worker threads cannot start (dist/worker.js missing)', async () => {
    const filler = Array.from({length: 8000}, (_, i) => rec(`f${i}`, `Order ${i} shipped; nothing personal here, just words to fill a line.`))
    const repo = await prRepo({'logs/chat.jsonl': BASE_LOG}, {'logs/chat.jsonl': BASE_LOG + filler.join('\n') + '\n'})
    const alone = path.join(repo.root, 'action-without-worker')
    await mkdir(alone)
    await copyFile(ACTION, path.join(alone, 'index.js'))
    const run = await runAction(repo, {jobs: '2'}, path.join(alone, 'index.js'))
    expect(run.exitCode).toBe(70)
    expect(run.stdout).toMatch(/^::error::internal error: /m)
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m)
  }, 60_000)

  it('scans nothing and passes when the PR changes no log file', async () => {
    const run = await runAction(await prRepo({'logs/chat.jsonl': BASE_LOG}, {'README.md': 'docs only\n'}))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({passed: 'true', findings: '0'})
  })
})
