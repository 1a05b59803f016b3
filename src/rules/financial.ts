import type {Rule} from '../engine/types.js'
import {DIGITS_WINDOW, NINE_DIGITS} from './prefilters.js'

/** Card numbers, US social security numbers and IBANs: all checked by their own checksums or ranges. */

const NOT_AFTER = String.raw`(?![\w-]|[.,]\d)`

export const financialRules: Rule[] = [
  {
    id: 'pii.credit_card',
    type: 'CREDIT_CARD',
    category: 'pii',
    severity: 'high',
    description: 'Payment card number: 13-19 digits, plain, spaced or dashed, valid by Luhn and issuer prefix',
    // The formats cards are printed in: plain, 4-4-4-4(-1..3), Amex 4-6-5 and Diners 4-6-4. A free
    // mix of separators would glue a following "08/27" onto the number and fail its Luhn check.
    pattern: String.raw`(?<![\w.+-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5})` + NOT_AFTER,
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
    id: 'pii.us_ssn',
    type: 'US_SSN',
    category: 'pii',
    severity: 'high',
    description: 'US social security number AAA-GG-SSSS (or spaced) within the issued ranges',
    pattern: String.raw`(?<![\w.+-])\d{3}([- ])\d{2}\1\d{4}` + NOT_AFTER,
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
      match: [{text: 'my SSN is 472509508', value: '472509508'}, {text: 'applicant_ssn,657183782', value: '657183782'}],
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
    // prefilter is the pattern's first three groups, without its boundary checks.
    prefilter: String.raw`[A-Z]{2}\d{2} ?[A-Z0-9]{4} ?[A-Z0-9]{4}`,
    pattern: String.raw`[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)`,
    validator: 'iban',
    confidence: 0.95,
    examples: {
      match: [
        'DE89 3704 0044 0532 0130 00',
        {text: 'IBAN: GB82WEST12345698765432.', value: 'GB82WEST12345698765432'},
        {text: 'to FR14 2004 1010 0505 0001 3M02 606 please', value: 'FR14 2004 1010 0505 0001 3M02 606'},
        {text: 'account CH36 1071 0W3E WAD4 LNFT S (mostly letters)', value: 'CH36 1071 0W3E WAD4 LNFT S'},
      ],
      noMatch: [
        {text: 'IBAN DE00 3704 0044 0532 0130 00', reason: 'wrong check digits'},
        {text: 'VAT DE867133748', reason: 'a VAT number, too short for a German IBAN'},
        {text: 'BIC DEUTDEFF500', reason: 'a bank identifier code'},
      ],
    },
  },
]
