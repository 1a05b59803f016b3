import {Flags} from '@oclif/core'

/** Flags shared by `feedback list`, `stats` and `export`. */
export const readFlags = {
  file: Flags.string({helpValue: 'FILE', description: 'feedback file [default: chatbot_feedback.jsonl, or $LLMOPS_FEEDBACK_FILE]'}),
  config: Flags.string({char: 'c', helpValue: 'FILE', description: 'config file [default: $LLMOPS_CONFIG, else .llmops.json if present]'}),
  type: Flags.string({multiple: true, description: 'only these feedback types (repeatable)'}),
  'user-id': Flags.string({description: 'only feedback from this user'}),
  'interaction-id': Flags.string({description: 'only feedback about this interaction'}),
  since: Flags.string({helpValue: 'WHEN', description: 'from this time on: 2026-11-01, an ISO time, or 24h, 7d, 2w ago'}),
  until: Flags.string({helpValue: 'WHEN', description: 'before this time (same forms as --since)'}),
}
