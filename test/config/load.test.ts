import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {loadConfig} from '../../src/config/load.js'
import {ExitCode, LlmopsError} from '../../src/errors.js'
import {tempDir} from '../helpers.js'

async function failure(promise: Promise<unknown>): Promise<LlmopsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LlmopsError)
  expect((error as LlmopsError).exitCode).toBe(ExitCode.USAGE)
  return error as LlmopsError
}

describe('loadConfig', () => {
  it('uses the defaults without a config file', async () => {
    const cwd = await tempDir()
    const {config, source} = await loadConfig({cwd})
    expect(source).toBeUndefined()
    expect(config.monitor.fields).toEqual(['bot_response', 'user_query'])
    expect(config.monitor.slowMs).toBe(1500)
  })

  it('reads .llmops.json and fills the defaults around it', async () => {
    const cwd = await tempDir()
    await writeFile(path.join(cwd, '.llmops.json'), JSON.stringify({monitor: {slowMs: 900, fields: ['messages[].content']}}))
    const {config, source} = await loadConfig({cwd})
    expect(source).toBe(path.join(cwd, '.llmops.json'))
    expect(config.monitor).toMatchObject({slowMs: 900, fields: ['messages[].content'], groupBy: 'model_version'})
  })

  it('prefers an explicit path, then $LLMOPS_CONFIG', async () => {
    const cwd = await tempDir()
    await mkdir(path.join(cwd, 'conf'))
    await writeFile(path.join(cwd, 'conf', 'a.json'), JSON.stringify({monitor: {slowMs: 1}}))
    await writeFile(path.join(cwd, 'conf', 'b.json'), JSON.stringify({monitor: {slowMs: 2}}))
    const env = {LLMOPS_CONFIG: 'conf/b.json'}
    expect((await loadConfig({cwd, env})).config.monitor.slowMs).toBe(2)
    expect((await loadConfig({cwd, env, path: 'conf/a.json'})).config.monitor.slowMs).toBe(1)
  })

  it('names a missing explicit file', async () => {
    const cwd = await tempDir()
    const error = await failure(loadConfig({cwd, path: 'nope.json'}))
    expect(error.message).toBe('config file nope.json not found')
  })

  it('names invalid JSON without quoting it', async () => {
    const cwd = await tempDir()
    await writeFile(path.join(cwd, '.llmops.json'), '{"monitor": {"fields": ["secret@example.com" }')
    const error = await failure(loadConfig({cwd}))
    expect(error.message).toMatch(/^config file \.llmops\.json is not valid JSON/)
    expect(error.message).not.toContain('example.com')
  })

  it('names every bad key and unknown key', async () => {
    const cwd = await tempDir()
    await writeFile(path.join(cwd, '.llmops.json'), JSON.stringify({monitor: {slowMS: 3, slowMs: -1, fields: ['a..b'], failOn: ['pii', 'nope']}}))
    const error = await failure(loadConfig({cwd}))
    expect(error.message).toContain('invalid config .llmops.json')
    expect(error.message).toContain('monitor: unknown key "slowMS"')
    expect(error.message).toContain('monitor.slowMs: must be greater than 0')
    expect(error.message).toContain('monitor.fields[0]: invalid field path "a..b"')
    expect(error.message).toMatch(/monitor\.failOn\[1\]: /)
  })
})
