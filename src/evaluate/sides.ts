/**
 * One side of a comparison from a summary file: the whole run, or one model version of it (a
 * group of `--group-by`), with the feedback recorded for it.
 */
import {LatencyStats} from '../engine/index.js'
import {usageError} from '../errors.js'
import type {FeedbackRecord} from '../feedback/record.js'
import type {FeedbackFigures, SideFigures} from '../results/comparison.js'
import type {SummaryFile} from '../results/summary-file.js'
import type {TallyState} from '../results/tally.js'
import {printable} from '../text/printable.js'

const perThousand = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 100_000) / 100)

function figures(label: string, tally: TallyState, lines: number, feedback: FeedbackFigures): SideFigures {
  const [p50, p95, p99] = LatencyStats.from(tally.latency).percentiles([50, 95, 99])
  return {
    label,
    records: tally.records,
    error_rate: lines === 0 ? null : Math.round((tally.errors / lines) * 1_000_000) / 1_000_000,
    latency: {count: tally.latency.count, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null},
    pii_per_1k: perThousand(tally.pii, lines),
    secrets_per_1k: perThousand(tally.secrets, lines),
    tokens_per_record: tally.with_tokens === 0 ? null : Math.round((tally.tokens / tally.with_tokens) * 10) / 10,
    feedback,
  }
}

/** Feedback whose model version is one of `versions` (all feedback when undefined), within the window if there is one. */
export function feedbackFigures(
  records: readonly FeedbackRecord[],
  versions: ReadonlySet<string> | undefined,
  window: {since: string | null; until: string | null} | null,
): FeedbackFigures {
  const since = window?.since === null || window?.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(window.since)
  const until = window?.until === null || window?.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(window.until)
  const byType = new Map<string, number>()
  let total = 0
  let ratings = 0
  let stars = 0
  for (const r of records) {
    if (versions !== undefined && (r.model_version === undefined || !versions.has(r.model_version))) continue
    const at = Date.parse(r.timestamp_utc)
    if (!(at >= since && at < until)) continue
    total++
    byType.set(r.feedback_type, (byType.get(r.feedback_type) ?? 0) + 1)
    if (typeof r.rating === 'number') {
      ratings++
      stars += r.rating
    }
  }

  return {
    total,
    by_type: Object.fromEntries([...byType].sort(([a], [b]) => a.localeCompare(b))),
    ratings,
    mean_rating: ratings === 0 ? null : Math.round((stars / ratings) * 100) / 100,
  }
}

/** The versions a run's feedback is joined by: its groups, when it is grouped by model version. */
function versionsOf(file: SummaryFile): Set<string> | undefined {
  return file.tallies.group_by === 'model_version' ? new Set(Object.keys(file.tallies.groups)) : undefined
}

/** The whole run of a summary file. */
export function runSide(label: string, file: SummaryFile, feedback: readonly FeedbackRecord[]): SideFigures {
  const {tallies} = file
  return figures(label, tallies.all, tallies.all.records + tallies.malformed_lines, feedbackFigures(feedback, versionsOf(file) ?? new Set(), tallies.window))
}

/** One group (model version) of a summary file; a version it does not have is a usage error naming the flag and the file. */
export function versionSide(version: string, file: SummaryFile, shown: string, flag: string, feedback: readonly FeedbackRecord[]): SideFigures {
  const {tallies} = file
  const tally = Object.hasOwn(tallies.groups, version) ? tallies.groups[version] : undefined
  if (tally === undefined) {
    const known = Object.keys(tallies.groups)
    const hint =
      tallies.group_by === null
        ? 'The run was not grouped: scan with --group-by model_version (the default) to compare versions.'
        : `Its ${tallies.group_by} values: ${
            known
              .slice(0, 20)
              .map((k) => printable(k, 60))
              .join(', ') || 'none'
          }${known.length > 20 ? ', ...' : ''}.`
    throw usageError(`${flag} ${printable(JSON.stringify(version), 80)}: ${printable(shown)} has no such ${tallies.group_by ?? 'group'}`, 'E_USAGE', [hint])
  }

  return figures(version, tally, tally.records, feedbackFigures(feedback, new Set([version]), tallies.window))
}
