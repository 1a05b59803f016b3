/**
 * llmops report in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run)
 * driven by playwright-core, nothing downloaded. The page loads with no console error and no
 * request, every chart has marks drawn from data, and screenshots (light and dark) are written
 * to test-artifacts/. The report never holds a raw value from the log.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

import {chromium, type Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {llmops, ROOT, tempDir} from '../helpers.js'
import {evaluateFeedback, evaluateLog, FAKE_CARD, FAKE_EMAIL, FAKE_PHONE} from '../support/evaluate-log.js'

const ARTIFACTS = path.join(ROOT, 'test-artifacts')
const CHARTS = ['latency-over-time', 'error-rate-over-time', 'findings-over-time', 'latency-by-version', 'feedback-by-version']

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--no-sandbox']})
})
afterAll(async () => {
  await browser?.close()
})

async function report(): Promise<{dir: string; html: string}> {
  const dir = await tempDir()
  await writeFile(path.join(dir, 'chat.jsonl'), evaluateLog())
  await writeFile(path.join(dir, 'chatbot_feedback.jsonl'), evaluateFeedback())
  const scan = await llmops(['monitor', 'chat.jsonl', '--format', 'summary', '--quiet', '--summary-out', 'run.json'], {cwd: dir})
  expect(scan.exitCode).toBe(0)
  const run = await llmops(['report', 'run.json', '--out', 'report.html', '--baseline-version', 'v1', '--candidate-version', 'v2'], {cwd: dir})
  expect(run.exitCode).toBe(0)
  expect(String(run.stderr)).toMatch(/Wrote report\.html \(\d+ KiB\)/)
  return {dir, html: await readFile(path.join(dir, 'report.html'), 'utf8')}
}

describe('llmops report in Chromium', () => {
  it('loads with no console error or request, draws every chart with marks, in light and dark', async () => {
    const {dir} = await report()
    await mkdir(ARTIFACTS, {recursive: true})
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({colorScheme: scheme, viewport: {width: 1200, height: 900}})
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text())
      })
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request ${r.url()}`)
      })
      await page.goto(pathToFileURL(path.join(dir, 'report.html')).href)
      for (const id of CHARTS) {
        const marks = await page.locator(`svg.chart[data-chart="${id}"] [data-value]`).count()
        expect(marks, id).toBeGreaterThan(0)
        const box = await page.locator(`svg.chart[data-chart="${id}"]`).boundingBox()
        expect(box?.width ?? 0, id).toBeGreaterThan(300)
      }

      // Lines are drawn through their points, and bars have a height: marks are visible, not only present.
      // (The test code has no DOM types: the browser's objects are typed by what is used of them.)
      const lengths = await page
        .locator('svg.chart[data-chart="latency-over-time"] path.line')
        .evaluateAll((paths) => paths.map((p) => (p as unknown as {getTotalLength(): number}).getTotalLength()))
      expect(lengths).toHaveLength(3)
      expect(lengths.every((l) => l > 100)).toBe(true)
      const heights = await page
        .locator('svg.chart rect.bar')
        .evaluateAll((rects) => rects.map((r) => (r as unknown as {getBBox(): {height: number}}).getBBox().height))
      expect(heights.length).toBeGreaterThan(10)
      expect(heights.every((h) => h > 0)).toBe(true)
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor')
      expect(background).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)')
      expect(await page.locator('table.comparison tr.regression').count()).toBeGreaterThan(0)
      await page.screenshot({path: path.join(ARTIFACTS, `report-${scheme}.png`), fullPage: true})
      expect(problems).toEqual([])
      await page.close()
    }
  }, 120_000)

  it('holds no raw value from the log, only masks, and needs nothing from the network', async () => {
    const {html} = await report()
    for (const raw of [FAKE_EMAIL, FAKE_PHONE, FAKE_CARD, FAKE_CARD.replaceAll(' ', ''), 'jane.doe']) expect(html).not.toContain(raw)
    expect(html).toContain('j***@e***.com')
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  }, 120_000)

  it('masks labels too: a version name or a file name that holds a value, even from a summary written with --no-redact', async () => {
    const dir = await tempDir()
    const log = evaluateLog(40).replaceAll('"model_version":"v2"', `"model_version":"${FAKE_EMAIL}"`)
    await writeFile(path.join(dir, `${FAKE_EMAIL}.jsonl`), log)
    const scan = await llmops(['monitor', `${FAKE_EMAIL}.jsonl`, '--no-redact', '--format', 'summary', '--quiet', '--summary-out', 'raw.json'], {cwd: dir})
    expect(scan.exitCode).toBe(0)
    expect(await readFile(path.join(dir, 'raw.json'), 'utf8')).toContain(FAKE_EMAIL)
    const run = await llmops(['report', 'raw.json', '--out', 'report.html', '--baseline-version', 'v1', '--candidate-version', FAKE_EMAIL], {cwd: dir})
    expect(run.exitCode).toBe(0)
    const html = await readFile(path.join(dir, 'report.html'), 'utf8')
    expect(html).not.toContain(FAKE_EMAIL)
    expect(html).not.toContain('jane.doe')
    expect(html).toContain('j***@e***.com')
  }, 120_000)
})
