/**
 * The house rules of src/, as two ESLint rules:
 * - `layers`: every file or folder of src/ stands on one layer of LAYERS; a file may import from
 *   its own folder or from a lower layer, never from a higher one or from a neighbour on its own layer;
 * - `no-cycle`: no file reaches itself through relative imports (static or dynamic), inside a
 *   folder as across folders;
 * - `packages`: a package (or Node's built-in modules) is imported only where PACKAGES allows it.
 * One plugin holds every boundary, so that no later block of the flat config can replace one.
 * The table below is the layout: README's "Layout" section is checked against it by a test.
 */
import fs from 'node:fs'
import {builtinModules} from 'node:module'
import path from 'node:path'

/** From the ground up: what each part of src/ owns. Parts on one line may not import each other. */
export const LAYERS = [
  {
    'errors.ts': 'the exit-code registry and the one error type',
    'text/': 'values made safe to print: control characters escaped, cells cut; did-you-mean',
    'project.ts': 'where llmops lives in public: repository, docs, the published Action',
  },
  {'engine/': 'the detection engine: pure functions over strings (compile, scan, validate, redact)'},
  {'rules/': 'the built-in rules as data, each with examples'},
  {
    'io/': 'reading and writing bytes: inputs, decoding, line framing, atomic files',
    'git/': 'every git operation: a runner (the only importer of simple-git), commands as data',
  },
  {'config/': 'the config file: schema, loading, detection settings'},
  {'detector.ts': 'the detection engine as the config sets it up'},
  {'results/': "what a monitor run produces: records, per-record facts, the summary, the gate's verdict"},
  {'report/': 'the reports: JSON Lines, JSON, text, SARIF, JUnit, Markdown, GitHub, the comparison, the HTML report'},
  {'gate/': 'the PII gate: changed lines, ignore file, trusted config, evaluation, reports'},
  {
    'monitor/': 'the monitor use case: read, frame, analyse (threads), summarise',
    'feedback/': 'the feedback use case: capture, store, query, export',
    'branch/': 'the branch procedure release and rollback share',
  },
  {
    'release/': 'the release use case',
    'rollback/': 'the rollback use case',
    'init/': "the init use case: a repository's config, ignore file, gate workflow and release branch",
    'api/': 'the library API: detectors and monitorStream over the engine and the monitor the CLI runs',
    'evaluate/': 'the evaluate use case: compare runs, versions and windows; the HTML report',
  },
  {'base-command.ts': 'the shared base of every command: errors, exit codes', 'flags/': 'flag declarations that several commands share'},
  {
    'commands/': 'the oclif commands: flags and help, then one call into a use case',
    'action/': 'the GitHub Action entry, bundled into dist/',
    'index.ts': 'the package entry: the semver-stable library API (docs/api.md)',
    'help.ts': 'the root --help: examples and the docs',
    'hooks/': 'oclif hooks: did you mean, for a mistyped command',
  },
]

/**
 * Who may import what from outside the tree: a package name (or prefix ending in `/`) and the
 * parts or files of src/ allowed to import it. `node:` is Node's built-in modules: the pure
 * parts (engine, rules, text, results, reports) touch no file, process or network.
 */
export const PACKAGES = {
  'simple-git': ['git/run.ts'],
  '@oclif/': ['commands/', 'flags/', 'base-command.ts', 'help.ts', 'hooks/'],
  '@actions/': ['action/', 'report/github.ts', 'branch/github.ts'],
  '@inquirer/': ['branch/confirm.ts', 'feedback/prompt.ts', 'init/prompt.ts'],
  'node:': [
    'errors.ts',
    'io/',
    'git/',
    'config/',
    'detector.ts',
    'gate/',
    'monitor/',
    'feedback/',
    'branch/',
    'release/',
    'rollback/',
    'init/',
    'evaluate/',
    'base-command.ts',
    'commands/',
    'action/',
  ],
  zod: ['config/', 'feedback/', 'gate/', 'results/summary-file.ts'],
}

const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'src')

/** The part of src/ a file belongs to ("monitor/", "errors.ts"), or null outside src/. */
function partOf(file) {
  const rel = path.relative(SRC, file)
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null
  const [first, ...rest] = rel.split(path.sep)
  return rest.length > 0 ? `${first}/` : first
}

const BUILTIN = new Set(builtinModules)
const layerOf = new Map(LAYERS.flatMap((layer, i) => Object.keys(layer).map((part) => [part, i])))

/** `./x.js` from `dir` → the .ts file it names, or null when it is not a file of the tree. */
function resolve(dir, specifier) {
  if (!specifier.startsWith('.')) return null
  const target = path.resolve(dir, specifier).replace(/\.js$/, '.ts')
  return fs.existsSync(target) ? target : null
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
const importsCache = new Map()

/** The tree files a file imports, read from disk (cached per lint run). */
function importsOf(file) {
  let found = importsCache.get(file)
  if (found === undefined) {
    const text = fs.readFileSync(file, 'utf8')
    found = [...text.matchAll(IMPORT)].map((m) => resolve(path.dirname(file), m[1] ?? m[2])).filter((f) => f !== null)
    importsCache.set(file, found)
  }

  return found
}

/** A shortest import path from `from` back to `file`, or null. */
function cycleThrough(file, from) {
  const previous = new Map([[from, null]])
  const queue = [from]
  while (queue.length > 0) {
    const current = queue.shift()
    if (current === file) {
      const trail = []
      for (let at = current; at !== null; at = previous.get(at)) trail.unshift(path.relative(SRC, at))
      return trail
    }

    for (const next of importsOf(current)) {
      if (!previous.has(next)) {
        previous.set(next, current)
        queue.push(next)
      }
    }
  }

  return null
}

function eachImport(context, check) {
  const visit = (node) => {
    if (node.source?.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value)
  }

  return {ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit}
}

const layers = {
  meta: {type: 'problem', docs: {description: 'imports go to the same folder or down the layers of src/'}, schema: []},
  create(context) {
    const file = context.filename
    const own = partOf(file)
    if (own === null) return {}
    return eachImport(context, (node, specifier) => {
      const target = resolve(path.dirname(file), specifier)
      if (target === null) return
      const part = partOf(target)
      if (part === null || part === own) return
      const from = layerOf.get(own)
      const to = layerOf.get(part)
      if (from === undefined) context.report({node, message: `src/${own} has no layer: add it to LAYERS in eslint/layers.js`})
      else if (to === undefined) context.report({node, message: `src/${part} has no layer: add it to LAYERS in eslint/layers.js`})
      else if (to > from) context.report({node, message: `src/${own} must not import src/${part}: it stands on a higher layer (eslint/layers.js)`})
      else if (to === from) context.report({node, message: `src/${own} must not import src/${part}: they are neighbours on one layer (eslint/layers.js)`})
    })
  },
}

const noCycle = {
  meta: {type: 'problem', docs: {description: 'no import cycles between files of src/'}, schema: []},
  create(context) {
    const file = context.filename
    if (partOf(file) === null) return {}
    return eachImport(context, (node, specifier) => {
      const target = resolve(path.dirname(file), specifier)
      if (target === null) return
      const trail = cycleThrough(file, target)
      if (trail !== null) context.report({node, message: `import cycle: ${path.relative(SRC, file)} -> ${trail.join(' -> ')}`})
    })
  },
}

/** The PACKAGES entry a bare specifier falls under, or null for one nobody restricts. */
function packageOf(specifier) {
  return (
    Object.keys(PACKAGES).find((name) =>
      name.endsWith('/') || name.endsWith(':') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`),
    ) ?? null
  )
}

const allowedIn = (file, places) => {
  const rel = path.relative(SRC, file).split(path.sep).join('/')
  return places.some((place) => (place.endsWith('/') ? rel.startsWith(place) : rel === place))
}

const packages = {
  meta: {type: 'problem', docs: {description: 'packages and built-in modules are imported only where PACKAGES allows'}, schema: []},
  create(context) {
    const file = context.filename
    if (partOf(file) === null) return {}
    return eachImport(context, (node, specifier) => {
      if (specifier.startsWith('.')) return
      // Node's built-ins are named with `node:` in this tree; a bare `fs` counts as `node:fs`.
      const name = packageOf(BUILTIN.has(specifier.split('/')[0]) ? `node:${specifier}` : specifier)
      if (name !== null && !allowedIn(file, PACKAGES[name])) {
        context.report({
          node,
          message: `src/${path.relative(SRC, file).split(path.sep).join('/')} must not import ${specifier}: only ${PACKAGES[name].map((p) => `src/${p}`).join(', ')} may (eslint/layers.js)`,
        })
      }
    })
  },
}

export default {rules: {layers, 'no-cycle': noCycle, packages}}
