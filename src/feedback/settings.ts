import path from 'node:path'

import {loadConfig} from '../config/load.js'
import {buildDetector, resolveSalt, type Detector} from '../detector.js'
import {FEEDBACK_FILE_ENV} from './store.js'

export interface FeedbackSettings {
  /** Absolute path of the feedback file, and how to show it. */
  file: string
  shown: string
  /** Named by --file or $LLMOPS_FEEDBACK_FILE (a reader refuses it missing), not the config's or the default. */
  explicit: boolean
  types: string[]
  detector: Detector
}

/** The feedback file: --file, else $LLMOPS_FEEDBACK_FILE, else the config's, else chatbot_feedback.jsonl. */
export async function feedbackSettings(options: {
  file?: string | undefined
  config?: string | undefined
  cwd?: string
  env?: NodeJS.ProcessEnv
}): Promise<FeedbackSettings> {
  const cwd = options.cwd ?? process.cwd()
  const env = options.env ?? process.env
  const {config} = await loadConfig({cwd, path: options.config, env})
  const shown = options.file ?? (env[FEEDBACK_FILE_ENV] || config.feedback.file)
  const detection = {rules: config.rules, allowlist: config.allowlist, redaction: config.redaction}
  return {
    file: path.resolve(cwd, shown),
    shown,
    explicit: options.file !== undefined || Boolean(env[FEEDBACK_FILE_ENV]),
    types: config.feedback.types,
    detector: buildDetector(detection, resolveSalt(detection, env)),
  }
}
