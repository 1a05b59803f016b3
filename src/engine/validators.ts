/** Small named pure checks that a regex candidate really is what the rule claims. */

export type Validator = (value: string) => boolean

const digitsOf = (value: string): string => value.replaceAll(/\D/g, '')

/**
 * Top-level domains of hosts, not mailboxes, and file-like suffixes. Reserved names that mail
 * can use inside an organisation or in test data (.test, .example, .internal, .corp) are
 * addresses: an address in a log is personal data whatever its domain.
 */
const NON_PUBLIC_TLDS = new Set([
  'local',
  'localhost',
  'invalid',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'css',
  'js',
  'ts',
  'json',
  'git',
  'md',
  'txt',
])

/** Luhn checksum (ISO/IEC 7812): double every second digit from the right. */
export function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = (digits.codePointAt(digits.length - 1 - i) ?? 48) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }

    sum += d
  }

  return digits.length > 0 && sum % 10 === 0
}

/** Issuer identification ranges and lengths of the card networks seen in customer chats. */
const CARD_NETWORKS: ReadonlyArray<{prefix: RegExp; lengths: readonly number[]}> = [
  {prefix: /^4/, lengths: [13, 16, 19]}, // Visa
  {prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16]}, // Mastercard
  {prefix: /^3[47]/, lengths: [15]}, // American Express
  {prefix: /^(?:6011|65|64[4-9]|622)/, lengths: [16, 19]}, // Discover
  {prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 16, 19]}, // Diners Club
  {prefix: /^35(?:2[89]|[3-8])/, lengths: [16, 19]}, // JCB
  {prefix: /^62/, lengths: [16, 17, 18, 19]}, // UnionPay
  {prefix: /^(?:50|5[6-8]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19]}, // Maestro
  {prefix: /^220[0-4]/, lengths: [16, 17, 18, 19]}, // Mir
  {prefix: /^(?:1800|2131)/, lengths: [15]}, // JCB, 15 digits
  {prefix: /^1/, lengths: [15]}, // UATP
]

/** IBAN length per country: the 89 countries of the SWIFT IBAN registry (release 99, 2025). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
}

/** ISO 13616 check: country length, then mod 97 of the rearranged number equals 1. */
export function iban(value: string): boolean {
  const compact = value.replaceAll(/[\s-]/g, '').toUpperCase()
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false
  const rearranged = compact.slice(4) + compact.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const code = ch.codePointAt(0) ?? 0
    const n = code >= 65 ? code - 55 : code - 48
    if (n < 0 || n > 35) return false
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97
  }

  return remainder === 1
}

function ipv4(value: string): boolean {
  const parts = value.split('.')
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)
}

function ipv6(value: string): boolean {
  const text = value.toLowerCase()
  if (!/^[\da-f:]+$/.test(text) || text.includes(':::')) return false
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')))
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false
  return halves.length === 2 ? groups.length >= 1 && groups.length <= 7 : groups.length === 8
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / value.length
    bits -= p * Math.log2(p)
  }

  return bits
}

/** `sk-...`, `<YOUR_KEY>`, `${API_KEY}`, `xxxx`, `********`, `changeme`: documentation, not secrets. */
const PLACEHOLDER =
  /^[<{[$%]|[>}\]]$|\.{3}|…|x{4,}|X{4,}|#{3,}|\*{3,}|(?<![A-Za-z0-9])your|your[_-]|example[_-]?key|^AKIAIOSFODNN7EXAMPLE$|redacted|changeme|placeholder|dummy|sample|insert|replace|here$|^(?:pass(?:word)?|secret|admin|root|test|letmein|qwerty|hunter)\d*!?$/i
/** Runs of the alphabet or of digits in order: typed by a person, not drawn at random. */
const SEQUENTIAL = /0123456|1234567|2345678|3456789|abcdefg|bcdefgh|cdefghi|ABCDEFG|BCDEFGH/

/**
 * Not a secret: a documentation placeholder, a sequence, or a long value of letters in one case
 * without a digit (RANDOMSTRINGHERE), which a generated token almost never is.
 */
export function placeholder(value: string): boolean {
  if (PLACEHOLDER.test(value) || SEQUENTIAL.test(value)) return true
  const tail = value.replace(/^[A-Za-z]{2,10}[-_.]/, '')
  return tail.length >= 12 && !/\d/.test(tail) && (tail === tail.toUpperCase() || tail === tail.toLowerCase())
}

/** process.env.DB_PASS, settings.SECRET, os.environ[...], getpass.getpass(...): code that reads a password, not the password. */
const CODE_REFERENCE =
  /^(?:process|os|env|environ|settings|config|cfg|conf|secrets|vars|self|this|app|params|args|options|opts|credentials|creds|system|context|ctx|props|values|inputs?|data|req|request|window|import|document)(?:\.[A-Za-z_$][\w$]*)+$|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[([]/i

export const validators: Readonly<Record<string, Validator>> = {
  /** An address whose domain ends in an alphabetic public-looking TLD. */
  email(value) {
    const at = value.lastIndexOf('@')
    if (at <= 0) return false
    const domain = value.slice(at + 1).toLowerCase()
    const tld = domain.slice(domain.lastIndexOf('.') + 1)
    return domain.includes('.') && !NON_PUBLIC_TLDS.has(tld) && !domain.startsWith('-')
  },

  /** 10 to 15 digits (E.164 allows at most 15), not all the same digit. */
  phone(value) {
    const digits = digitsOf(value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, '').replace(/^(?:\+{1,2}|00|011)\s?/, '+'))
    return digits.length >= 10 && digits.length <= 15 && !/^(\d)\1+$/.test(digits)
  },

  /** 7 to 15 digits (a national number may lack its area code), not a date, not one repeated digit. */
  phoneNational(value) {
    const number = value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, '')
    const digits = digitsOf(number)
    if (digits.length < 7 || digits.length > 15 || /^(\d)\1+$/.test(digits)) return false
    // 2024-01-15, 15.01.2024, 01/15/2024: dates, not numbers to call
    return !/^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/.test(number.trim())
  },

  /** Luhn-valid, with the length and prefix of a known card network, not one repeated digit. */
  creditCard(value) {
    const digits = digitsOf(value)
    if (!luhn(digits) || /^(\d)\1+$/.test(digits)) return false
    return CARD_NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length))
  },

  /** Area 001-665/667-899, group 01-99, serial 0001-9999 (SSA rules); not the advertised 078-05-1120. */
  usSsn(value) {
    const digits = digitsOf(value)
    if (digits.length !== 9 || digits === '078051120' || digits === '219099999') return false
    const area = Number(digits.slice(0, 3))
    return area !== 0 && area !== 666 && area < 900 && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000'
  },

  iban,

  /**
   * IPv4 with every octet 0-255 (no leading zeros), or IPv6 (full or compressed). Not an IPv4
   * that names no one: 0.0.0.0/8 ("any", "this network") and 224-255 (multicast, reserved, the
   * broadcast and netmasks such as 255.255.255.0). Loopback stays: the corpora count it.
   */
  ip(value) {
    if (value.includes(':')) return ipv6(value)
    const first = Number(value.split('.')[0])
    return ipv4(value) && first !== 0 && first < 224
  },

  /** IPv6 ending in an IPv4 (::ffff:192.0.2.1, 64:ff9b::198.51.100.7, 0:0:0:0:0:ffff:192.0.2.1). */
  ipv6v4(value) {
    const colon = value.lastIndexOf(':')
    if (!ipv4(value.slice(colon + 1))) return false
    // The IPv4 stands for the last two groups.
    return ipv6(`${value.slice(0, colon + 1)}0:0`)
  },

  /** An IPv6 address written with "::". */
  ipCompressed(value) {
    return value.includes('::') && ipv6(value)
  },

  /** A secret-looking value: long, random enough, and not a placeholder. */
  secretValue(value) {
    return value.length >= 12 && !placeholder(value) && entropy(value) >= 3.3 && /\d/.test(value) && /[A-Za-z]/.test(value)
  },

  /** A password in a URL: not a placeholder or a default, and not a plain dictionary word. */
  password(value) {
    return value.length >= 6 && !placeholder(value) && !/^[a-z]+$/.test(value) && entropy(value) >= 2.5
  },

  /**
   * A password someone typed (after "my password is", in a `password=` setting): a letter and a
   * digit or symbol, not a placeholder, not a link, an address or a path.
   */
  passwordValue(value) {
    if (value.length < 6 || placeholder(value) || entropy(value) < 2 || /^(?:yes|no|none|null|true|false|n\/a)\b/i.test(value)) return false
    if (!/\p{L}/u.test(value) || !/[\d\p{P}\p{S}]/u.test(value)) return false
    if (/:\/\/|^\/|^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value) || /^[\p{L}]+[.,!?:;]$/u.test(value)) return false
    return !CODE_REFERENCE.test(value)
  },

  /** A token with a known prefix: not a placeholder and not one repeated character. */
  token(value) {
    return !placeholder(value) && !/(.)\1{7,}/.test(value)
  },

  /** HTTP Basic credentials: base64 of `user:password`, not the documentation's username:password. */
  basicAuth(value) {
    let decoded: string
    try {
      decoded = atob(value)
    } catch {
      return false
    }

    const colon = decoded.indexOf(':')
    if (colon <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false
    const password = decoded.slice(colon + 1)
    return password.length >= 4 && !placeholder(password) && !/^(?:password|pass|secret|pwd)$/i.test(password)
  },

  /** A JWT: base64url parts whose header decodes to JSON with an `alg`. */
  jwt(value) {
    const header = value.split('.')[0] ?? ''
    try {
      return /"alg"/.test(atob(header.replaceAll('-', '+').replaceAll('_', '/')))
    } catch {
      return false
    }
  },
}

export function getValidator(name: string): Validator | undefined {
  return Object.hasOwn(validators, name) ? validators[name] : undefined
}
