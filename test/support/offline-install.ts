/**
 * Installing a packed tarball offline. `npm ci` fills the npm cache with the tarballs of the
 * locked dependencies, not with the registry's metadata that `npm install <tarball>` resolves
 * versions from; so a project is given a lock made from this repository's (its runtime part, each
 * entry with its tarball's address), and `npm ci --offline` installs from the cache alone.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

interface LockEntry {
  version?: string
  resolved?: string
  dev?: boolean
  devOptional?: boolean
  [key: string]: unknown
}

/** Write package.json and package-lock.json of a project that depends on `tarball` only. */
export async function projectFor(dir: string, tarball: string, root: string): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    version: string
    dependencies: Record<string, string>
    bin: unknown
    engines: unknown
    license: string
  }
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {packages: Record<string, LockEntry>}
  const spec = `file:${path.relative(dir, tarball)}`
  const packages: Record<string, LockEntry> = {
    '': {name: 'consumer', dependencies: {llmops: spec}},
    'node_modules/llmops': {version: pkg.version, resolved: spec, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines},
  }
  for (const [place, entry] of Object.entries(lock.packages)) {
    if (place === '' || entry.dev === true || entry.devOptional === true) continue
    const name = place.slice(place.lastIndexOf('node_modules/') + 'node_modules/'.length)
    packages[place] = {...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${entry.version}.tgz`}
  }

  await writeFile(path.join(dir, 'package.json'), JSON.stringify({name: 'consumer', private: true, type: 'module', dependencies: {llmops: spec}}, null, 2))
  await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({name: 'consumer', lockfileVersion: 3, requires: true, packages}, null, 2))
}
