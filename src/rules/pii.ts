import type {Rule} from '../engine/types.js'
import {DIGITS_WINDOW, NINE_DIGITS, SEVEN_DIGITS} from './prefilters.js'

/**
 * Personal-data rules. Each rule carries the texts it must match and the near misses it must
 * not, with the reason; test/rules/examples.test.ts runs every one of them.
 * Boundaries use lookbehinds so that a regex only starts at the beginning of a token:
 * that keeps every scan linear in the length of the text.
 */

/** Letters beyond ASCII: Latin-1 and Latin Extended, Greek to Devanagari and beyond, kana, CJK, Hangul. */
const LETTERS = String.raw`\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u0370-\u1FFF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF`
const EMAIL_CHARS = String.raw`\w${LETTERS}`

/**
 * An optional extension in any case (ext. 12, Ext 12, x818, X818, #3456), then the end of the
 * number: not glued to another digit or word, but a hyphen before a word is fine (751-954-9268-Fax),
 * and so is a comma before digits (the next column of a CSV row); never a colon before digits
 * (the hour of "2025-06-18 13:45").
 */
const PHONE_END = String.raw`(?:\s?(?:[Ee][Xx][Tt]\.?|[Xx]|#)\s?\d{1,5})?(?!\w|-[\d(]|\.\d|:\d)`

/** Words that say "this is a phone number" in the languages of the logs (lower case, whole words). */
export const PHONE_WORDS = [
  'phone', 'telephone', 'tel', 'tele', 'mobile', 'mob', 'cell', 'cellphone', 'call', 'called', 'calling', 'caller', 'callers', 'ring', 'dial',
  'fax', 'sms', 'text me', 'reach', 'reach me', 'my number', 'direct', 'phone number', 'whatsapp', 'viber', 'signal', 'contact', 'contact number', 'hotline',
  'helpline', 'landline',
  'telefon', 'telefonnummer', 'rufnummer', 'handy', 'mobil', 'mobilnummer', 'anrufen', 'erreichbar', 'erreichen', 'kontakt', 'festnetz',
  'téléphone', 'tél', 'portable', 'appeler', 'appelez', 'numéro', 'joindre',
  'teléfono', 'telefono', 'telefónico', 'telefonico', 'móvil', 'movil', 'celular', 'cel', 'llamar', 'llámame', 'llame', 'número', 'numero',
  'contactarme', 'contacto', 'fijo',
  'telefone', 'telemóvel', 'telemovel', 'fone', 'ligue', 'ligar', 'liga', 'contato', 'cellulare', 'chiamami', 'chiama', 'chiamare', 'recapito', 'contatto', 'fisso',
  'tlf', 'gsm', 'numer', 'zadzwoń', 'komórka', 'telefoon', 'bel', 'mobiel', 'wa', 'nomor', 'hubungi', 'telepon', 'liên hệ', 'điện thoại',
  'số điện thoại', 'τηλέφωνο', 'τηλ', 'κινητό',
  'arayın', 'numara', 'numaram', 'телефон', 'телефону', 'тел', 'моб', 'звоните', 'позвоните', 'перезвоним', 'номер', 'номеру', 'мобильный',
  'هاتف', 'جوال', 'اتصل', 'للتواصل', 'फोन', 'फ़ोन', 'मोबाइल', 'कॉल', 'नंबर', 'संपर्क',
  '電話', '電話番号', '携帯', '連絡先', '手机', '电话', '联系电话', '拨打', '致电', '전화', '전화번호', '휴대폰', '연락처', '번호',
]

/** Words before a run of digits that make it some other number: an order, a case, a tax id, a parcel. */
const NOT_PHONE_WORDS = [
  'order', 'invoice', 'tracking', 'serial', 'isbn', 'iban', 'account', 'card', 'version', 'ticket', 'sku', 'reference', 'timestamp', 'id', 'case',
  'routing', 'aba', 'vat', 'tva', 'siren', 'siret', 'postcode', 'zip', 'plz', 'kargo', 'takip', 'bestellung', 'rechnung', 'pedido', 'factura', 'commande', 'facture', 'fattura', 'ordine',
  'заказ', 'заказа', 'трек', 'ऑर्डर', 'ट्रैकिंग', '注文', '订单', '주문',
]

export const piiRules: Rule[] = [
  {
    id: 'pii.email',
    type: 'EMAIL',
    category: 'pii',
    severity: 'high',
    description: 'E-mail address with a public top-level domain',
    keywords: ['@'],
    // Letters of the main scripts too (RFC 6531): an ASCII-only local part would leave "ünï" of
    // "ünïcode@..." unmasked. Explicit ranges, not \p{L} with the u flag: that is 5x slower.
    pattern: String.raw`(?<![${EMAIL_CHARS}.%+/-])[${EMAIL_CHARS}.%+-]+@[${EMAIL_CHARS}-]+(?:\.[${EMAIL_CHARS}-]+){0,126}\.(?:[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])|[${LETTERS}]{2,24}(?![A-Za-z0-9${LETTERS}-]))(?!:[\w.-]+\/)`,
    validator: 'email',
    examples: {
      match: [
        'jane.doe@example-mail.com',
        {text: 'write to first.last+billing@mail.eu.example.org today', value: 'first.last+billing@mail.eu.example.org'},
        {text: 'Contact: J_Smith99@Fake-Corp.co.uk.', value: 'J_Smith99@Fake-Corp.co.uk'},
        {text: 'écrivez à ünïcode.fan@exämple.com', value: 'ünïcode.fan@exämple.com'},
        {text: 'alice@example.com:thanks for the quick reply', value: 'alice@example.com'},
        {text: 'sign-up: alice_smith@example.com_', value: 'alice_smith@example.com'},
      ],
      noMatch: [
        {text: 'see logo@2x.png in the assets folder', reason: 'a retina image file name, not an address'},
        {text: 'git clone git@github.com:org/repo.git', reason: 'an SSH git remote'},
        {text: 'git clone https://oauth2@gitlab.example.com/team/app.git', reason: 'the user part of a URL'},
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
    // Not right after another group of digits ("tracking 9400 1441 8250 0886 ..."): a phone starts a number.
    pattern:
      String.raw`(?<![\w+.-])(?<!\d[-. /])(?:` +
      // +CC, an optional (area) group such as (0) or (11), then groups; after the first group a
      // separator is required, so the ways to split a digit run stay few (linear time)
      String.raw`(?:\+{1,2}[1-9]\d{0,2}|\(\+[1-9]\d{0,2}\)|(?:00|011)[ ]?[1-9]\d{0,2}(?=[-. ]))(?:[-. ]?\(\d{1,4}\))?[-. ]?\d{1,12}(?:[-. ]\d{1,8}){0,5}` +
      // NANP: optional 1, area code with or without parentheses, separators required
      String.raw`|(?:1[-. ])?(?:\(\d{3}\)[ ]?|\d{3}[-. ])\d{3}[-. ]\d{4}` +
      // one separator only, as the seed regex allowed: 555-1234567, 555123-4567
      String.raw`|\d{3}[-.]\d{7}|\d{6}[-.]\d{4}` +
      // two-digit area code in parentheses: Brazil (11) 97176-7452
      String.raw`|\(\d{2}\)[ ]?\d{4,5}-\d{4}` +
      // national trunk prefix 0: UK 020 7946 0958, FR 01 23 45 67 89, DE 030 1234567
      String.raw`|\(?0\d{1,5}\)?[-. /]\d{2,8}(?:[-. ]\d{2,4}){0,4}` +
      String.raw`)` +
      PHONE_END,
    prefilter: NINE_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'phone',
    negativeContext: {words: ['tracking', 'isbn', 'iban', 'invoice', 'serial', 'imei', 'card', 'account number', 'order'], window: 25},
    examples: {
      match: [
        '555-123-4567',
        {text: 'call +44 7700 900028 ext 84 today', value: '+44 7700 900028 ext 84'},
        {text: 'Meu número é +55 (11) 96804-7082.', value: '+55 (11) 96804-7082'},
        {text: 'Phone: +49 (0)30 23125-909', value: '+49 (0)30 23125-909'},
        {text: 'ligue (11) 97176-7452 hoje', value: '(11) 97176-7452'},
        {text: 'confirmed +91 9892209197 on file', value: '+91 9892209197'},
        {text: 'Rückruf: +49 30 23125786 (ab 14 Uhr)', value: '+49 30 23125786'},
        {text: 'mi teléfono (+34) 953 975 701.', value: '(+34) 953 975 701'},
        {text: 'Fax: 097299 01661', value: '097299 01661'},
        {text: 'call (555) 010-0199 ext. 12 now', value: '(555) 010-0199 ext. 12'},
        {text: 'our line is 555.123.4567.', value: '555.123.4567'},
        {text: 'UK office: +44 20 7946 0958', value: '+44 20 7946 0958'},
        {text: 'Paris: 01 23 45 67 89', value: '01 23 45 67 89'},
        {text: 'Berlin +49 (30) 1234 5678', value: '+49 (30) 1234 5678'},
        {text: 'ring +15550100199', value: '+15550100199'},
        {text: 'London 020 7946 0958', value: '020 7946 0958'},
        {text: 'text 555-0100199 now', value: '555-0100199'},
        {text: 'or 555010-0199.', value: '555010-0199'},
      ],
      noMatch: [
        {text: 'Your order #A-12345 has shipped', reason: 'an order number'},
        {text: 'released on 2024-01-15 at 10:30', reason: 'a date and a time'},
        {text: 'upgrade to version 1.2.3.4', reason: 'a version string'},
        {text: 'total $1,234.56', reason: 'a price'},
        {text: 'id 1700000000 logged', reason: 'a bare 10-digit number without phone context (Unix timestamp)'},
        {text: 'ISBN 978-3-16-148410-0', reason: 'an ISBN'},
        {text: 'tracking 1Z999AA10123456784', reason: 'a parcel tracking code'},
        {text: 'USPS tracking 9400 1441 8250 0886 4760 90', reason: 'a tracking number whose tail looks like a national phone'},
        {text: 'IBAN DE00 3704 0044 0532 0130 00', reason: 'an (invalid) IBAN whose groups look like a phone'},
      ],
    },
  },
  {
    id: 'pii.phone.whatsapp_link',
    type: 'PHONE',
    category: 'pii',
    severity: 'medium',
    description: 'The number in a WhatsApp click-to-chat link (wa.me/491702975987)',
    keywords: ['wa.me/'],
    pattern: String.raw`\bwa\.me\/(\+?\d{8,15})(?![\w-])`,
    group: 1,
    validator: 'phone',
    examples: {
      match: [{text: 'https://wa.me/15550100199?text=Hi', value: '15550100199'}],
      noMatch: [{text: 'https://wa.me/message/ABCDEF', reason: 'a message link, no number'}],
    },
  },
  {
    id: 'pii.phone.plain',
    type: 'PHONE',
    category: 'pii',
    severity: 'medium',
    description: 'Eight to fourteen digits without separators (an optional +), only next to a phone word (call, phone, mobile, WhatsApp...)',
    pattern: String.raw`(?<![\w+.-])\+?\d{8,14}(?!\w|-\d|\.\d)`,
    prefilter: SEVEN_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'phoneNational',
    // Only believed next to a phone word: a bare run of digits is usually an id or a timestamp.
    confidence: 0.4,
    context: {words: PHONE_WORDS, window: 40, after: 25},
    negativeContext: {words: NOT_PHONE_WORDS, window: 30},
    examples: {
      match: [
        {text: 'please call me on 5550100199', value: '5550100199'},
        {text: 'mobile: 15550100199', value: '15550100199'},
        {text: 'whatsapp 07700900452', value: '07700900452'},
        {text: 'móvil 616079102', value: '616079102'},
        {text: 'https://api.whatsapp.com/send?phone=552131010133', value: '552131010133'},
      ],
      noMatch: [
        {text: 'order 5550100199 was refunded', reason: 'no phone word nearby: an order id'},
        {text: 'timestamp 1700000000', reason: 'a Unix timestamp'},
        {text: 'call reference 555010019912345', reason: 'too many digits'},
      ],
    },
  },
  {
    id: 'pii.phone.labeled',
    type: 'PHONE',
    category: 'pii',
    severity: 'medium',
    description: 'A national number without a country code (7 to 15 digits in groups), only next to a phone word in one of many languages',
    // Groups of digits with separators, or the (0) of a trunk prefix; the context decides.
    pattern:
      String.raw`(?<![\w+./-])(?<!\d[-. /])(?:\d{1,5}[-. ]?)?(?:\(\d{1,5}\)[-. ]?|\d{1,6}[-. /])\d{1,8}(?:[-. /]\d{1,8}){0,5}` + PHONE_END,
    prefilter: SEVEN_DIGITS,
    prefilterWindow: DIGITS_WINDOW,
    validator: 'phoneNational',
    confidence: 0.4,
    context: {words: PHONE_WORDS, window: 30, after: 20, boost: 0.35},
    negativeContext: {words: NOT_PHONE_WORDS, window: 20},
    examples: {
      match: [
        {text: 'Phone: 60-56-85-91', value: '60-56-85-91'},
        {text: 'Tel. 03-331 6005 (office)', value: '03-331 6005'},
        {text: 'please call 699 956 915 after 5pm', value: '699 956 915'},
        {text: 'Mobil: 0151 23456789', value: '0151 23456789'},
        {text: '電話: 03-1234-5678', value: '03-1234-5678'},
        {text: 'Мой номер 8 (383) 561-79-60, звоните', value: '8 (383) 561-79-60'},
        {text: 'कृपया 75988 03619 पर कॉल करें।', value: '75988 03619'},
      ],
      noMatch: [
        {text: 'order 123 456 789 shipped, call us if it does not arrive', reason: 'an order number (its own context word)'},
        {text: 'released 2024-01-15, call me', reason: 'a date'},
        {text: 'room 12 34 56 is on the left', reason: 'no phone word'},
      ],
    },
  },
]
