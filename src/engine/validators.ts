/** Small named pure checks that a regex candidate really is what the rule claims. */

export type Validator = (value: string) => boolean

const digitsOf = (value: string): string => value.replaceAll(/\D/g, '')

/** Top-level domains that never belong to a public mailbox, and file-like suffixes. */
const NON_PUBLIC_TLDS = new Set([
  'local', 'localhost', 'internal', 'invalid', 'test', 'example', 'lan', 'home', 'corp',
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'css', 'js', 'ts', 'json', 'git',
])

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
    const digits = digitsOf(value.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, ''))
    return digits.length >= 10 && digits.length <= 15 && !/^(\d)\1+$/.test(digits)
  },
}

export function getValidator(name: string): Validator | undefined {
  return Object.hasOwn(validators, name) ? validators[name] : undefined
}
