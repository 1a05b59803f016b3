import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {ExitCode} from '../../errors.js'
import type {FeedbackRecord} from '../../feedback/record.js'

export default class Feedback extends BaseCommand {
  static override summary = 'Record feedback about the chatbot from a user or a stakeholder.'

  static override description = `Appends one record to the feedback file (chatbot_feedback.jsonl in the current directory; --file, $LLMOPS_FEEDBACK_FILE or the config's feedback.file override it). Each record gets a sortable id and a UTC timestamp. Personal data and secrets in the description are masked before anything is written (--keep-pii stores it as typed). Many processes can write at once: appends are locked and never interleave.

In a terminal, missing values are asked for (Ctrl-C at a question saves nothing: exit 6); in scripts, they are flags or JSON on stdin (--stdin), and a missing one is an error (exit 2) that names it. Invalid input writes nothing.

Read it back with "feedback list", "feedback stats" and "feedback export".

${BaseCommand.exitCodesHelp(ExitCode.NOT_CONFIRMED)}`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --user-id "user_999" --feedback-type "bug_report" --description "The chatbot provided an incorrect link for the pricing page."',
    '<%= config.bin %> <%= command.id %> --user-id pm_anna --feedback-type confusing_response --interaction-id int_003 --rating 2 --tag billing',
    {
      description: 'Import records from another tool (JSON, or JSON Lines of many)',
      command: 'echo \'{"user_id":"u1","feedback_type":"suggestion","description":"Add dark mode"}\' | <%= config.bin %> <%= command.id %> --stdin',
    },
  ]

  static override flags = {
    'user-id': Flags.string({description: 'who gives the feedback'}),
    'feedback-type': Flags.string({description: 'bug_report, suggestion, confusing_response or other (configurable: feedback.types)'}),
    description: Flags.string({description: `what happened, up to 10,000 characters`}),
    'interaction-id': Flags.string({description: 'the monitored interaction it is about (interaction_id in llmops monitor output)'}),
    rating: Flags.string({description: '1 to 5, or up / down'}),
    'model-version': Flags.string({description: 'the model version the user talked to'}),
    source: Flags.string({description: 'where it comes from: user, internal, support...'}),
    tag: Flags.string({multiple: true, description: 'a label; repeat for several'}),
    id: Flags.string({description: 'idempotency key: a record with the same id replaces the earlier one when read'}),
    stdin: Flags.boolean({description: 'read one JSON record, or JSON Lines of many, from stdin (snake_case fields as stored)'}),
    'keep-pii': Flags.boolean({description: 'store the description as typed, without masking personal data'}),
    file: Flags.string({helpValue: 'FILE', description: 'feedback file [default: chatbot_feedback.jsonl]'}),
    config: Flags.string({char: 'c', helpValue: 'FILE', description: 'config file [default: $LLMOPS_CONFIG, else .llmops.json if present]'}),
  }

  async run(): Promise<FeedbackRecord | FeedbackRecord[]> {
    const {flags} = await this.parse(Feedback)
    const {captureFromCli} = await import('../../feedback/cli.js')
    const result = await captureFromCli(flags)
    if (!this.jsonEnabled()) {
      process.stderr.write(result.confirmation)
      this.log(result.lines)
    }
    return result.records.length === 1 ? (result.records[0] as FeedbackRecord) : result.records
  }
}
