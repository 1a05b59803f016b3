/**
 * A deterministic log of two model versions over two days, the candidate with an injected p95
 * regression and more PII (obviously fake values), and feedback for both: what the comparison
 * and the report are tested on.
 */
import type {FeedbackRecord} from '../../src/feedback/record.js'

export const FAKE_EMAIL = 'jane.doe@example.com'
export const FAKE_PHONE = '415-555-0123'
export const FAKE_CARD = '4111 1111 1111 1111'

export function evaluateLog(perVersion = 300): string {
  const lines: string[] = []
  const start = Date.UTC(2026, 2, 1)
  for (let i = 0; i < perVersion * 2; i++) {
    const candidate = i % 2 === 1
    const n = Math.floor(i / 2)
    const latency = 200 + ((n * 37) % 400) + (candidate && n % 10 === 0 ? 4000 : 0)
    const leaks = candidate ? n % 10 === 1 : n % 100 === 1
    const text = leaks ? ['mail ' + FAKE_EMAIL, 'call ' + FAKE_PHONE, 'card ' + FAKE_CARD][n % 3] : 'Your order ships tomorrow.'
    const record = {
      id: `r${i}`,
      timestamp: new Date(start + i * 240_000).toISOString(),
      model_version: candidate ? 'v2' : 'v1',
      user_query: 'where is my order?',
      bot_response: text,
      latency_ms: latency,
      tokens_in: 100 + (n % 50),
      tokens_out: 50,
      error_type: n % 50 === 0 ? 'timeout' : null,
    }
    lines.push(JSON.stringify(record))
  }

  lines.push('{"id": "broken", "bot_response": "mail ' + FAKE_EMAIL)
  return `${lines.join('\n')}\n`
}

export function evaluateFeedback(): string {
  const records: FeedbackRecord[] = []
  for (let i = 0; i < 60; i++) {
    const v2 = i % 2 === 1
    records.push({
      id: `fb${i}`,
      user_id: `user_${i}`,
      feedback_type: ['bug_report', 'confusing_response', 'suggestion'][i % 3] as string,
      description: 'made-up feedback',
      rating: v2 ? 1 + (i % 3) : 3 + (i % 3),
      model_version: v2 ? 'v2' : 'v1',
      timestamp_utc: new Date(Date.UTC(2026, 2, 1) + i * 3_600_000).toISOString(),
      schema_version: 1,
    })
  }

  return records.map((r) => JSON.stringify(r)).join('\n') + '\n'
}
