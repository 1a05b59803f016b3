import type {Rule} from '../engine/types.js'

/** Words before a dotted quad that make it a version or a section number, in the languages of the corpus and beyond. */
const VERSION_WORDS = [
  'version', 'versão', 'versión', 'versione', 'wersja', 'versiyon', 'sürüm', 'sürümü', 'версия', 'версии', '版本', 'バージョン', '버전',
  'ver', 'build', 'firmware', 'fw', 'sw', 'prošivki', 'прошивки', '固件', 'release', 'update', 'patch', 'python', 'android', 'ios', 'chrome',
  'windows', 'macos', 'kernel', 'sdk', 'oid', 'assemblyversion', 'fileversion', 'assemblyfileversion', 'mask', 'netmask',
  'section', 'sección', 'seção', 'abschnitt', 'kapitel', 'chapter', 'clause', 'paragraph', 'step', 'article', 'artikel', '§',
]

export const networkRules: Rule[] = [
  {
    id: 'pii.ip.v4',
    type: 'IP_ADDRESS',
    category: 'pii',
    severity: 'low',
    description: 'IPv4 address; not version numbers such as "firmware 4.2.1.0"',
    // The boundary check comes after the first digit: a pattern that starts with a lookbehind is
    // tried at every position, one that starts with \d only at digits (3x faster).
    prefilter: String.raw`\d\.\d{1,3}\.\d{1,3}\.\d`,
    pattern: String.raw`\d(?<![\w.-]\d)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w-]|\.\d)`,
    validator: 'ip',
    confidence: 0.8,
    negativeContext: {words: VERSION_WORDS, window: 20},
    examples: {
      match: [
        '192.0.2.14',
        {text: 'open http://127.0.0.1:5000 now', value: '127.0.0.1'},
        {text: 'from 10.0.0.1.', value: '10.0.0.1'},
        {text: 'DNS resolves api.example.com -> 198.51.100.216', value: '198.51.100.216'},
        {text: 'VPN exit node 203.0.113.228.', value: '203.0.113.228'},
        {text: '- "db.internal:172.18.91.208"', value: '172.18.91.208'},
      ],
      noMatch: [
        {text: 'firmware 4.2.1.0', reason: 'a version string'},
        {text: 'build 10.0.0.1 is out', reason: 'a build number'},
        {text: 'address 300.1.2.3', reason: 'octet over 255'},
        {text: 'v1.2.3.4', reason: 'a version tag'},
        {text: 'see section 3.8.1.6 of the terms', reason: 'a section number'},
        {text: 'Uygulama sürümü 10.0.0.9 açılmıyor', reason: 'a version (Turkish)'},
        {text: '固件版本 10.0.0.6，构建号', reason: 'a firmware version (Chinese)'},
        {text: 'released 10.0.19045.3803', reason: 'five parts'},
        {text: 'bind 0.0.0.0', reason: 'any address: names no one'},
        {text: 'model=SM-S918B fw=3.9.2.22', reason: 'a firmware version'},
        {text: 'Subnet Mask: 255.255.255.0', reason: 'a netmask'},
        {text: 'AssemblyVersion("1.0.0.0")', reason: 'a .NET assembly version'},
      ],
    },
  },
  {
    id: 'pii.ip.v6',
    type: 'IP_ADDRESS',
    category: 'pii',
    severity: 'low',
    description: 'IPv6 address in full form (eight groups)',
    // Five colon-separated groups somewhere; times such as 10:30:45 have fewer.
    prefilter: String.raw`:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:`,
    pattern: String.raw`(?<![\w:.])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}(?![\w:]|\.\w)`,
    validator: 'ip',
    confidence: 0.8,
    negativeContext: {words: ['mac', 'hwaddr', 'ether'], window: 15},
    examples: {
      match: ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', {text: 'client [2001:0db8:0000:0000:0000:ff00:0042:8329]:443', value: '2001:0db8:0000:0000:0000:ff00:0042:8329'}],
      noMatch: [
        {text: 'MAC 00:1A:2B:B0:4A:F8', reason: 'a MAC address (6 groups)'},
        {text: 'at 10:30:45 UTC', reason: 'a time'},
        {text: 'UFW BLOCK MAC=79:f8:44:ee:5f:2b:08:00 SRC=', reason: 'two MAC addresses and an ethertype'},
      ],
    },
  },
  {
    id: 'pii.ip.v6.v4',
    type: 'IP_ADDRESS',
    category: 'pii',
    severity: 'low',
    description: 'IPv6 address ending in an IPv4 (::ffff:192.0.2.1 as Node.js logs a client, 64:ff9b::198.51.100.7)',
    prefilter: String.raw`:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d`,
    pattern: String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:){1,6}:?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w-]|\.\d)`,
    validator: 'ipv6v4',
    confidence: 0.8,
    examples: {
      match: [
        {text: '"remoteAddress":"::ffff:192.0.2.13"', value: '::ffff:192.0.2.13'},
        {text: 'ping6 64:ff9b::198.51.100.79 works', value: '64:ff9b::198.51.100.79'},
        {text: 'from 2001:db8:9f1:147::192.0.2.34 port 22', value: '2001:db8:9f1:147::192.0.2.34'},
      ],
      noMatch: [{text: 'at 10:30:1.2.3.4', reason: 'not an IPv6 head'}],
    },
  },
  {
    id: 'pii.ip.v6.compressed',
    type: 'IP_ADDRESS',
    category: 'pii',
    severity: 'low',
    description: 'IPv6 address with "::" compression (2001:db8::1, ::1)',
    keywords: ['::'],
    pattern: String.raw`(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:]|\.\w|(?<=::)\/)`,
    validator: 'ipCompressed',
    confidence: 0.8,
    negativeContext: {words: ['mac', 'time', 'duration'], window: 15},
    examples: {
      match: ['2001:db8::8a2e:370:7334', {text: 'bind ::1 only', value: '::1'}, {text: 'from 2001:db8::a3.', value: '2001:db8::a3'}],
      noMatch: [
        {text: 'std::vector<int>', reason: 'C++ scope'},
        {text: 'ratio 16:9:4 and Foo::Bar', reason: 'no address'},
        {text: 'the DNS64 prefix is 64:ff9b::/96', reason: 'a network prefix, not an address'},
      ],
    },
  },
]
