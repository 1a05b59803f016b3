import type {Rule} from '../engine/types.js'

/**
 * Personal-data rules. Each rule carries the texts it must match and the near misses it must
 * not, with the reason; test/rules/examples.test.ts runs every one of them.
 * Boundaries use lookbehinds so that a regex only starts at the beginning of a token:
 * that keeps every scan linear in the length of the text.
 */

const PHONE_END = String.raw`(?:\s?(?:ext\.?|x|#)\s?\d{1,5})?(?![\w-]|[.,]\d)`

export const piiRules: Rule[] = [
  {
    id: 'pii.email',
    type: 'EMAIL',
    category: 'pii',
    severity: 'high',
    description: 'E-mail address with a public top-level domain',
    keywords: ['@'],
    // Unicode letters too (RFC 6531): an ASCII-only local part would leave "ünï" of "ünïcode@..." unmasked.
    pattern: String.raw`(?<![\p{L}\p{N}_.%+-])[\p{L}\p{N}_.%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}(?![\p{L}\p{N}_-]|:\w)`,
    flags: 'u',
    validator: 'email',
    examples: {
      match: [
        'jane.doe@example-mail.com',
        {text: 'write to first.last+billing@mail.eu.example.org today', value: 'first.last+billing@mail.eu.example.org'},
        {text: 'Contact: J_Smith99@Fake-Corp.co.uk.', value: 'J_Smith99@Fake-Corp.co.uk'},
        {text: 'écrivez à ünïcode.fan@exämple.com', value: 'ünïcode.fan@exämple.com'},
      ],
      noMatch: [
        {text: 'see logo@2x.png in the assets folder', reason: 'a retina image file name, not an address'},
        {text: 'git clone git@github.com:org/repo.git', reason: 'an SSH git remote'},
        {text: 'ssh admin@localhost', reason: 'no public top-level domain'},
        {text: 'the @mention feature', reason: 'no local part'},
        {text: 'user@server', reason: 'no dot in the domain'},
      ],
    },
  },
  {
    id: 'pii.phone.formatted',
    type: 'PHONE',
    category: 'pii',
    severity: 'medium',
    description: 'Phone number written with separators: NANP (555-123-4567, (555) 123-4567), +CC international, 0-prefixed national',
    pattern:
      String.raw`(?<![\w+.-])(?:` +
      // +CC then groups of digits, optional (area) group
      String.raw`\+[1-9]\d{0,2}[-. ]?(?:\(\d{1,4}\)[-. ]?)?\d{1,4}(?:[-. ]\d{1,4}){1,5}` +
      String.raw`|\+[1-9]\d{9,14}` +
      // NANP: optional 1, area code with or without parentheses, separators required
      String.raw`|(?:1[-. ])?(?:\(\d{3}\)[ ]?|\d{3}[-. ])\d{3}[-. ]\d{4}` +
      // national trunk prefix 0: UK 020 7946 0958, FR 01 23 45 67 89, DE 030 1234567
      String.raw`|\(?0\d{1,4}\)?[-. /]\d{2,8}(?:[-. ]\d{2,4}){0,4}` +
      String.raw`)` +
      PHONE_END,
    validator: 'phone',
    examples: {
      match: [
        '555-123-4567',
        {text: 'call (555) 010-0199 ext. 12 now', value: '(555) 010-0199 ext. 12'},
        {text: 'our line is 555.123.4567.', value: '555.123.4567'},
        {text: 'UK office: +44 20 7946 0958', value: '+44 20 7946 0958'},
        {text: 'Paris: 01 23 45 67 89', value: '01 23 45 67 89'},
        {text: 'Berlin +49 (30) 1234 5678', value: '+49 (30) 1234 5678'},
        {text: 'ring +15550100199', value: '+15550100199'},
        {text: 'London 020 7946 0958', value: '020 7946 0958'},
      ],
      noMatch: [
        {text: 'Your order #A-12345 has shipped', reason: 'an order number'},
        {text: 'released on 2024-01-15 at 10:30', reason: 'a date and a time'},
        {text: 'upgrade to version 1.2.3.4', reason: 'a version string'},
        {text: 'total $1,234.56', reason: 'a price'},
        {text: 'id 1700000000 logged', reason: 'a bare 10-digit number without phone context (Unix timestamp)'},
        {text: 'ISBN 978-3-16-148410-0', reason: 'an ISBN'},
        {text: 'tracking 1Z999AA10123456784', reason: 'a parcel tracking code'},
      ],
    },
  },
  {
    id: 'pii.phone.plain',
    type: 'PHONE',
    category: 'pii',
    severity: 'medium',
    description: 'Ten or eleven digits without separators, only next to a phone word (call, phone, mobile...)',
    pattern: String.raw`(?<![\w+.-])1?\d{10}(?![\w-]|[.,]\d)`,
    validator: 'phone',
    context: {
      words: ['phone', 'call', 'tel', 'mobile', 'cell', 'sms', 'text me', 'whatsapp', 'dial', 'fax', 'reach me', 'ring'],
      window: 40,
    },
    examples: {
      match: [{text: 'please call me on 5550100199', value: '5550100199'}, {text: 'mobile: 15550100199', value: '15550100199'}],
      noMatch: [
        {text: 'order 5550100199 was refunded', reason: 'no phone word nearby: an order id'},
        {text: 'timestamp 1700000000', reason: 'a Unix timestamp'},
        {text: 'call reference 555010019912345', reason: 'too many digits'},
      ],
    },
  },
]
