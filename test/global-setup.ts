import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'

/** End-to-end tests run the built CLI: build it when `vitest` is run without `npm test`. */
export default function setup(): void {
  if (!existsSync('lib/commands/monitor.js') || !existsSync('oclif.manifest.json')) {
    execFileSync('npm', ['run', 'build'], {stdio: 'inherit'})
  }
}
