#!/usr/bin/env node
// The plain script `npm run bench` compares llmops with: what anyone would write in ten minutes.
// Split lines, JSON.parse each, three regular expressions (e-mail, phone, card) plus a Luhn check
// on bot_response and user_query, one JSON line out per record (baseline-record.mjs). No masking,
// no other fields, no encodings, no summary: llmops does all of that on top, so this is the floor
// per byte.
//
//   node bench/baseline.mjs FILE > /dev/null
import {once} from 'node:events'
import {createReadStream} from 'node:fs'
import {createInterface} from 'node:readline'

import {baselineRecord} from './baseline-record.mjs'

let findings = 0
for await (const line of createInterface({input: createReadStream(process.argv[2]), crlfDelay: Number.POSITIVE_INFINITY})) {
  const done = baselineRecord(line)
  if (done === undefined) continue
  findings += done.count
  if (!process.stdout.write(done.output)) await once(process.stdout, 'drain')
}

process.stderr.write(`baseline findings: ${findings}\n`)
