// The baseline's work on one line (see baseline.mjs): parse, three regular expressions and a Luhn
// check on two fields, one JSON line out. Shared with floor.mjs, which measures it in-process.
const EMAIL = /[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}/g
const PHONE = /\b\d{3}[-.]?\d{3}[-.]?\d{4}\b/g
const CARD = /\b(?:\d[ -]?){13,19}\b/g

function luhn(text) {
  const digits = text.replace(/\D/g, '')
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }

  return digits.length >= 13 && sum % 10 === 0
}

/** The output line for `line` and its count of findings, or undefined for a line that is not JSON. */
export function baselineRecord(line) {
  let record
  try {
    record = JSON.parse(line)
  } catch {
    return undefined
  }

  let count = 0
  for (const text of [record?.bot_response, record?.user_query]) {
    if (typeof text !== 'string') continue
    count += (text.match(EMAIL)?.length ?? 0) + (text.match(PHONE)?.length ?? 0)
    for (const card of text.match(CARD) ?? []) if (luhn(card)) count++
  }

  return {output: `${JSON.stringify({id: record?.id ?? null, pii_detected: count > 0, findings: count})}\n`, count}
}
