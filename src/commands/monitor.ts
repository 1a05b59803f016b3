import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../base-command.js'
import {REDACT_OPERATORS, type RedactOperator} from '../config/detection.js'
import {SCHEMAS, type SchemaName} from '../config/schema.js'
import {parseInteger, parseLineRange, parseShard, shardFromEnv} from '../config/values.js'
import {ExitCode, usageError} from '../errors.js'
import {failOnOf, optional, thresholdsOf, verdictFlags} from '../flags/gate.js'
import {windowFlags, windowOf} from '../flags/window.js'
import {DEFAULT_LOG_FILE, defaultInput} from '../monitor/default-input.js'
import {defaultIo, type MonitorInvocation, type MonitorIo} from '../monitor/invocation.js'
import {boundHeapGrowth, defaultThreads} from '../monitor/threads.js'

export default class Monitor extends BaseCommand {
  static override summary = 'Scan chatbot interaction logs for PII, secrets, functional errors and latency.'

  static override description = `Reads JSON Lines logs (one interaction per line; .gz read transparently; - for stdin) and prints one JSON line per interaction to stdout, in input order, with its findings, functional errors and latency. Detected values are masked everywhere unless --no-redact is given. A summary goes to stderr.

In a terminal (stdout not redirected, no --format) it lists the findings instead, as file:line, type, masked value and field, grouped by file with the most severe first (coloured unless NO_COLOR is set; FORCE_COLOR forces it), then the summary. Pipes and files always get JSON Lines.

Malformed lines never stop the run: each yields an output line with its file, line number and parse error.

With no FILE it reads standard input when that is a pipe or a redirected file that brings data (cat logs.jsonl | llmops monitor, llmops monitor < logs.jsonl), and ${DEFAULT_LOG_FILE} in the current directory otherwise: from a terminal, with stdin on /dev/null, a socket or a pipe that ends before its first byte (cron, CI runners), with --follow and with --changed-since, or when a pipe stays silent for 5 s while that file exists. In scripts, name the input: - for stdin (it always waits), or the file. Settings come from flags, then the config file (--config, $LLMOPS_CONFIG or .llmops.json), then defaults.

${BaseCommand.exitCodesHelp(ExitCode.GATE_FAILED, ExitCode.PRECONDITION, ExitCode.INTERRUPTED)}`

  static override examples = [
    {description: 'Scan the sample log', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Scan rotated logs, keep only flagged interactions',
      command: "<%= config.bin %> <%= command.id %> logs/*.jsonl.gz | jq -c 'select(.pii_detected or .error)'",
    },
    {description: 'Fail a CI step on any PII or secret', command: '<%= config.bin %> <%= command.id %> logs.jsonl --fail-on pii,secret --format summary'},
    {
      description: 'The PII gate of a pull request: only what it adds, with a SARIF report',
      command: '<%= config.bin %> <%= command.id %> --changed-since origin/main --fail-on pii,secret --format summary --sarif llmops.sarif',
    },
    {
      description: 'Write a sanitized copy of the logs, values replaced by their type',
      command: '<%= config.bin %> <%= command.id %> logs.jsonl --format summary --redact-out clean.jsonl --redact-operator replace',
    },
    {
      description: 'Alarm on the first PII or secret in a live log (exit 1)',
      command:
        '<%= config.bin %> <%= command.id %> --follow /var/log/chatbot.jsonl --fail-on pii,secret --exit-on-first --format summary || echo "PII in the live log" >&2',
    },
    {description: 'Watch a live log like tail -f (Ctrl-C prints the summary)', command: '<%= config.bin %> <%= command.id %> --follow /var/log/chatbot.jsonl'},
    {
      description: 'Scan shard 2 of 4 of a large log and keep its figures for a merge (docs/scale.md)',
      command: '<%= config.bin %> <%= command.id %> big.jsonl --shard 2/4 --format summary --summary-out part-2.json',
    },
    {
      description: "One day's records, its figures kept for llmops compare and llmops report",
      command: '<%= config.bin %> <%= command.id %> logs/*.jsonl.gz --since 2026-11-01 --until 2026-11-02 --format summary --summary-out day.json',
    },
    {
      description: 'Read OpenTelemetry GenAI spans written by the OTLP file exporter (the shape is recognised per line without --schema)',
      command: '<%= config.bin %> <%= command.id %> traces.jsonl --schema otel-genai --group-by model',
    },
    {
      description: 'Which shape the first 5 lines are read as, and where each fact comes from',
      command: '<%= config.bin %> <%= command.id %> traces.jsonl --explain-schema 1-5',
    },
    {
      description: 'Report findings in nested fields under the main text fields',
      command: "<%= config.bin %> <%= command.id %> --fields 'bot_response,user_query,messages[].content' chat.jsonl",
    },
  ]

  static override strict = false

  static override args = {
    file: Args.string({ignoreStdin: true, description: `JSON Lines log file(s), .gz allowed, - for stdin [default: piped stdin, else ${DEFAULT_LOG_FILE}]`}),
  }

  static override flags = {
    ...verdictFlags,
    ...windowFlags,
    config: Flags.string({char: 'c', helpValue: 'FILE', description: 'config file [default: $LLMOPS_CONFIG, else .llmops.json if present]'}),
    fields: Flags.string({
      delimiter: ',',
      multiple: true,
      description:
        'text fields whose findings come first [default: bot_response,user_query]; nested paths like messages[].content (all other strings are scanned too)',
      helpValue: 'PATH',
    }),
    'slow-ms': Flags.integer({min: 1, description: 'latency in ms above which an interaction is slow [default: 1500]', helpValue: 'MS'}),
    'latency-field': Flags.string({
      delimiter: ',',
      multiple: true,
      description: 'fields that hold the latency in ms, first present wins [default: latency_ms,duration_ms,latency,...]',
      helpValue: 'NAME',
    }),
    'group-by': Flags.string({description: "field for the summary breakdown, 'none' to turn it off [default: model_version]", helpValue: 'FIELD'}),
    schema: Flags.string({
      options: [...SCHEMAS],
      description:
        'log shape to read id, time, latency, model, tokens and errors from; auto recognises it per line (every value is scanned whatever the shape) [default: auto, or the config]',
    }),
    'explain-schema': Flags.string({
      helpValue: 'LINES',
      description: 'scan nothing; print, for lines N or A-B of each input, the shape each is read as, why, and the path each fact comes from (never a value)',
    }),
    format: Flags.string({
      options: ['jsonl', 'text', 'summary'],
      description:
        'jsonl: a JSON line per interaction on stdout; text: each finding as file:line, type, masked value and field, grouped by file, then the summary; summary: only the summary, on stdout [default: text when stdout is a terminal, else jsonl]',
    }),
    redact: Flags.boolean({allowNo: true, default: true, description: 'mask detected values in all output; --no-redact shows them raw'}),
    'redact-out': Flags.string({
      helpValue: 'FILE',
      description: 'also write a sanitized copy of the logs: every finding replaced, every other byte kept (written whole or not at all)',
    }),
    'redact-operator': Flags.string({
      options: [...REDACT_OPERATORS],
      description:
        'how values are replaced in original_interaction: mask (h***@s***.com), replace (<EMAIL>), hash (<EMAIL:1a2b…>, salted), remove [default: mask, or the config]',
    }),
    follow: Flags.boolean({char: 'f', description: 'keep reading a growing file like tail -f (survives truncation and rotation)'}),
    quiet: Flags.boolean({char: 'q', description: 'do not print the summary on stderr'}),
    'exit-on-first': Flags.boolean({
      description: 'stop at the first record that fails --fail-on and exit 1: with --follow, an alarm on the first leak in a live log',
    }),
    'changed-since': Flags.string({
      helpGroup: 'GATE',
      helpValue: 'REF',
      description: 'scan only the records added since git merge-base REF HEAD, in the log files that changed (config gate.paths)',
    }),
    uncommitted: Flags.boolean({
      helpGroup: 'GATE',
      description:
        'with --changed-since: also scan uncommitted changes and untracked files, read from the working tree (by default the gate reads what HEAD holds, from git objects)',
    }),
    'fail-on-weakened-config': Flags.boolean({
      helpGroup: 'GATE',
      description:
        "with --changed-since: exit 1 when the change's own config file would weaken the gate (the run always uses the base's config) [default: gate.failOnWeakenedConfig]",
    }),
    'write-baseline': Flags.boolean({helpGroup: 'GATE', description: 'add every current finding to the ignore file (review the reasons before committing it)'}),
    'max-p95-increase': Flags.string({
      helpGroup: 'GATE',
      helpValue: 'PERCENT',
      description: 'with --changed-since: exit 1 when p95 rose more than this over the base side (a whole number, at least 0)',
    }),
    shard: Flags.string({
      helpGroup: 'SCALE-OUT',
      helpValue: 'K/N',
      description:
        "scan only this worker's share of the inputs, shard K of N (from 1): whole files balanced by size, or line-aligned byte ranges of a single file; 'env' reads $LLMOPS_SHARD, or a scheduler's 0-based index ($JOB_COMPLETION_INDEX, $AWS_BATCH_JOB_ARRAY_INDEX) with $LLMOPS_SHARD_COUNT",
    }),
    'summary-out': Flags.string({
      helpGroup: 'SCALE-OUT',
      helpValue: 'FILE',
      description: "also write the run's figures as a summary file (versioned JSON) that llmops monitor merge combines with other shards",
    }),
    jobs: Flags.integer({
      min: 0,
      max: 64,
      description: 'worker threads that help analyse large files, about +40 MB RSS each (0: main thread only) [default: CPU cores - 1, at most 3]',
      helpValue: 'N',
    }),
  }

  /** --explain-schema: names and paths on stdout, as text or (--json) one JSON object. */
  private async explain(invocation: MonitorInvocation, io: MonitorIo, range: {first: number; last: number}): Promise<void> {
    const [{explainSchema}, {formatExplanations}] = await Promise.all([import('../monitor/explain.js'), import('../report/explain.js')])
    const explanations = await explainSchema(invocation, io, range)
    io.stdout.write(this.jsonEnabled() ? `${JSON.stringify({explanations})}\n` : formatExplanations(explanations))
  }

  /** Returns nothing: every mode, --json included, streams its output as it goes. */
  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Monitor)
    boundHeapGrowth()
    const {monitorLogs} = await import('../monitor/monitor-logs.js')
    const given = argv as string[]
    const io = defaultIo()
    // Flags that contradict each other are refused before any input is read (stdin included).
    if (flags.follow && this.jsonEnabled()) throw usageError('--follow cannot be combined with --json (it never ends)', 'E_USAGE')
    if (flags.format !== undefined && this.jsonEnabled()) {
      throw usageError(`--format ${flags.format} and --json ask for two different outputs`, 'E_USAGE', [
        '--json prints one JSON document with the records, the summary and the gate; --format jsonl prints a JSON line per record, summary the text summary alone, text the findings for a person.',
      ])
    }

    const implicit =
      given.length > 0
        ? undefined
        : await defaultInput({
            changedSince: flags['changed-since'] !== undefined,
            follow: flags.follow,
            stdin: process.stdin,
            notes: this.jsonEnabled() ? undefined : process.stderr,
          })
    const files = implicit?.files ?? given
    if (implicit?.stdin !== undefined) io.stdin = implicit.stdin
    if (flags.follow && (files.length !== 1 || files[0] === '-' || files[0]?.endsWith('.gz'))) {
      throw usageError('--follow needs exactly one plain (not .gz) log file, not stdin', 'E_USAGE')
    }

    // A person at a terminal reads findings; pipes and files get JSON Lines.
    const format = flags.format ?? (process.stdout.isTTY ? 'text' : 'jsonl')
    const invocation: MonitorInvocation = {
      files,
      configPath: flags.config,
      overrides: {
        failOn: failOnOf(flags),
        fields: flags.fields,
        slowMs: flags['slow-ms'],
        latencyFields: flags['latency-field'],
        groupBy: flags['group-by'] === 'none' ? null : flags['group-by'],
        schema: flags.schema as SchemaName | undefined,
      },
      redact: flags.redact,
      redactOperator: flags['redact-operator'] as RedactOperator | undefined,
      redactOut: flags['redact-out'],
      follow: flags.follow,
      exitOnFirst: flags['exit-on-first'],
      format: this.jsonEnabled() ? 'json' : (format as 'jsonl' | 'text' | 'summary'),
      quiet: flags.quiet,
      threads: flags.jobs ?? defaultThreads(),
      version: this.config.version,
      explicitFiles: given.length > 0,
      shard: flags.shard === undefined ? undefined : flags.shard.trim() === 'env' ? shardFromEnv(process.env) : parseShard(flags.shard, '--shard'),
      summaryOut: flags['summary-out'],
      window: windowOf(flags),
      gate: {
        changedSince: flags['changed-since'],
        uncommitted: flags.uncommitted,
        failOnWeakenedConfig: flags['fail-on-weakened-config'],
        ignoreFile: flags['ignore-file'],
        writeBaseline: flags['write-baseline'],
        reportUnusedIgnores: flags['report-unused-ignores'],
        failOnUnusedIgnores: flags['fail-on-unused-ignores'],
        sarif: flags.sarif,
        junit: flags.junit,
        markdown: flags.markdown,
        github: flags.github,
        thresholds: {
          ...thresholdsOf(flags),
          maxP95IncreasePercent: optional(flags['max-p95-increase'], (text) => parseInteger(text, '--max-p95-increase', {min: 0})),
        },
      },
    }
    if (flags['explain-schema'] !== undefined) {
      await this.explain(invocation, io, parseLineRange(flags['explain-schema'], '--explain-schema'))
      return
    }

    const exitCode = await monitorLogs(invocation, io)
    if (exitCode !== ExitCode.OK) process.exitCode = exitCode
  }
}
