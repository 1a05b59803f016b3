import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {ESLint} from 'eslint'
import {describe, expect, it} from 'vitest'

import {LAYERS} from '../../eslint/layers.js'
import {ROOT} from '../helpers.js'

/** The README's layout table as the layer table says it must read, top layer first. */
function expectedTable(): string {
  const rows = LAYERS.flatMap((layer, i) =>
    Object.entries(layer)
      .map(([part, owns]) => `| ${i + 1} | \`src/${part}\` | ${owns} |`)
      .reverse(),
  ).reverse()
  return ['| layer | part | owns |', '|---|---|---|', ...rows].join('\n')
}

const messages = async (code: string, file: string): Promise<string[]> => {
  const [result] = await new ESLint({cwd: ROOT}).lintText(code, {filePath: path.join(ROOT, file)})
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('house/')).map((m) => m.message)
}

describe('the layout of src/', () => {
  it('README shows the layer table that lint enforces, and every part of src/ has a layer', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain(expectedTable())
    const parts = LAYERS.flatMap((layer) => Object.keys(layer)).sort()
    const entries = (await readdir(path.join(ROOT, 'src'), {withFileTypes: true})).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort()
    expect(entries).toEqual(parts)
  })

  it('lint refuses an import up the layers, between neighbours, and an import cycle', async () => {
    expect(await messages("import {scanSources} from '../monitor/scan-sources.js'\nexport const x = scanSources\n", 'src/engine/probe.ts')).toEqual([
      'src/engine/ must not import src/monitor/: it stands on a higher layer (eslint/layers.js)',
    ])
    expect((await messages("import {monitorLogs} from '../monitor/monitor-logs.js'\nexport const x = monitorLogs\n", 'src/feedback/probe.ts'))[0]).toContain(
      'neighbours on one layer',
    )
    const compile = await readFile(path.join(ROOT, 'src/engine/compile.ts'), 'utf8')
    const found = await messages(`${compile}\nexport {scan as _scan} from './detect.js'\n`, 'src/engine/compile.ts')
    expect(found).toContain('import cycle: engine/compile.ts -> engine/detect.ts -> engine/compile.ts')
    expect(await messages(compile, 'src/engine/compile.ts')).toEqual([])
  })

  it('lint keeps each package where the table allows it, whatever folder a probe stands in', async () => {
    const probes: Array<[string, string, string]> = [
      ["import {simpleGit} from 'simple-git'", 'src/io/probe.ts', 'src/io/probe.ts must not import simple-git'],
      ["import {simpleGit} from 'simple-git'", 'src/gate/probe.ts', 'src/gate/probe.ts must not import simple-git'],
      ["import {Flags} from '@oclif/core'", 'src/feedback/probe.ts', 'src/feedback/probe.ts must not import @oclif/core'],
      ["import {readFile} from 'node:fs/promises'", 'src/engine/probe.ts', 'src/engine/probe.ts must not import node:fs/promises'],
      ["import {readFile} from 'fs/promises'", 'src/report/probe.ts', 'src/report/probe.ts must not import fs/promises'],
      ["import {z} from 'zod'", 'src/rules/probe.ts', 'src/rules/probe.ts must not import zod'],
    ]
    for (const [code, file, expected] of probes) {
      const found = await messages(`${code}\nexport const probe = 1\n`, file)
      expect(
        found.some((m) => m.startsWith(expected)),
        `${file}: ${found.join('; ')}`,
      ).toBe(true)
    }

    expect(await messages("import {simpleGit} from 'simple-git'\nexport const probe = simpleGit\n", 'src/git/run.ts')).toEqual([])
  })
})
