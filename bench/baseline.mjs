#!/usr/bin/env node
// The plain script `npm run bench` compares llmops with: what anyone would write in ten minutes.
// Split lines, JSON.parse each, three regular expressions (e-mail, phone, card) plus a Luhn check
// on bot_response and user_query, one JSON line out per record. No masking, no other fields, no
// encodings, no summary: llmops does all of that on top, so this is the floor per byte.
//
//   node bench/baseline.mjs FILE > /dev/null
import {once} from 'node:events'
import {createReadStream} from 'node:fs'
import {createInterface} from 'node:readline'

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

let findings = 0
for await (const line of createInterface({input: createReadStream(process.argv[2]), crlfDelay: Number.POSITIVE_INFINITY})) {
  let record
  try {
    record = JSON.parse(line)
  } catch {
    continue
  }

  let count = 0
  for (const text of [record?.bot_response, record?.user_query]) {
    if (typeof text !== 'string') continue
    count += (text.match(EMAIL)?.length ?? 0) + (text.match(PHONE)?.length ?? 0)
    for (const card of text.match(CARD) ?? []) if (luhn(card)) count++
  }

  findings += count
  if (!process.stdout.write(`${JSON.stringify({id: record?.id ?? null, pii_detected: count > 0, findings: count})}\n`)) await once(process.stdout, 'drain')
}

process.stderr.write(`baseline findings: ${findings}\n`)
