#!/usr/bin/env node
/**
 * Start-up time of the built CLI against a bare Node start: `node -e 0` and
 * `node bin/run.js --version` run alternately (so both see the same machine load), RUNS times
 * each; prints the medians and their ratio. The budget is `llmops --version` within 2x `node -e 0`.
 *
 *   npm run build && node bench/startup.mjs [RUNS] [-- extra args for llmops]
 */
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const separator = process.argv.indexOf('--')
const runs = Number(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : 15)
const cliArgs = separator === -1 ? ['--version'] : process.argv.slice(separator + 1)

function time(args) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {cwd: root, stdio: 'ignore', env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const bare = []
const cli = []
time(['-e', '0']) // warm the file cache once for both
time([path.join(root, 'bin', 'run.js'), ...cliArgs])
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']))
  cli.push(time([path.join(root, 'bin', 'run.js'), ...cliArgs]))
}

const node = median(bare)
const llmops = median(cli)
console.log(`node -e 0                 median ${node.toFixed(1)} ms (${runs} runs)`)
console.log(`llmops ${cliArgs.join(' ').padEnd(18)} median ${llmops.toFixed(1)} ms (${runs} runs)`)
console.log(`ratio ${(llmops / node).toFixed(2)} (budget: 2.00)`)
