#!/usr/bin/env node
// How low could llmops's CPU go? Times, in one process and per record, the baseline's work
// (baseline-record.mjs) and then the least any design of the monitor must do, one step at a time:
//
//   baseline             parse, three regular expressions and a Luhn check, a small JSON line out
//   parse                only the parse and the small line (the monitor parses too, for fields)
//   + a regex reads all  plus one regular expression that reads every unit and never matches:
//                        the fastest way JavaScript has to look at every character
//   + a loop reads all   plus a JavaScript loop with one table load a unit instead (a scan that
//                        decides per unit, as an automaton does, costs at least this)
//   + output line        the loop, with llmops's output line for a clean record (its fields, then
//                        the line's own bytes as original_interaction) in place of the small line
//   + line-level pass    llmops's own pass over the line (escapes decoded, normalised, one
//                        automaton for every rule's triggers, hits mapped back) instead of the loop
//   llmops               llmops's whole analysis and output line of the record
//
// Lines are read and decoded before timing (each line's bytes kept too), and every step writes its
// output into byte buffers, as the monitor's frames do. Each round runs every step over the whole
// log; the first round warms up and is dropped.
//
//   npm run bench:floor                     # 20 MiB, 5 rounds
//   npm run bench:floor -- --mb 50 --rounds 7 --json
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

import {baselineRecord} from './baseline-record.mjs'
import {ROOT, ensureBuilt, ensureLog, failer} from './prepare.mjs'

const fail = failer('floor')
const USAGE = 'usage: node bench/floor.mjs [--mb N] [--seed S] [--rounds N] [--json]'
let opts
try {
  opts = parseArgs({
    options: {mb: {type: 'string', default: '20'}, seed: {type: 'string', default: '42'}, rounds: {type: 'string', default: '5'}, json: {type: 'boolean'}},
  }).values
} catch (error) {
  fail(`${error.message}\n${USAGE}`)
}

const [mb, seed, rounds] = [Number(opts.mb), Number(opts.seed), Number(opts.rounds)]
if (!(mb > 0) || !Number.isInteger(seed) || !(Number.isInteger(rounds) && rounds >= 1)) fail(USAGE)
const log = (message) => console.error(`[floor] ${message}`)

const {file} = ensureLog({mb, seed, log, fail})
ensureBuilt({log, fail})
const lib = (path) => import(pathToFileURL(join(ROOT, 'lib', path)).href)
const [{settingsOf}, {prepareContext}, {lineTriggers}, {analyzeLine}, {recordHead}, {writeRecord}, {ByteSink}] = await Promise.all([
  lib('api/options.js'),
  lib('monitor/context.js'),
  lib('monitor/line-triggers.js'),
  lib('monitor/analyze.js'),
  lib('report/jsonl.js'),
  lib('monitor/batch.js'),
  lib('io/byte-sink.js'),
])
const ctx = prepareContext(settingsOf({}))
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
// Each line's own bytes, as the monitor's frames hold them.
const bytes = lines.map((line) => Buffer.from(line, 'utf8'))

// One table load a unit, summed so that the loop cannot be dropped.
const TABLE = new Uint8Array(0x1_00_00).fill(1)
let sink = 0
function readEveryUnit(line) {
  let sum = 0
  for (let i = 0; i < line.length; i++) sum += TABLE[line.charCodeAt(i)]
  sink += sum
}

// Control characters stand escaped in valid JSON: this class never matches, so it reads every unit.
// eslint-disable-next-line no-control-regex -- the point: a class no valid line holds
const NEVER = /[\u0000-\u0008\u000E-\u001F]/

/** The record's fields, as any design must read them (undefined for a line that is not JSON). */
function parse(line) {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}

/** The baseline's output line, without its search. */
const smallLine = (record) => (record === undefined ? '' : `${JSON.stringify({id: record?.id ?? null, pii_detected: false, findings: 0})}\n`)

/** llmops's output line for a record in which nothing was found (its fields as the generator writes them). */
function outputLine(record, i, out) {
  if (record === undefined) return
  const fields = {
    interaction_id: record.id ?? null,
    file,
    line: i + 1,
    timestamp_utc: record.timestamp ?? null,
    latency_ms: record.latency_ms ?? null,
    slow: false,
    pii_detected: false,
    secret_detected: false,
    error: null,
    errors: [],
    findings: [],
    suppressed: 0,
    original_interaction: null,
  }
  // As the monitor writes a clean record: its head, then the line's own bytes.
  out.text(recordHead({record: fields}))
  out.copy(bytes[i], 0, bytes[i].length)
  out.text('}\n')
}

const steps = {
  baseline: (line, i, out) => out.text(baselineRecord(line)?.output ?? ''),
  parse: (line, i, out) => out.text(smallLine(parse(line))),
  '+ a regex reads all': (line, i, out) => {
    sink += NEVER.test(line) ? 1 : 0
    out.text(smallLine(parse(line)))
  },
  '+ a loop reads all': (line, i, out) => {
    readEveryUnit(line)
    out.text(smallLine(parse(line)))
  },
  '+ output line': (line, i, out) => {
    readEveryUnit(line)
    outputLine(parse(line), i, out)
  },
  '+ line-level pass': (line, i, out) => {
    lineTriggers(line, ctx.ruleSet)
    outputLine(parse(line), i, out)
  },
  llmops: (line, i, out) => {
    writeRecord(out, analyzeLine(line, file, i + 1, ctx), line, bytes[i], 0, bytes[i].length)
    out.text('\n')
  },
}

const FRAME_BUFFER = (64 * 1024 * 3) / 2 + 4096 // as processBatch sizes a 64 KiB frame's output

/** µs a record of one step over the whole log, writing into a buffer per 64 records (a 64 KiB frame of the monitor holds about as many). */
function timeStep(step) {
  const started = performance.now()
  let out = new ByteSink(FRAME_BUFFER)
  for (let i = 0; i < lines.length; i++) {
    step(lines[i], i, out)
    if (i % 64 === 63) {
      sink += out.done().length
      out = new ByteSink(FRAME_BUFFER)
    }
  }

  sink += out.done().length
  return ((performance.now() - started) * 1000) / lines.length
}

const times = Object.fromEntries(Object.keys(steps).map((name) => [name, []]))
for (let round = 0; round <= rounds; round++) {
  log(round === 0 ? 'warm-up round' : `round ${round} of ${rounds}`)
  // Alternate the order, so that a slow moment of the machine does not fall on one step.
  const names = round % 2 === 0 ? Object.keys(steps) : Object.keys(steps).reverse()
  for (const name of names) {
    const us = timeStep(steps[name])
    if (round > 0) times[name].push(us)
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const baselineUs = median(times.baseline)
const figures = Object.entries(times).map(([step, list]) => ({
  step,
  us_per_record: Math.round(median(list) * 10) / 10,
  x_baseline: Math.round((median(list) / baselineUs) * 100) / 100,
}))
if (opts.json) {
  console.log(JSON.stringify({input: {file, records: lines.length, seed}, node: process.version, rounds, steps: figures}))
} else {
  console.log(
    `\nin-process cost per record: ${lines.length.toLocaleString('en-US')} records (${mb} MiB, seed ${seed}), node ${process.version}, medians of ${rounds} rounds\n`,
  )
  console.log(`${'step'.padEnd(22)}${'µs/record'.padStart(10)}${'x baseline'.padStart(12)}`)
  for (const {step, us_per_record: us, x_baseline: x} of figures) console.log(`${step.padEnd(22)}${us.toFixed(1).padStart(10)}${x.toFixed(2).padStart(12)}`)
}

if (sink < 0) console.error(sink) // keeps the sums alive
