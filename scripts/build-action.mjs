// Bundles the GitHub Action into dist/ (committed: GitHub runs it as is, without npm install):
// dist/index.js from src/action/index.ts, and dist/worker.js from src/monitor/worker.ts, the
// worker threads' entry, which the pool finds next to the code that starts it. CI rebuilds both
// and fails if they differ.
import {readFileSync} from 'node:fs'

import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

// `node scripts/build-action.mjs OUTDIR` writes elsewhere (the freshness test compares the two).
const outdir = process.argv[2] ?? 'dist'
const {version} = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'))

await build({
  entryPoints: {index: 'src/action/index.ts', worker: 'src/monitor/worker.ts'},
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir,
  define: {LLMOPS_VERSION: JSON.stringify(version)},
  // CommonJS dependencies call require() for Node's built-ins; give the ES module one.
  banner: {js: "import {createRequire as __llmopsRequire} from 'node:module';\nconst require = __llmopsRequire(import.meta.url);"},
  legalComments: 'eof',
  logLevel: 'warning',
})
