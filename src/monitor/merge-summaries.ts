/**
 * `llmops monitor merge`: partial summaries (one per shard or per batch of files) combined into
 * the summary, gate verdict, reports and exit code of one run over all their inputs. Parts that
 * cannot be combined (other settings or llmops version, a shard twice, a shard missing, an input
 * in two parts) are refused with exit 2, naming the files.
 */
import path from 'node:path'

import type {FailOn} from '../config/schema.js'
import {ExitCode, usageError, type ExitCodeValue} from '../errors.js'
import {AtomicFile} from '../io/atomic-file.js'
import {evaluateGate} from '../gate/evaluate.js'
import {checkReportTargets, finishGate, type GateOptions} from '../gate/finish.js'
import {loadIgnores} from '../gate/ignore.js'
import {formatSummary} from '../report/summary-text.js'
import type {MonitorResult} from '../results/run.js'
import type {SummaryFile} from '../results/summary-file.js'
import {SummaryBuilder} from '../results/summary.js'
import type {MonitorIo} from './invocation.js'
import {readSummaryFile, summaryFileOf} from './summary-out.js'

export interface MergeInvocation {
  files: string[]
  failOn: FailOn[]
  gate: GateOptions
  summaryOut?: string | undefined
  format: 'summary' | 'json'
  quiet: boolean
  version: string
}

const mismatch = (message: string, hint: string): Error => usageError(message, 'E_SUMMARY_MISMATCH', [hint])

/** Which shards the parts cover together; refuses overlaps and gaps. */
function coveredShards(parts: Array<{file: string; data: SummaryFile}>): SummaryFile['shards'] {
  const sharded = parts.filter((p) => p.data.shards !== null)
  if (sharded.length === 0) {
    const seen = new Map<string, string>()
    for (const {file, data} of parts) {
      for (const input of data.inputs) {
        const other = seen.get(input)
        if (other !== undefined)
          throw mismatch(`${input} is covered by both ${other} and ${file}`, 'Each input may be scanned by one part only; use --shard to split one file.')
        seen.set(input, file)
      }
    }

    return null
  }

  if (sharded.length !== parts.length) {
    const whole = parts.find((p) => p.data.shards === null)?.file
    throw mismatch(`${whole} covers whole inputs and ${sharded[0]?.file} one shard: they cannot be merged`, 'Merge the shards of one run only.')
  }

  const count = sharded[0]?.data.shards?.count as number
  const owner = new Map<number, string>()
  for (const {file, data} of sharded) {
    if (data.shards?.count !== count)
      throw mismatch(`${sharded[0]?.file} is a shard of ${count} and ${file} of ${data.shards?.count}`, 'Merge the shards of one run only.')
    for (const k of data.shards.covered) {
      const other = owner.get(k)
      if (other !== undefined) throw mismatch(`shard ${k}/${count} is in both ${other} and ${file}`, 'Give each shard once.')
      owner.set(k, file)
    }
  }

  const missing = Array.from({length: count}, (_, i) => i + 1).filter((k) => !owner.has(k))
  if (missing.length > 0) {
    throw mismatch(
      `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing`,
      'A verdict over part of the inputs would look like one over all of them: give every shard.',
    )
  }

  return {count, covered: [...owner.keys()].sort((a, b) => a - b)}
}

export async function mergeSummaries(invocation: MergeInvocation, io: MonitorIo): Promise<ExitCodeValue> {
  if (invocation.files.length === 0) throw usageError('give the summary files to merge (written by llmops monitor --summary-out)', 'E_USAGE')
  // Every output path is checked before anything is read.
  await checkReportTargets(invocation.gate, io.cwd)
  const summaryFile =
    invocation.summaryOut === undefined ? undefined : await AtomicFile.create(path.resolve(io.cwd, invocation.summaryOut), invocation.summaryOut)
  try {
    const parts = await Promise.all(invocation.files.map(async (file) => ({file, data: await readSummaryFile(file, io.cwd)})))
    const [first] = parts as [{file: string; data: SummaryFile}]
    for (const {file, data} of parts) {
      if (data.tool.version !== first.data.tool.version)
        throw mismatch(
          `${first.file} was written by llmops ${first.data.tool.version} and ${file} by ${data.tool.version}`,
          'Scan every part with the same llmops version.',
        )
      if (data.settings !== first.data.settings)
        throw mismatch(
          `${first.file} and ${file} were scanned with different settings (config, rules, allowlist or ignore file)`,
          'Scan every part with the same config and ignore file.',
        )
    }

    const shards = coveredShards(parts)
    const merged = SummaryBuilder.from(first.data.tallies)
    for (const {data} of parts.slice(1)) merged.merge(SummaryBuilder.from(data.tallies))
    const inputs = [...new Set(parts.flatMap((p) => p.data.inputs))].sort()
    const summary = merged.finish(inputs, Math.max(...parts.map((p) => p.data.duration_ms)))
    const result: MonitorResult = {
      summary,
      gate: evaluateGate(summary, invocation.failOn),
      interrupted: false,
      findings: merged.sortedDetails(),
      findingsLeftOut: merged.detailsLeftOut,
      usedIgnores: merged.usedIgnores,
      valueKeys: undefined,
      tallies: merged,
    }
    const ignores = await loadIgnores(invocation.gate.ignoreFile, {cwd: io.cwd, optional: invocation.gate.ignoreFile === undefined})
    const {gate, notes} = await finishGate(result, invocation.gate, {
      cwd: io.cwd,
      failOn: invocation.failOn,
      ignores,
      rules: first.data.rules,
      version: invocation.version,
    })
    if (summaryFile !== undefined) {
      const data = summaryFileOf(result, {version: first.data.tool.version, settings: first.data.settings, shards, rules: first.data.rules})
      await summaryFile.writer.write(`${JSON.stringify(data)}\n`)
      await summaryFile.commit()
    }

    io.stdout.write(invocation.format === 'json' ? `${JSON.stringify({summary, gate})}\n` : formatSummary(summary, gate))
    if (notes && invocation.format !== 'json' && !invocation.quiet) io.stderr.write(notes)
    return gate.passed ? ExitCode.OK : ExitCode.GATE_FAILED
  } catch (error) {
    await summaryFile?.abort()
    throw error
  }
}
