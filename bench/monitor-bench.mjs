#!/usr/bin/env node
// End-to-end benchmark of `llmops monitor` against a naive Node pipeline on the same input.
//
//   npm run bench                      # 200 MB generated log (MB = 2^20 bytes, as gen-logs.mjs)
//   npm run bench -- --mb 1024         # the target: peak RSS < 150 MB on a 1 GB input
//   npm run bench -- --mb 50 --json    # figures as JSON on stdout
// Both programs run as child processes with stdout on /dev/null, so we measure parsing,
// scanning and serialising, not a terminal or a pipe reader. Progress goes to stderr.
import {spawn, spawnSync} from 'node:child_process'
import {closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {clearInterval, setInterval} from 'node:timers'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(BENCH, '..')
const DATA = join(BENCH, '.data') // gitignored cache of generated logs
const RUN = join(ROOT, 'bin/run.js')
const RSS_TARGET_MB = 150
const MiB = 1024 * 1024

function fail(message) {
  console.error(`monitor-bench: ${message}`)
  process.exit(2)
}

const USAGE = 'usage: node bench/monitor-bench.mjs [--mb N] [--seed S] [--json]'
let opts
try {
  opts = parseArgs({options: {mb: {type: 'string', default: '200'}, seed: {type: 'string', default: '42'}, json: {type: 'boolean'}}}).values
} catch (error) {
  fail(`${error.message}\n${USAGE}`)
}

const [mb, seed] = [Number(opts.mb), Number(opts.seed)]
if (!(mb > 0) || !Number.isInteger(seed)) fail(USAGE)

const log = (message) => console.error(`[bench] ${message}`)

/** The generated log, cached by size and seed: generating 1 GB takes longer than scanning it. */
function ensureLog() {
  mkdirSync(DATA, {recursive: true})
  const file = join(DATA, `logs-${mb}mb-seed${seed}.jsonl`)
  const meta = `${file}.meta.json`
  if (existsSync(file) && existsSync(meta)) return {file, ...JSON.parse(readFileSync(meta, 'utf8'))}
  const gen = process.env.LLMOPS_GEN_LOGS ?? resolve(BENCH, '../../shared/perf/gen-logs.mjs')
  if (!existsSync(gen)) fail(`log generator not found at ${gen}; set LLMOPS_GEN_LOGS=/path/to/gen-logs.mjs`)
  log(`generating ${mb} MB (seed ${seed}) with ${gen}`)
  // Write to a temp name and rename at the end, so an interrupted run never leaves a short "cached" file.
  const tmp = `${file}.tmp`
  const fd = openSync(tmp, 'w')
  const generated = spawnSync(process.execPath, [gen, '--mb', String(mb), '--seed', String(seed), '--stats'], {stdio: ['ignore', fd, 'pipe'], encoding: 'utf8'})
  closeSync(fd)
  if (generated.status !== 0) fail(`generator failed (exit ${generated.status}): ${generated.stderr}`)
  const stats = JSON.parse(generated.stderr.trim().split('\n').at(-1)) // --stats: one JSON line on stderr
  writeFileSync(meta, JSON.stringify({records: stats.records}))
  renameSync(tmp, file)
  return {file, records: stats.records}
}

/** Build lib/ only when missing (a stale build is the developer's call); output to stderr keeps --json clean. */
function ensureBuilt() {
  if (existsSync(join(ROOT, 'lib/commands/monitor.js'))) return
  log('lib/ missing: running npm run build')
  const build = spawnSync('npm', ['run', 'build'], {cwd: ROOT, stdio: ['ignore', 2, 2]})
  if (build.status !== 0) fail('npm run build failed')
}

// The naive baseline: what anyone would write in ten minutes. Same input, same /dev/null output.
const NAIVE = `import {once} from 'node:events'
import {createReadStream} from 'node:fs'
import {createInterface} from 'node:readline'
const EMAIL = /[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}/g
const PHONE = /\\b\\d{3}[-.]?\\d{3}[-.]?\\d{4}\\b/g
let hits = 0
for await (const line of createInterface({input: createReadStream(process.argv[2]), crlfDelay: Infinity})) {
  let record
  try { record = JSON.parse(line) } catch { continue }
  for (const text of [record?.bot_response, record?.user_query]) {
    if (typeof text === 'string') hits += (text.match(EMAIL)?.length ?? 0) + (text.match(PHONE)?.length ?? 0)
  }
  if (!process.stdout.write(JSON.stringify(record) + '\\n')) await once(process.stdout, 'drain')
}
process.stderr.write('naive matches: ' + hits + '\\n')
`

// GNU time -v reports the child's true peak RSS (getrusage ru_maxrss). Check it really is GNU
// time (busybox has no -v) rather than trusting that the path exists.
const GNU_TIME =
  existsSync('/usr/bin/time') && /Maximum resident set size/.test(spawnSync('/usr/bin/time', ['-v', 'true'], {encoding: 'utf8'}).stderr ?? '')

/** Fallback: VmHWM is the kernel's high-water mark, so polling only misses a peak in the last ~20 ms. */
function vmHwmKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0 // the process already exited
  }
}

// Children run in bench/.data with LLMOPS_CONFIG unset, so a developer's .llmops.json or
// config variable cannot change what is measured: this is the default configuration.
const childEnv = {...process.env}
delete childEnv.LLMOPS_CONFIG

/** Run `node ...args` with stdout on /dev/null; wall time and peak RSS of the child. */
function measure(args) {
  return new Promise((done, reject) => {
    const devNull = openSync('/dev/null', 'w')
    const [cmd, argv] = GNU_TIME ? ['/usr/bin/time', ['-v', process.execPath, ...args]] : [process.execPath, args]
    const started = performance.now()
    const child = spawn(cmd, argv, {cwd: DATA, env: childEnv, stdio: ['ignore', devNull, 'pipe']})
    closeSync(devNull) // the child holds its own copy
    let stderr = ''
    let peakKb = 0
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const poll = GNU_TIME ? undefined : setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid))), 20)
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      clearInterval(poll)
      if (GNU_TIME) {
        peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN)
        stderr = stderr.slice(0, stderr.lastIndexOf('\tCommand being timed')) // keep only the child's own text
      }
      done({code, seconds, peakRssMb: peakKb / 1024, stderr})
    })
  })
}

/** Read the file once so that whichever program runs first does not pay for a cold page cache. */
async function warmCache(file) {
  for await (const _chunk of createReadStream(file, {highWaterMark: 4 * MiB}));
}

const {file, records} = ensureLog()
ensureBuilt()
writeFileSync(join(DATA, 'naive.mjs'), NAIVE)
const bytes = statSync(file).size
await warmCache(file)

log('running naive baseline')
const naive = await measure([join(DATA, 'naive.mjs'), file])
log('running llmops monitor')
const llmops = await measure([RUN, 'monitor', file, '--quiet'])

// Startup cost matters for CI gates that run the CLI many times: median of 7 after one warm-up.
const versionMs = []
for (let i = 0; i < 8; i++) {
  const t0 = performance.now()
  spawnSync(process.execPath, [RUN, '--version'], {cwd: DATA, env: childEnv, stdio: 'ignore'})
  if (i > 0) versionMs.push(performance.now() - t0)
}
const versionMedianMs = versionMs.sort((a, b) => a - b)[Math.floor(versionMs.length / 2)]

const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits
const figures = (run) => ({
  exit_code: run.code,
  seconds: round(run.seconds, 3),
  mb_per_s: round(bytes / MiB / run.seconds, 1),
  records_per_s: Math.round(records / run.seconds),
  peak_rss_mb: round(run.peakRssMb, 1),
})
const result = {
  input: {file, mb: round(bytes / MiB, 1), bytes, records, seed},
  node: process.version,
  rss_source: GNU_TIME ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM polling',
  naive: figures(naive),
  llmops: figures(llmops),
  throughput_ratio: round(naive.seconds / llmops.seconds, 2), // llmops/naive throughput
  version_median_ms: Math.round(versionMedianMs),
}
// A crashed run's figures mean nothing: it fails every check instead of "passing" by dying fast.
const ran = naive.code === 0 && llmops.code === 0
const checks = {
  throughput_at_least_naive: [`monitor throughput >= naive (${result.throughput_ratio}x)`, ran && result.throughput_ratio >= 1],
  peak_rss_under_target: [`peak RSS < ${RSS_TARGET_MB} MB (${result.llmops.peak_rss_mb} MB${mb < 1024 ? '; target is for --mb 1024' : ''})`, ran && llmops.peakRssMb < RSS_TARGET_MB],
}
result.checks = Object.fromEntries(Object.entries(checks).map(([key, [, ok]]) => [key, ok]))

if (opts.json) {
  console.log(JSON.stringify(result, null, 2))
} else {
  const cols = (name, ...cells) => name.padEnd(8) + cells.map((c, i) => String(c).padStart([10, 10, 13, 14][i])).join('')
  const row = (name, f) => cols(name, f.seconds, f.mb_per_s, f.records_per_s.toLocaleString('en-US'), f.peak_rss_mb)
  console.log(`\nllmops monitor: ${result.input.mb} MB, ${records.toLocaleString('en-US')} records (seed ${seed}), node ${process.version}, peak RSS from ${result.rss_source}\n`)
  console.log([cols('', 'seconds', 'MB/s', 'records/s', 'peak RSS MB'), row('naive', result.naive), row('llmops', result.llmops)].join('\n'))
  console.log(`\nllmops/naive throughput: ${result.throughput_ratio}x\nllmops --version: ${result.version_median_ms} ms (median of ${versionMs.length})\n`)
  for (const [label, ok] of Object.values(checks)) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`)
}

// The checks are informational; a crashed run is not. Show the child's stderr when it failed.
for (const [name, run] of [['naive', naive], ['llmops monitor', llmops]]) {
  if (run.code !== 0) {
    console.error(`\nmonitor-bench: ${name} exited with ${run.code}\n${run.stderr.slice(-4000)}`)
    process.exitCode = 1
  }
}
