#!/usr/bin/env node
// End-to-end benchmark of `llmops monitor` against the plain script bench/baseline.mjs on the same
// generated log (bench/gen-logs.mjs: deterministic, mixed clean and leaking records).
//
//   npm run bench                          # 200 MB, 3 paired runs
//   npm run bench -- --mb 1024 --runs 5    # MB = 2^20 bytes
//   npm run bench -- --mb 50 --jobs 0      # --jobs is passed to llmops monitor
//   npm run bench -- --json                # figures as JSON on stdout
//   npm run bench -- --gate                # the PR gate: --changed-since main in a git repository
//                                          # whose base holds the log and whose change edits 100 records
// Runs alternate (baseline, llmops, then llmops, baseline, ...) so that a slow moment of a shared
// machine does not fall on one side; the medians of each side and their ratios are printed. Both
// programs run as child processes with stdout on /dev/null. Progress goes to stderr.
import {spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import {
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {join} from 'node:path'
import {clearInterval, setInterval} from 'node:timers'
import {parseArgs} from 'node:util'
import {createInterface} from 'node:readline'

import {BENCH, DATA, ROOT, ensureBuilt, ensureLog, failer} from './prepare.mjs'

const RUN = join(ROOT, 'bin/run.js')
const RSS_TARGET_MB = 150
const MiB = 1024 * 1024

const fail = failer('monitor-bench')

const USAGE = 'usage: node bench/monitor-bench.mjs [--mb N] [--seed S] [--runs N] [--jobs N] [--gate] [--json]'
let opts
try {
  opts = parseArgs({
    options: {
      mb: {type: 'string', default: '200'},
      seed: {type: 'string', default: '42'},
      runs: {type: 'string', default: '3'},
      jobs: {type: 'string'},
      json: {type: 'boolean'},
      gate: {type: 'boolean'},
    },
  }).values
} catch (error) {
  fail(`${error.message}\n${USAGE}`)
}

const [mb, seed, runs] = [Number(opts.mb), Number(opts.seed), Number(opts.runs)]
if (!(mb > 0) || !Number.isInteger(seed) || !(Number.isInteger(runs) && runs >= 1)) fail(USAGE)
if (opts.jobs !== undefined && !/^\d+$/.test(opts.jobs)) fail(USAGE)

const log = (message) => console.error(`[bench] ${message}`)

// GNU time -v reports the child's true peak RSS (getrusage ru_maxrss). Check it really is GNU
// time (busybox has no -v) rather than trusting that the path exists.
const GNU_TIME = existsSync('/usr/bin/time') && /Maximum resident set size/.test(spawnSync('/usr/bin/time', ['-v', 'true'], {encoding: 'utf8'}).stderr ?? '')

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

/** Edited records in the gate's change: new lines among the base side's. */
const GATE_EDITS = 100

/**
 * For --gate: a git repository (cached next to the log) whose main branch holds the log as
 * logs/chat.jsonl and whose `feature` branch edits GATE_EDITS records in it, spread over the file.
 */
async function ensureGateRepo(file, records) {
  const dir = join(DATA, `gate-${mb}mb-seed${seed}`)
  const done = join(dir, '.bench-ready')
  if (existsSync(done)) return dir
  log(`making the gate's repository in ${dir}`)
  rmSync(dir, {recursive: true, force: true})
  mkdirSync(join(dir, 'logs'), {recursive: true})
  const env = {
    ...childEnv,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  }
  const git = (...args) => {
    const ran = spawnSync('git', ['-c', 'core.autocrlf=false', ...args], {cwd: dir, env, encoding: 'utf8'})
    if (ran.status !== 0) fail(`git ${args.join(' ')} failed: ${ran.stderr}`)
  }
  git('init', '-q', '-b', 'main')
  copyFileSync(file, join(dir, 'logs/chat.jsonl'))
  git('add', '-A')
  git('commit', '-q', '-m', 'base: the generated log')
  git('checkout', '-q', '-b', 'feature')
  // Streamed: a 1 GiB log does not fit in one string.
  const step = Math.max(1, Math.floor(records / GATE_EDITS))
  const out = createWriteStream(join(dir, 'logs/chat.jsonl'))
  let index = 0
  for await (const line of createInterface({input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY})) {
    const edited = index % step === 0 && index / step < GATE_EDITS ? line.replace('"id":"', '"id":"edited-') : line
    if (!out.write(`${edited}\n`)) await once(out, 'drain')
    index++
  }

  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  git('commit', '-q', '-am', `change: ${GATE_EDITS} records edited`)
  writeFileSync(done, '')
  return dir
}

/** Run `node ...args` with stdout on /dev/null; wall time, CPU time (with GNU time) and peak RSS of the child. */
function measure(args, cwd = DATA) {
  return new Promise((done, reject) => {
    const devNull = openSync('/dev/null', 'w')
    const [cmd, argv] = GNU_TIME ? ['/usr/bin/time', ['-v', process.execPath, ...args]] : [process.execPath, args]
    const started = performance.now()
    const child = spawn(cmd, argv, {cwd, env: childEnv, stdio: ['ignore', devNull, 'pipe']})
    closeSync(devNull) // the child holds its own copy
    let stderr = ''
    let peakKb = 0
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const poll = GNU_TIME ? undefined : setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid))), 20)
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      clearInterval(poll)
      let cpu = null
      if (GNU_TIME) {
        peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN)
        cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1])
        stderr = stderr.slice(0, stderr.lastIndexOf('\tCommand being timed')) // keep only the child's own text
      }
      done({code, seconds, cpu, peakRssMb: peakKb / 1024, stderr})
    })
  })
}

/** Read the file once so that whichever program runs first does not pay for a cold page cache. */
async function warmCache(file) {
  for await (const _chunk of createReadStream(file, {highWaterMark: 4 * MiB}));
}

const {file, records} = ensureLog({mb, seed, log, fail})
ensureBuilt({log, fail})
const bytes = statSync(file).size
await warmCache(file)

const median = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  return sorted.length === 0
    ? null
    : sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2
}

const jobs = opts.jobs === undefined ? [] : ['--jobs', opts.jobs]
const gateRepo = opts.gate ? await ensureGateRepo(file, records) : undefined
const sides = {
  baseline: {args: [join(BENCH, 'baseline.mjs'), file], runs: []},
  llmops:
    gateRepo === undefined
      ? {args: [RUN, 'monitor', file, '--quiet', ...jobs], runs: []}
      : {args: [RUN, 'monitor', '--changed-since', 'main', '--quiet', ...jobs], cwd: gateRepo, runs: []},
}
for (let i = 0; i < runs; i++) {
  for (const name of i % 2 === 0 ? ['baseline', 'llmops'] : ['llmops', 'baseline']) {
    log(`run ${i + 1} of ${runs}: ${name}`)
    sides[name].runs.push(await measure(sides[name].args, sides[name].cwd))
  }
}

/** Start-up: median of 7 after one warm-up. */
function startupMs(args) {
  const times = []
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now()
    spawnSync(process.execPath, args, {cwd: DATA, env: childEnv, stdio: 'ignore'})
    if (i > 0) times.push(performance.now() - t0)
  }

  return median(times)
}

const round = (n, digits) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits)
const figures = ({runs: list}) => {
  const seconds = median(list.map((r) => r.seconds))
  return {
    exit_codes: list.map((r) => r.code),
    wall_s: round(seconds, 3),
    cpu_s: round(median(list.map((r) => r.cpu)), 3),
    peak_rss_mib: round(median(list.map((r) => r.peakRssMb)), 1),
    mib_per_s: round(bytes / MiB / seconds, 1),
    records_per_s: Math.round(records / seconds),
  }
}

const baseline = figures(sides.baseline)
const llmops = figures(sides.llmops)
const ratio = (a, b) => (a === null || b === null ? null : round(a / b, 2))
const version = startupMs([RUN, '--version'])
const bare = startupMs(['-e', '0'])
const result = {
  input: {file, mib: round(bytes / MiB, 1), bytes, records, seed},
  node: process.version,
  runs,
  jobs: opts.jobs === undefined ? 'default' : Number(opts.jobs),
  ...(gateRepo === undefined ? {} : {gate: `--changed-since main: the log at the base, ${GATE_EDITS} records edited by the change`}),
  measured_with: GNU_TIME ? '/usr/bin/time -v (CPU = user + system)' : '/proc/<pid>/status VmHWM polling (no CPU figures)',
  baseline,
  llmops,
  ratios: {wall: ratio(llmops.wall_s, baseline.wall_s), cpu: ratio(llmops.cpu_s, baseline.cpu_s), peak_rss: ratio(llmops.peak_rss_mib, baseline.peak_rss_mib)},
  startup_ms: {llmops_version: Math.round(version), node_e_0: Math.round(bare), ratio: ratio(version, bare)},
}
// The targets of the speed work, for reading the figures; a crashed run fails them all.
const ran = [...sides.baseline.runs, ...sides.llmops.runs].every((r) => r.code === 0)
const checks = {
  cpu: [`CPU <= 1.0x the baseline's (${result.ratios.cpu ?? 'n/a'}x)`, ran && result.ratios.cpu !== null && result.ratios.cpu <= 1],
  wall: [`wall <= 0.6x the baseline's (${result.ratios.wall}x)`, ran && result.ratios.wall <= 0.6],
  rss: [`peak RSS <= ${RSS_TARGET_MB} MiB (${llmops.peak_rss_mib} MiB)`, ran && llmops.peak_rss_mib <= RSS_TARGET_MB],
  startup: [`llmops --version <= 2x node -e 0 (${result.startup_ms.ratio}x)`, result.startup_ms.ratio <= 2],
}
result.checks = Object.fromEntries(Object.entries(checks).map(([key, [, ok]]) => [key, ok]))

if (opts.json) {
  console.log(JSON.stringify(result, null, 2))
} else {
  const cols = (name, ...cells) => name.padEnd(10) + cells.map((c, i) => String(c ?? 'n/a').padStart([9, 9, 14, 9, 13][i])).join('')
  const row = (name, f) => cols(name, f.wall_s, f.cpu_s, f.peak_rss_mib, f.mib_per_s, f.records_per_s.toLocaleString('en-US'))
  console.log(
    `\nllmops monitor vs bench/baseline.mjs: ${result.input.mib} MiB, ${records.toLocaleString('en-US')} records (seed ${seed}), node ${process.version}, jobs ${result.jobs}`,
  )
  if (result.gate !== undefined) console.log(`llmops runs the gate: ${result.gate}`)
  console.log(`medians of ${runs} paired runs, measured with ${result.measured_with}\n`)
  console.log(
    [
      cols('', 'wall s', 'CPU s', 'peak RSS MiB', 'MiB/s', 'records/s'),
      row('baseline', baseline),
      row('llmops', llmops),
      cols('ratio', result.ratios.wall, result.ratios.cpu, result.ratios.peak_rss, '', ''),
    ].join('\n'),
  )
  console.log(`\nstart-up: llmops --version ${result.startup_ms.llmops_version} ms, node -e 0 ${result.startup_ms.node_e_0} ms (${result.startup_ms.ratio}x)\n`)
  for (const [label, ok] of Object.values(checks)) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`)
}

// The checks are informational; a crashed run is not. Show the child's stderr when it failed.
for (const [name, side] of Object.entries(sides)) {
  const crashed = side.runs.find((r) => r.code !== 0)
  if (crashed !== undefined) {
    console.error(`\nmonitor-bench: ${name} exited with ${crashed.code}\n${crashed.stderr.slice(-4000)}`)
    process.exitCode = 1
  }
}
