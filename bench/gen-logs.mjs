#!/usr/bin/env node
// Deterministic generator of realistic chatbot interaction logs (JSON Lines).
//
//   node gen-logs.mjs --mb 100 > logs-100m.jsonl        # ~100 MiB (2^20 bytes per MB)
//   node gen-logs.mjs --records 5 > tiny.jsonl          # exactly 5 lines
//   node gen-logs.mjs --mb 10 --seed 7 --stats > x.jsonl  # per-kind counts on stderr
//
// Same --seed and same size => byte-identical output (PRNG: sfc32, no Math.random,
// no clock). Rates are per record and approximate (they are probabilities):
//   bot_response: email 3%, phone 2%, card 0.5% (15% of those fail Luhn), US SSN 0.2%,
//                 IBAN 0.2%, IPv4 1%, API-key style secret 0.3%
//   user_query:   email 2%, phone 1%, card 0.3%
//   bot_response null 1% (with error_type), key missing 0.2%, error_type set 2% in all,
//   malformed (truncated JSON) lines 0.5%, latency_ms log-normal (median ~900 ms).
// Non-PII digits are common on purpose (order numbers, prices, dates, tracking codes)
// because they are what makes a real PII scanner slow or produce false positives.

const args = process.argv.slice(2)
function opt(name, def) {
  const i = args.indexOf('--' + name)
  if (i === -1) return def
  const v = args[i + 1]
  return v === undefined || v.startsWith('--') ? true : v
}
if (args.includes('-h') || args.includes('--help')) {
  process.stderr.write('usage: node gen-logs.mjs (--mb N | --records N) [--seed S] [--stats] > out.jsonl\n')
  process.exit(0)
}
const MB = opt('mb', undefined)
const RECORDS = opt('records', undefined)
const SEED = Number(opt('seed', 42)) >>> 0
const STATS = opt('stats', false) === true
const targetBytes = MB !== undefined ? Math.round(Number(MB) * 1048576) : Infinity
const targetRecords = RECORDS !== undefined ? Number(RECORDS) : Infinity
if (!isFinite(targetBytes) && !isFinite(targetRecords)) {
  process.stderr.write('give --mb N or --records N\n')
  process.exit(2)
}

// ---------- PRNG (sfc32 seeded via splitmix32) ----------
function splitmix32(a) {
  return function () {
    a |= 0
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t = t ^ (t >>> 15)
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}
const sm = splitmix32(SEED)
let sa = sm(),
  sb = sm(),
  sc = sm(),
  sd = sm()
function rnd() {
  // [0,1)
  sa >>>= 0
  sb >>>= 0
  sc >>>= 0
  sd >>>= 0
  let t = (sa + sb) | 0
  sa = sb ^ (sb >>> 9)
  sb = (sc + (sc << 3)) | 0
  sc = (sc << 21) | (sc >>> 11)
  sd = (sd + 1) | 0
  t = (t + sd) | 0
  sc = (sc + t) | 0
  return (t >>> 0) / 4294967296
}
const ri = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)) // inclusive
const pick = (a) => a[Math.floor(rnd() * a.length)]
const chance = (p) => rnd() < p
function gauss() {
  // Box-Muller
  let u = 0
  while (u === 0) u = rnd()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd())
}
const HEX = '0123456789abcdef'
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const UPN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
function randStr(alpha, n) {
  let s = ''
  for (let i = 0; i < n; i++) s += alpha[Math.floor(rnd() * alpha.length)]
  return s
}
function digits(n) {
  let s = String(ri(1, 9))
  for (let i = 1; i < n; i++) s += ri(0, 9)
  return s
}

// ---------- vocabulary ----------
const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Chris',
  'Karen',
  'Daniel',
  'Nancy',
  'José',
  'Zoë',
  'Søren',
  'Łukasz',
  'Chloé',
  'Björn',
  'Nguyễn',
  'Aarav',
  'Priya',
  'Mei',
  'Olúwaseun',
  'Fatima',
  'Renée',
  'Hiroshi',
  'Anaïs',
  'Dmitri',
  'Ingrid',
  'Mateo',
  'Amélie',
  'Siobhán',
  'Kenji',
  'Ayşe',
  'François',
  'Ольга',
  '王芳',
]
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Müller',
  'García',
  'Nowak',
  'Kowalski',
  'Dubois',
  'Rossi',
  'Sato',
  'Kim',
  'Patel',
  'Okafor',
  'Nielsen',
  "O'Brien",
  'Schröder',
]
const DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'proton.me',
  'example.com',
  'acme-corp.com',
  'mail.co.uk',
  'web.de',
  'orange.fr',
  'company.io',
  'university.edu',
  'fastmail.fm',
]
const PRODUCTS = [
  'SmartHome Hub',
  'AirFlow Pro™ purifier',
  'Nimbus X2 headphones',
  'TerraTrail backpack',
  'Photon LED desk lamp',
  'Quantum Sync router',
  'EcoBrew coffee maker',
  'Velo e-bike',
  'PixelPad 11" tablet',
  'CloudSafe Premium plan',
  'Aurora smart thermostat',
  'Zenith 4K monitor',
  'Café Crème espresso pods',
]
const PLANS = ['Basic', 'Standard', 'Premium', 'Business', 'Family', 'Student', 'Enterprise']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const MODELS = ['support-bot-v2.3.1', 'support-bot-v2.4.0', 'gpt-4o-2024-08-06', 'claude-3-5-sonnet-20241022', 'llama-3.1-70b-instruct', 'mistral-large-2407']
const CHANNELS = ['web', 'web', 'web', 'mobile_ios', 'mobile_android', 'api', 'email_bridge']
const ERRORS = ['timeout', 'rate_limited', 'upstream_5xx', 'content_filter', 'context_length_exceeded', 'tool_error']

const price = () => pick(['$', '$', '$', '€', '£']) + ri(3, 499) + '.' + pick(['99', '49', '00', '95', '50'])
const orderNo = () => pick(['#', '#', 'ORD-', 'order ', '#A']) + digits(pick([6, 7, 8, 8, 9]))
const dateStr = () => pick(MONTHS) + ' ' + ri(1, 28) + (chance(0.3) ? ', 202' + ri(3, 5) : '')
const ticket = () => 'ticket #' + digits(ri(5, 7))
const tracking = () => pick(['1Z' + randStr(UPN, 16), '9400' + digits(18), 'JD' + digits(18), 'TBA' + digits(12)])
const name = () => pick(FIRST) + (chance(0.5) ? ' ' + pick(LAST) : '')
const product = () => pick(PRODUCTS)

const OPENERS = [
  () => `Hi ${name()}, thanks for reaching out!`,
  () => `Hello! I'm sorry to hear you're having trouble with your ${product()}.`,
  () => `Thanks for your patience — I've looked into this for you.`,
  () => `Great question! Here's what I found.`,
  () => `I understand how frustrating that must be, and I'm happy to help.`,
  () => `Good news: I was able to locate your order ${orderNo()}.`,
  () => `Thank you for contacting support. Let me walk you through it.`,
  () => `Hi there 👋 I can definitely help with that.`,
  () => `Bonjour ${name()} ! Merci pour votre message — I'll answer in English below.`,
  () => `I've checked your account and here's a summary.`,
]
const BODY = [
  () => `Your order ${orderNo()} shipped on ${dateStr()} and should arrive within ${ri(2, 5)}–${ri(6, 9)} business days.`,
  () => `The tracking number is ${tracking()}; updates can take up to 24 hours to appear on the carrier's site.`,
  () => `A refund of ${price()} has been issued to your original payment method and usually posts in 5-10 business days.`,
  () => `To reset your password, open Settings → Security → “Reset password” and follow the link we email you.`,
  () => `Please try unplugging the ${product()} for 30 seconds, then plug it back in and hold the power button for 10 seconds.`,
  () => `Your ${pick(PLANS)} plan renews on ${dateStr()} at ${price()} per month unless you cancel before then.`,
  () => `I've opened ${ticket()} with our engineering team so they can investigate the sync issue.`,
  () => `Firmware version ${ri(1, 9)}.${ri(0, 20)}.${ri(0, 99)} fixes the Wi-Fi dropouts you described; the update takes about ${ri(3, 15)} minutes.`,
  () => `Returns are accepted within ${pick([14, 30, 60, 90])} days of delivery as long as the item is in its original packaging.`,
  () => `If the error code 0x${randStr('0123456789ABCDEF', 8)} appears again, please send us a screenshot.`,
  () => `You can switch to the ${pick(PLANS)} plan at any time; the price difference is prorated for the rest of the billing cycle.`,
  () => `Our support hours are Monday–Friday, 8:00 AM to ${ri(5, 9)}:00 PM ET, and Saturday 10:00 AM–2:00 PM.`,
  () => `The item is currently back-ordered, and we expect new stock around ${dateStr()}.`,
  () => `I applied a one-time credit of ${price()} to your account as an apology for the delay.`,
  () => `Make sure Bluetooth is enabled and the ${product()} is within about 10 m (33 ft) of your phone.`,
  () => `For security reasons I can't see or change your full payment details, but you can update them under Billing → Payment methods.`,
  () => `Your warranty covers manufacturing defects for ${pick([1, 2, 3])} year(s) from the purchase date (${dateStr()}).`,
  () => `Step ${ri(1, 3)}: open the app, tap the ⚙️ icon, then choose “Devices”.\nStep ${ri(4, 6)}: select your ${product()} and tap “Forget device”.`,
  () => `We've updated the delivery address on ${orderNo()}; the change takes effect before the package leaves the warehouse.`,
  () => `The charge of ${price()} on ${dateStr()} is the annual renewal of your ${pick(PLANS)} subscription.`,
  () => `Unfortunately the promo code SAVE${ri(10, 50)} expired on ${dateStr()}, but I can offer ${ri(10, 25)}% off your next order instead.`,
  () => `Clearing the app cache (Settings → Apps → Storage → Clear cache) usually resolves the login loop.`,
  () => `Your account shows ${ri(2, 6)} active devices; the ${pick(PLANS)} plan allows up to ${ri(3, 10)} at once.`,
  () => `La garantie est valable ${ri(1, 3)} ans — in other words, your repair will be free of charge.`,
  () => `Estimated wait time for a callback is about ${ri(5, 45)} minutes during peak hours.`,
  () => `I'd recommend running the diagnostics tool (Help → Run diagnostics) and sharing the report ID with us.`,
  () => `The replacement part (SKU ${randStr(UPN, 3)}-${digits(4)}) is in stock and ships free.`,
  () => `Please note that gift cards can't be refunded or exchanged for cash, per section ${ri(2, 9)}.${ri(1, 9)} of our terms.`,
  () => `Vielen Dank für Ihre Geduld! Your exchange request has been approved.`,
  () => `1. Log out of all sessions.\n2. Update the app to version ${ri(3, 7)}.${ri(0, 9)}.\n3. Log back in and try again.`,
]
const CLOSERS = [
  () => `Is there anything else I can help you with today?`,
  () => `Let me know if that works for you! 🙂`,
  () => `Have a wonderful day, ${name()}!`,
  () => `Thanks again for being a valued customer. ✅`,
  () => `Feel free to reply here if you have any other questions.`,
  () => `Best regards,\nThe Support Team`,
]
const QUERIES = [
  () => `where is my order ${orderNo()}??`,
  () => `I was charged ${price()} twice this month, can you refund one?`,
  () => `how do I reset my password`,
  () => `my ${product()} won't turn on after the update`,
  () => `Can I change my plan to ${pick(PLANS)}?`,
  () => `The app keeps logging me out, it's really annoying`,
  () => `Do you ship to ${pick(['Canada', 'Germany', 'the UK', 'Australia', 'Japan', 'Brazil', 'Mexico'])}?`,
  () => `I want to return the ${product()} I bought on ${dateStr()}`,
  () => `what's the warranty on the ${product()}?`,
  () => `hi, I need help with ${ticket()}`,
  () => `Pourquoi ma commande ${orderNo()} est-elle en retard ?`,
  () => `my promo code SAVE${ri(10, 50)} isn't working`,
  () => `How long does shipping take? I ordered ${ri(2, 9)} days ago`,
  () => `Error 0x${randStr('0123456789ABCDEF', 8)} when syncing, help!`,
  () => `cancel my subscription please`,
]

// ---------- PII generators ----------
function email() {
  const f =
    pick(FIRST)
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'user'
  const l = pick(LAST)
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
  const local = pick([`${f}.${l}`, `${f}${ri(1, 99)}`, `${f[0]}${l}`, `${f}_${l}${ri(70, 99)}`, `${f}+orders`])
  return `${local}@${pick(DOMAINS)}`
}
function phone() {
  const a = ri(201, 989),
    b = ri(200, 999),
    c = String(ri(0, 9999)).padStart(4, '0')
  switch (ri(0, 5)) {
    case 0:
      return `(${a}) ${b}-${c}`
    case 1:
      return `${a}-${b}-${c}`
    case 2:
      return `+1 ${a} ${b} ${c}`
    case 3:
      return `${a}.${b}.${c}`
    case 4:
      return `+44 20 ${ri(7000, 8999)} ${String(ri(0, 9999)).padStart(4, '0')}`
    default:
      return `+49 30 ${ri(10000000, 99999999)}`
  }
}
function luhnComplete(body) {
  // body digits -> append check digit
  let sum = 0,
    dbl = true
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48
    if (dbl) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    dbl = !dbl
  }
  return body + ((10 - (sum % 10)) % 10)
}
function card() {
  const kind = ri(0, 3)
  let num
  if (kind === 0) num = luhnComplete('4' + digits(14).slice(0, 14))
  else if (kind === 1) num = luhnComplete('5' + ri(1, 5) + digits(13).slice(0, 13))
  else if (kind === 2) num = luhnComplete(pick(['34', '37']) + digits(12).slice(0, 12))
  else num = luhnComplete('6011' + digits(11).slice(0, 11))
  if (chance(0.15)) {
    // a typo: Luhn now fails
    const i = ri(1, num.length - 2)
    num = num.slice(0, i) + ((+num[i] + ri(1, 9)) % 10) + num.slice(i + 1)
  }
  const sep = pick(['', ' ', '-', ' '])
  if (sep === '') return num
  if (num.length === 15) return num.slice(0, 4) + sep + num.slice(4, 10) + sep + num.slice(10)
  return num.match(/.{1,4}/g).join(sep)
}
function ssn() {
  return `${String(ri(1, 665)).padStart(3, '0')}-${String(ri(1, 99)).padStart(2, '0')}-${String(ri(1, 9999)).padStart(4, '0')}`
}
function iban() {
  const [cc, len] = pick([
    ['DE', 18],
    ['GB', 18],
    ['FR', 23],
    ['NL', 14],
    ['ES', 20],
  ])
  let bban = cc === 'GB' ? 'WEST' + digits(14) : cc === 'NL' ? 'ABNA' + digits(10) : digits(len)
  // checksum: move CC00 to end, letters -> numbers, mod 97
  const s = bban + cc + '00'
  let rem = 0
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97
  }
  const check = String(98 - rem).padStart(2, '0')
  const raw = cc + check + bban
  return chance(0.5) ? raw : raw.match(/.{1,4}/g).join(' ')
}
function ipv4() {
  return pick([
    `192.168.${ri(0, 255)}.${ri(1, 254)}`,
    `10.${ri(0, 255)}.${ri(0, 255)}.${ri(1, 254)}`,
    `${ri(11, 223)}.${ri(0, 255)}.${ri(0, 255)}.${ri(1, 254)}`,
  ])
}
function secret() {
  switch (ri(0, 4)) {
    case 0:
      return 'sk-' + randStr(B62, 48)
    case 1:
      return 'AKIA' + randStr(UPN, 16)
    case 2:
      return 'ghp_' + randStr(B62, 36)
    case 3:
      return `xoxb-${digits(12)}-${digits(13)}-${randStr(B62, 24)}`
    default:
      return 'sk_live_' + randStr(B62, 24)
  }
}
const PII_BOT = [
  [
    'email',
    0.03,
    () =>
      pick([
        `I've sent the confirmation to ${email()}.`,
        `You can also reach our billing team at ${email()}.`,
        `The account is registered to ${email()} — is that still correct?`,
      ]),
  ],
  [
    'phone',
    0.02,
    () =>
      pick([`You can call us at ${phone()} any time.`, `We have ${phone()} on file as your contact number.`, `A technician will call you from ${phone()}.`]),
  ],
  ['card', 0.005, () => pick([`The card ending in the number ${card()} was declined.`, `I've updated the payment method to ${card()}.`])],
  ['ssn', 0.002, () => `For verification, the SSN on file is ${ssn()}.`],
  ['iban', 0.002, () => `The refund will go to IBAN ${iban()}.`],
  ['ip', 0.01, () => pick([`Your router's admin page is at ${ipv4()}.`, `The last login came from IP ${ipv4()}.`])],
  ['secret', 0.003, () => pick([`Use this API key in the header: ${secret()}`, `Your integration token is ${secret()} (keep it private).`])],
]
const PII_USER = [
  ['email', 0.02, () => ` my email is ${email()}`],
  ['phone', 0.01, () => ` call me at ${phone()}`],
  ['card', 0.003, () => ` my card number is ${card()}`],
]

// ---------- record builder ----------
const stats = {records: 0, bytes: 0, malformed: 0, null_response: 0, missing_response: 0, errors: 0}
for (const [k] of PII_BOT) stats['bot_' + k] = 0
for (const [k] of PII_USER) stats['user_' + k] = 0

function botResponse() {
  // target length: log-normal around ~550 chars, clipped to [100, 2000]
  let target = Math.round(Math.exp(6.3 + 0.6 * gauss()))
  if (target < 100) target = 100 + ri(0, 60)
  if (target > 2000) target = 2000 - ri(0, 300)
  const parts = [pick(OPENERS)()]
  let len = parts[0].length
  while (len < target) {
    const s = pick(BODY)()
    parts.push(s)
    len += s.length + 1
  }
  if (chance(0.7)) {
    const c = pick(CLOSERS)()
    parts.push(c)
  }
  for (const [k, p, f] of PII_BOT) {
    if (chance(p)) {
      const at = ri(1, parts.length)
      parts.splice(at, 0, f())
      stats['bot_' + k]++
    }
  }
  let text = parts.join(chance(0.25) ? '\n\n' : ' ')
  if (text.length > 2000) {
    // cut back at a sentence end, keeping >= 100 chars
    const cut = text.lastIndexOf('. ', 1990)
    text = cut > 100 ? text.slice(0, cut + 1) : text.slice(0, 2000)
  }
  return text
}
function userQuery() {
  let q = pick(QUERIES)()
  if (chance(0.3)) q += ' ' + pick(QUERIES)()
  for (const [k, p, f] of PII_USER)
    if (chance(p)) {
      q += f()
      stats['user_' + k]++
    }
  return q
}

let t = Date.UTC(2025, 0, 6, 8, 0, 0)
const NUSERS = 40000
let session = randStr(HEX, 16),
  sessionUser = ri(1, NUSERS),
  sessionLeft = 0

function record(_i) {
  t += ri(5, 900) // ms between interactions
  if (sessionLeft-- <= 0) {
    session = randStr(HEX, 16)
    sessionUser = Math.floor(NUSERS * Math.pow(rnd(), 2)) + 1
    sessionLeft = ri(1, 12)
  }
  const r = {
    id: `req_${randStr(HEX, 8)}-${randStr(HEX, 4)}-${randStr(HEX, 4)}-${randStr(HEX, 12)}`,
    timestamp: new Date(t).toISOString(),
    user_id: `u_${sessionUser}`,
    session_id: `s_${session}`,
    model_version: pick(MODELS),
    channel: pick(CHANNELS),
    user_query: userQuery(),
    bot_response: null,
    latency_ms: 0,
    tokens_in: 0,
    tokens_out: 0,
    error_type: null,
  }
  const u = rnd()
  let latency = Math.exp(6.8 + 0.55 * gauss()) // median ~900 ms
  if (u < 0.01) {
    // null response with an error
    r.error_type = pick(ERRORS)
    if (r.error_type === 'timeout') latency = 30000 + rnd() * 50
    stats.null_response++
    stats.errors++
  } else if (u < 0.012) {
    // bot_response key missing, error recorded as message only
    delete r.bot_response
    r.error_type = 'upstream_5xx'
    r.error_message = `upstream returned HTTP ${pick([500, 502, 503, 504])}`
    stats.missing_response++
    stats.errors++
  } else {
    r.bot_response = botResponse()
    if (u < 0.02) {
      r.error_type = pick(['content_filter', 'tool_error', 'truncated'])
      stats.errors++
    }
  }
  r.latency_ms = Math.round(latency * 10) / 10
  r.tokens_in = ri(12, 400) + Math.round(r.user_query.length / 4)
  r.tokens_out = r.bot_response ? Math.round(r.bot_response.length / 4) + ri(0, 20) : 0
  let line = JSON.stringify(r)
  if (chance(0.005)) {
    // malformed: truncated mid-record (e.g. a crashed writer)
    line = line.slice(0, ri(10, line.length - 2))
    stats.malformed++
  }
  return line + '\n'
}

// ---------- output with backpressure ----------
const out = process.stdout
out.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})
let written = 0,
  n = 0,
  full = false
const CHUNK = 1 << 20
async function main() {
  while (n < targetRecords && !full) {
    let buf = ''
    while (buf.length < CHUNK && n < targetRecords) {
      const line = record(n)
      const lb = Buffer.byteLength(line)
      if (written + lb > targetBytes && n > 0) {
        full = true
        break
      } // stop at the last whole line
      buf += line
      written += lb
      n++
    }
    if (buf && !out.write(buf)) await new Promise((r) => out.once('drain', r))
  }
  stats.records = n
  stats.bytes = written
  if (STATS) process.stderr.write(JSON.stringify(stats) + '\n')
}
main()
