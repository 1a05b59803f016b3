// What the benchmarks share: the generated log, cached in bench/.data by size and seed, and a
// built lib/. Progress goes to stderr, so that --json output stays clean.
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

export const BENCH = dirname(fileURLToPath(import.meta.url))
export const ROOT = resolve(BENCH, '..')
export const DATA = join(BENCH, '.data') // gitignored cache of generated logs

/** Print `message` as `NAME: message` and exit 2 (a usage or set-up error, not a measurement). */
export function failer(name) {
  return (message) => {
    console.error(`${name}: ${message}`)
    process.exit(2)
  }
}

/** The generated log of `mb` MiB: generating 1 GB takes longer than scanning it, so it is kept. */
export function ensureLog({mb, seed, log, fail}) {
  mkdirSync(DATA, {recursive: true})
  const file = join(DATA, `logs-${mb}mb-seed${seed}.jsonl`)
  const meta = `${file}.meta.json`
  if (existsSync(file) && existsSync(meta)) return {file, ...JSON.parse(readFileSync(meta, 'utf8'))}
  log(`generating ${mb} MB (seed ${seed})`)
  // Write to a temp name and rename at the end, so an interrupted run never leaves a short "cached" file.
  const tmp = `${file}.tmp`
  const fd = openSync(tmp, 'w')
  const generated = spawnSync(process.execPath, [join(BENCH, 'gen-logs.mjs'), '--mb', String(mb), '--seed', String(seed), '--stats'], {
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
  })
  closeSync(fd)
  if (generated.status !== 0) fail(`generator failed (exit ${generated.status}): ${generated.stderr}`)
  const stats = JSON.parse(generated.stderr.trim().split('\n').at(-1)) // --stats: one JSON line on stderr
  writeFileSync(meta, JSON.stringify({records: stats.records}))
  renameSync(tmp, file)
  return {file, records: stats.records}
}

/** Build lib/ only when missing (a stale build is the developer's call). */
export function ensureBuilt({log, fail}) {
  if (existsSync(join(ROOT, 'lib/commands/monitor.js'))) return
  log('lib/ missing: running npm run build')
  const build = spawnSync('npm', ['run', 'build'], {cwd: ROOT, stdio: ['ignore', 2, 2]})
  if (build.status !== 0) fail('npm run build failed')
}
