#!/usr/bin/env node
// `llmops --version` (or -v) is answered before oclif is imported: importing @oclif/core alone
// takes about as long again as starting Node, and a version check should cost nothing. The line
// is the one oclif prints (its user agent: name/version platform-arch node-version).
const [first] = process.argv.slice(2)
if (first === '--version' || first === '-v') {
  const {readFileSync} = await import('node:fs')
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const arch = process.arch === 'ia32' ? 'x86' : process.arch
  process.stdout.write(`${pjson.name}/${pjson.version} ${process.platform}-${arch} node-${process.version}\n`)
} else {
  const {execute, settings} = await import('@oclif/core')
  // This launcher runs the compiled lib/ whatever NODE_ENV says (oclif would look for src/*.ts
  // under NODE_ENV=development or test); bin/dev.js is the one that runs the sources.
  settings.enableAutoTranspile = false
  await execute({dir: import.meta.url})
}
