/**
 * The three files `llmops init` writes, as text: pure functions of the options, so that a second
 * run produces the same bytes and can tell "unchanged" from "differs".
 */
import {docUrl} from '../project.js'
import type {InitOptions} from './types.js'

export const CONFIG_PATH = '.llmops.json'
export const IGNORE_PATH = '.llmopsignore'
export const WORKFLOW_PATH = '.github/workflows/pii-gate.yml'

/** Third-party actions, pinned to a full commit sha with the version in a comment. */
const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2'
const SETUP_NODE = 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0'
const UPLOAD_SARIF = 'github/codeql-action/upload-sarif@ff0a06e83cb2de871e5a09832bc6a81e7276941f # v3.28.18'

/** `.llmops.json`: the allowlist and the logs the gate scans; everything else stays at its default. */
export function configText(options: Pick<InitOptions, 'emailDomains' | 'supportPhones' | 'logs'>): string {
  const config = {
    gate: {paths: options.logs},
    allowlist: {emailDomains: options.emailDomains, values: options.supportPhones},
  }
  return `${JSON.stringify(config, null, 2)}\n`
}

/** `.llmopsignore`: no entries yet, only comments (JSON Lines; lines starting with # are skipped). */
export function ignoreText(): string {
  return [
    '# Findings the llmops PII gate accepts, one JSON object per line:',
    '# {"fingerprint":"<32 hex digits from llmops output>","reason":"why it is acceptable","who":"team","expires":"2027-03-31"}',
    '# A failing gate prints the exact line to add. Lines starting with # are comments.',
    `# ${docUrl('gate.md')}#accepting-known-findings`,
    '',
  ].join('\n')
}

const header = (how: string[]): string[] => [
  '# The llmops PII gate: fails a pull request that adds personal data or secrets to the chatbot',
  '# logs, and not for what was already there.',
  ...how.map((line) => `# ${line}`),
  `# Written by llmops init; see ${docUrl('gate.md')}`,
  'name: pii-gate',
  '',
  'on:',
  '  pull_request:',
  '',
  '# Least privilege: read the code; write code-scanning alerts only in the job that uploads them.',
  'permissions:',
  '  contents: read',
  '',
  'jobs:',
  '  gate:',
  '    name: no new PII or secrets in the chatbot logs',
  '    runs-on: ubuntu-latest',
  '    permissions:',
  '      contents: read',
  '      security-events: write',
  '    steps:',
  `      - uses: ${CHECKOUT}`,
  '        with:',
  "          # The merge base with the pull request's base must be in the clone.",
  '          fetch-depth: 0',
  '          persist-credentials: false',
]

const upload = (condition: string): string[] => [
  '      - name: Upload the findings to code scanning',
  '        # Pull requests from forks get no write token: the gate still runs and fails; only the upload is skipped.',
  `        if: ${condition} && github.event.pull_request.head.repo.full_name == github.repository`,
  `        uses: ${UPLOAD_SARIF}`,
  '        with:',
  '          sarif_file: llmops.sarif',
  '          category: llmops-pii-gate',
]

/** `.github/workflows/pii-gate.yml`, with the published Action or with the CLI from npm. */
export function workflowText(options: Pick<InitOptions, 'runner' | 'actionRef' | 'npmVersion'>): string {
  const lines =
    options.runner === 'action'
      ? [
          ...header([
            `It runs the published Action ${options.actionRef}: a pull request cannot change a`,
            'published tag, so it cannot change the gate that judges it.',
          ]),
          '      - name: llmops PII gate',
          '        id: gate',
          `        uses: ${options.actionRef}`,
          '        with:',
          `          config: ${CONFIG_PATH}`,
          '          fail-on: pii,secret',
          '          sarif: llmops.sarif',
          ...upload("always() && steps.gate.outputs.sarif != ''"),
        ]
      : [
          ...header([`It runs llmops@${options.npmVersion} from npm: keep an exact version, so that the gate`, 'changes only when a reviewed change says so.']),
          `      - uses: ${SETUP_NODE}`,
          '        with:',
          "          node-version: '24'",
          '      - name: llmops PII gate',
          '        env:',
          '          BASE_SHA: ${{ github.event.pull_request.base.sha }}',
          `        run: npx --yes llmops@${options.npmVersion} monitor --changed-since "$BASE_SHA" --fail-on pii,secret --format summary --sarif llmops.sarif --github`,
          ...upload("always() && hashFiles('llmops.sarif') != ''"),
        ]
  return `${lines.join('\n')}\n`
}

/** Every file init writes, path from the repository root and its text. */
export function initFiles(options: InitOptions): Array<{path: string; text: string}> {
  return [
    {path: CONFIG_PATH, text: configText(options)},
    {path: IGNORE_PATH, text: ignoreText()},
    {path: WORKFLOW_PATH, text: workflowText(options)},
  ]
}
