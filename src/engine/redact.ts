import type {EntityType, Match} from './types.js'

/** `jane.doe@mail.example.com` -> `j***@m***.com`: enough to recognise, not to contact. */
function maskEmail(value: string): string {
  const at = value.lastIndexOf('@')
  const local = value.slice(0, at)
  const domain = value.slice(at + 1)
  const dot = domain.lastIndexOf('.')
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${domain.slice(dot)}`
}

/** Replace digits with `*`, keeping separators and the last `keep` digits. */
function maskDigits(value: string, keep: number): string {
  const total = value.replaceAll(/\D/g, '').length
  let seen = 0
  let out = ''
  for (const ch of value) {
    if (ch >= '0' && ch <= '9') {
      seen++
      out += seen > total - keep ? ch : '*'
    } else {
      out += ch
    }
  }

  return out
}

/**
 * A secret keeps only its public prefix (`ghp_`, `sk-`, `AKIA`), which says what kind of key it is
 * without giving away any of its random part.
 */
function maskSecret(value: string): string {
  const prefix = /^(?:AKIA|ASIA|ABIA|ACCA|eyJ|SG\.|-----BEGIN [A-Z ]*PRIVATE KEY-----|[A-Za-z]{2,10}(?:_(?:live|test))?[-_])/.exec(value)?.[0] ?? ''
  return prefix + '*'.repeat(Math.min(8, Math.max(3, value.length - prefix.length)))
}

/** The masked form of a detected value: never the value itself. */
export function mask(value: string, type: EntityType): string {
  switch (type) {
    case 'EMAIL': {
      return maskEmail(value)
    }

    case 'PHONE': {
      return maskDigits(value, 2)
    }

    case 'CREDIT_CARD': {
      return maskDigits(value, 4)
    }

    case 'US_SSN': {
      return maskDigits(value, 0)
    }

    case 'IBAN': {
      // The country code only: the letters of a BBAN are part of the account number too.
      return value.slice(0, 2) + value.slice(2).replaceAll(/[A-Za-z0-9]/g, '*')
    }

    default: {
      return maskSecret(value)
    }
  }
}

/** What a detected value is replaced with in output (mask, `<EMAIL>`, a salted hash, nothing). */
export type Redactor = (value: string, type: EntityType) => string

export const replaceWithType: Redactor = (_value, type) => `<${type}>`
export const removeValue: Redactor = () => ''

/**
 * Rebuild `text` with every match replaced by the redactor's output for its (normalised) value.
 * Matches must be sorted and must not overlap.
 */
export function redactText(text: string, matches: readonly Match[], redactor: Redactor = mask): string {
  if (matches.length === 0) return text
  let out = ''
  let cursor = 0
  for (const match of matches) {
    out += text.slice(cursor, match.start) + redactor(match.value, match.type)
    cursor = match.end
  }

  return out + text.slice(cursor)
}
