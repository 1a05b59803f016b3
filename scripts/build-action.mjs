// Bundles the GitHub Action (src/action/index.ts) into dist/index.js, which is committed:
// GitHub runs it as is, without npm install. CI rebuilds it and fails if it differs.
import {readFileSync} from 'node:fs'

import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

// `node scripts/build-action.mjs OUT` writes elsewhere (the freshness test compares the two).
const outfile = process.argv[2] ?? 'dist/index.js'
const {version} = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'))

await build({
  entryPoints: ['src/action/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile,
  define: {LLMOPS_VERSION: JSON.stringify(version)},
  // CommonJS dependencies call require() for Node's built-ins; give the ES module one.
  banner: {js: "import {createRequire as __llmopsRequire} from 'node:module';\nconst require = __llmopsRequire(import.meta.url);"},
  legalComments: 'eof',
  logLevel: 'warning',
})
