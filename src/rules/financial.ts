import type {Rule} from '../engine/types.js'
import {IBAN_LENGTHS} from '../engine/validators.js'
import {DIGITS_WINDOW, NINE_DIGITS} from './prefilters.js'

/** Card numbers, US social security numbers and IBANs: all checked by their own checksums or ranges. */

const NOT_AFTER = String.raw`(?![\w-]|[.,]\d)`
/** After a card: no more of it, but a comma and digits may follow (the next column of a CSV row). */
const CARD_END = String.raw`(?![\w-]|\.\d)`

/**
 * Every country's IBAN at its exact length, any case, compact or with a space or a dash before
 * any character: the match ends where the country's IBAN ends, so a word glued to it
 * ("…3000Bank", "…5575Kontoinhaber") is left out. Countries are grouped by length.
 */
function ibanPattern(): string {
  const byLength = new Map<number, string[]>()
  for (const [country, length] of Object.entries(IBAN_LENGTHS)) byLength.set(length, [...(byLength.get(length) ?? []), country])
  const alternatives = [...byLength].sort(([a], [b]) => b - a).map(([length, countries]) => `(?:${countries.join('|')})\\d{2}(?:[ -]?[A-Z0-9]){${length - 4}}`)
  return String.raw`(?<![A-Za-z0-9])(?:${alternatives.join('|')})(?!\d)`
}

export const financialRules: Rule[] = [
  {
    id: 'pii.credit_card',
    type: 'CREDIT_CARD',
    category: 'pii',
    severity: 'high',
    description:
      'Payment card number: 12-19 digits, plain or grouped, valid by Luhn and by the prefix and length of a network (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir, UATP)',
    // Plain, or groups of 3 to 6 digits after a group of four, with one separator throughout (one
    // or two spaces each time, or one of - . / _): 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, UnionPay 4-4-4-5, UATP 4-5-6.
    // A free mix of separators would glue a following "08/27" onto the number and fail its Luhn check.
    pattern: String.raw`(?<![\w.+-])(?:\d{12,19}|\d{4}(?: {1,2}\d{3,6}(?: {1,2}\d{3,6}){1,3}|([-./_])\d{3,6}(?:\1\d{3,6}){1,3}))` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'creditCard',
    confidence: 0.9,
    examples: {
      match: [
        '4242 4242 4242 4242',
        {text: 'card 4111-1111-1111-1111 was declined', value: '4111-1111-1111-1111'},
        {text: 'Amex 3782 822463 10005.', value: '3782 822463 10005'},
        {text: 'pay with 5555555555554444', value: '5555555555554444'},
        {text: 'Here: 38520000023237 08/27 440', value: '38520000023237'},
        {text: 'Mir 2200 1234 5678 9019 expired', value: '2200 1234 5678 9019'},
        {text: 'JCB 1800-320586-78249 on file', value: '1800-320586-78249'},
        {text: 'csv: Sarah Davis,4111 1111 1111 1111,89177.00', value: '4111 1111 1111 1111'},
        {text: 'dotted: 4111.1111.1111.1111', value: '4111.1111.1111.1111'},
        {text: 'doubled spaces 4111  1111  1111  1111 here', value: '4111  1111  1111  1111'},
        {text: 'Card: 4111  1111 1111 1111', value: '4111  1111 1111 1111'},
        {text: 'txn_0ec9,6011 0009 9013 9424,€1045', value: '6011 0009 9013 9424'},
      ],
      noMatch: [
        {text: 'card 4242 4242 4242 4241', reason: 'fails the Luhn check'},
        {text: 'tracking 9400 1000 0000 0000 0000 00', reason: 'a USPS tracking number (22 digits)'},
        {text: 'order 1234567812345670', reason: 'Luhn-valid but no card network starts with 1'},
        {text: 'ends in **** **** **** 4242', reason: 'already masked'},
        {text: 'timestamp 1699999999123', reason: 'a millisecond timestamp'},
      ],
    },
  },
  {
    id: 'pii.credit_card.short_tail',
    type: 'CREDIT_CARD',
    category: 'pii',
    severity: 'high',
    description: 'Payment card number in groups of four ending in a short group: UnionPay and Mir 4-4-4-4-2 (18 digits), Maestro 4-4-4-2 (14)',
    // A rule of its own: in the main pattern the short group would also glue a following "08"
    // onto every 16-digit card and fail its Luhn check. Not the tail of a longer run of groups.
    pattern: String.raw`(?<![\w.+-])(?<!\d[ ./_-])\d{4}( {1,2}|[-./_])\d{4}(?:\1\d{4}){1,3}\1\d{1,3}` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'creditCard',
    confidence: 0.9,
    examples: {
      match: [
        {text: 'с карты 6275-1528-0309-1644-38 списали', value: '6275-1528-0309-1644-38'},
        {text: 'card="5038 0382 1731 56"', value: '5038 0382 1731 56'},
      ],
      noMatch: [
        {text: 'tracking 9400 1000 0000 0000 0000 00', reason: 'a USPS tracking number (22 digits)'},
        {text: 'card 6275-1528-0309-1644-39', reason: 'fails the Luhn check'},
      ],
    },
  },
  {
    id: 'pii.us_ssn',
    type: 'US_SSN',
    category: 'pii',
    severity: 'high',
    description: 'US social security number AAA-GG-SSSS (or spaced) within the issued ranges',
    // Not followed by the same separator and more digits: "011 44 7700 900373" is a phone.
    pattern: String.raw`(?<![\w.+-])\d{3}([- .])\d{2}\1\d{4}(?!\1\d)` + CARD_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'usSsn',
    confidence: 0.75,
    context: {words: ['ssn', 'social security', 'social-security', 'seguro social', 'ss#', 'taxpayer'], window: 40, boost: 0.2},
    negativeContext: {words: ['ein', 'routing', 'phone', 'call', 'fax', 'order', 'invoice', 'sort code'], window: 30},
    examples: {
      match: ['472-50-9508', {text: 'SSN: 123 45 6789', value: '123 45 6789'}],
      noMatch: [
        {text: 'ssn 000-12-3456', reason: 'area 000 is never issued'},
        {text: 'ssn 666-12-3456', reason: 'area 666 is never issued'},
        {text: 'ssn 912-34-5678', reason: 'areas 900-999 are never issued'},
        {text: 'ssn 123-00-4567', reason: 'group 00 is never issued'},
        {text: 'ssn 123-45-0000', reason: 'serial 0000 is never issued'},
        {text: 'sort code 63-06-86', reason: 'wrong shape'},
      ],
    },
  },
  {
    id: 'pii.us_ssn.plain',
    type: 'US_SSN',
    category: 'pii',
    severity: 'high',
    description: 'Nine digits without separators, only next to SSN words',
    pattern: String.raw`(?<![\w.+-])\d{9}` + NOT_AFTER,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'usSsn',
    confidence: 0.3,
    context: {words: ['ssn', 'social security', 'social-security', 'seguro social', 'ss#'], window: 80, after: 25, boost: 0.4},
    examples: {
      match: [
        {text: 'my SSN is 472509508', value: '472509508'},
        {text: 'applicant_ssn,657183782', value: '657183782'},
      ],
      noMatch: [
        {text: 'invoice 123456789', reason: 'no SSN word nearby'},
        {text: 'ABA routing number 018978226', reason: 'a routing number'},
      ],
    },
  },
  {
    id: 'pii.iban',
    type: 'IBAN',
    category: 'pii',
    severity: 'high',
    description: 'International bank account number, grouped or compact, valid by country length and mod-97',
    // No digit prefilter: some BBANs are mostly letters (CH36 1071 0W3E WAD4 LNFT S). The
    // prefilter: a country's code, check digits and eight more characters (case-insensitive, as
    // the rule). Only the real codes: any two letters would also fire on most hex ids and UUIDs.
    prefilter: String.raw`(?:${Object.keys(IBAN_LENGTHS).join('|')})\d{2}(?:[ -]?[A-Z0-9]){8}`,
    pattern: ibanPattern(),
    flags: 'i',
    validator: 'iban',
    confidence: 0.95,
    examples: {
      match: [
        'DE89 3704 0044 0532 0130 00',
        {text: 'IBAN: GB82WEST12345698765432.', value: 'GB82WEST12345698765432'},
        {text: 'to FR14 2004 1010 0505 0001 3M02 606 please', value: 'FR14 2004 1010 0505 0001 3M02 606'},
        {text: 'account CH36 1071 0W3E WAD4 LNFT S (mostly letters)', value: 'CH36 1071 0W3E WAD4 LNFT S'},
        {text: 'iban: de89-3704-0044-0532-0130-00 (lower case, dashes)', value: 'de89-3704-0044-0532-0130-00'},
        {text: 'IBAN DE89370400440532013000Bank', value: 'DE89370400440532013000'},
        {text: 'Sudan: SD2129010501234001', value: 'SD2129010501234001'},
      ],
      noMatch: [
        {text: 'IBAN DE00 3704 0044 0532 0130 00', reason: 'wrong check digits'},
        {text: 'VAT DE867133748', reason: 'a VAT number, too short for a German IBAN'},
        {text: 'BIC DEUTDEFF500', reason: 'a bank identifier code'},
      ],
    },
  },
]
