import {configSchema} from '../../src/config/schema.js'
import {prepareContext} from '../../src/monitor/context.js'
import type {AnalyzeContext} from '../../src/monitor/types.js'

/** An analysis context from config fragments, as a run would build it. */
export function testContext(
  monitor: Record<string, unknown> = {},
  options: {redact?: boolean; config?: Record<string, unknown>; salt?: string} = {},
): AnalyzeContext {
  const config = configSchema.parse({monitor, ...options.config})
  return prepareContext({
    monitor: config.monitor,
    detection: {rules: config.rules, allowlist: config.allowlist, redaction: config.redaction},
    redact: options.redact ?? true,
    salt: options.salt ?? 'test-salt-not-secret-0123456789',
  })
}
