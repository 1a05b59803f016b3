import type {Rule} from '../engine/types.js'
import {trieSource} from '../engine/word-trie.js'
import {TOKEN_PREFIXES} from './prefilters.js'

/**
 * Credentials. Known token formats come first (their prefixes make them certain), then the
 * generic `key = value` rule, which needs entropy to tell a real secret from `password=test`.
 * Token rules share one prefilter (any known prefix); their patterns start with the literal and
 * check the boundary after it, which lets the regex engine skip ahead. All values are fake; they
 * only have the right shape.
 */

const common = {type: 'SECRET', category: 'secret', severity: 'critical'} as const
/** Rules whose tokens start with a known prefix share one prefilter. */
const prefixed = {...common, prefilter: TOKEN_PREFIXES} as const
const END = String.raw`(?![\w-])`

/** Words for "password" in the languages of the logs (matched case-insensitively, as whole words). */
const PASSWORD_WORDS = [
  'password',
  'passcode',
  'passphrase',
  'passwort',
  'kennwort',
  'mot de passe',
  'contraseña',
  'contrasena',
  'clave',
  'senha',
  'hasło',
  'haslo',
  'şifre',
  'şifrem',
  'şifreniz',
  'sifre',
  'sifrem',
  'пароль',
  'wachtwoord',
  'lösenord',
  'salasana',
  'adgangskode',
  'passord',
  'heslo',
  'jelszó',
  'parola',
  'pass',
  'κωδικός',
  'κωδικό',
  'mật khẩu',
  'kata sandi',
  'sandi',
  'パスワード',
  '비밀번호',
  '암호',
  '密码',
  '密碼',
  'كلمة المرور',
  'كلمة السر',
  'पासवर्ड',
]

/** Letters that have a case (Latin, Greek, Cyrillic): a password word must not be glued to one. */
const CASED = String.raw`a-zA-Z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF`

/** Words that may stand between a password word and the password: "is", "ist", "è", "to", "هي"... */
const LINKING_WORDS = [
  'is',
  'was',
  'now',
  'still',
  'es',
  'era',
  'est',
  'ist',
  'war',
  'è',
  'é',
  'e',
  'to',
  'jest',
  'är',
  'er',
  'je',
  'on',
  'this',
  'это',
  'был',
  'была',
  'hoy',
  'ahora',
  'actual',
  'actuelle',
  'aktuell',
  'atual',
  'nuevo',
  'nouveau',
  'neues',
  'new',
  'hier',
  'de',
  'do',
  'da',
  'du',
  'wifi',
  'wlan',
  'الخاصة',
  'بي',
  'هي',
  'هو',
  'है',
  'था',
  'temporal',
  'temporary',
  'temporaire',
  "c'est",
  'c’est',
  'to',
  'là',
  'la',
  'ist:',
  ':',
  '=',
  '-',
  '—',
].map((w) => w.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`))

/**
 * In a password told in a sentence, what comes between the word and the password: a colon or a
 * CJK particle and then the password at once (密码：m4rip0s41&), or up to three linking words
 * and spaces or an opening quote. `follow` is what must come after a linking word: a space in
 * the pattern, nothing in the prefilter (which has no assertions, and so finds more).
 */
const phraseGap = (follow: string): string => {
  const links = String.raw`(?:\s{1,3}(?:${LINKING_WORDS.join('|')})${follow}){0,3}[\s「『«“]{1,3}`
  return String.raw`(?:(?:\s{0,2}[:：=]|[はが는은是为為])(?:${links}|[「『«“]?)|${links})`
}

/** A digit, or an ASCII symbol or punctuation but a quote, or a common one beyond ASCII (¿, ×, €). */
const PHRASE_SYMBOL = String.raw`[\d!#-&(-/:-@[-\x60{-~\xA1-\xBF\xD7\xF7\u20AC]`

/**
 * What every name of the two assignment rules ends in, then their separator (case-insensitive,
 * like the patterns; without their word boundaries). One prefilter for both: one search a line.
 */
const ASSIGNMENT_PREFILTER =
  String.raw`(?:key(?:[_-]?(?:base|id))?|secret|token|passw(?:or)?d|pwd|pass(?:phrase)?|kennwort|passwort|contraseña|senha|wachtwoord)` +
  String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|is|was)`

export const secretRules: Rule[] = [
  {
    ...prefixed,
    id: 'secret.aws_access_key_id',
    description: 'AWS access key id (AKIA long-term, ASIA temporary)',
    pattern: String.raw`(?:AKIA|ASIA|ABIA|ACCA)(?<![A-Za-z0-9]....)[A-Z0-9]{16}(?![A-Za-z0-9])`,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: ['AKIAQKIK5I72IFRJ3LW4', {text: 'AWS_ACCESS_KEY_ID=ASIARTHAWRVBPAM2FXOC', value: 'ASIARTHAWRVBPAM2FXOC'}],
      noMatch: [
        {text: 'sample: AKIAXXXXXXXXXXXXXXXX', reason: 'a placeholder'},
        {text: 'AKIA123', reason: 'too short'},
      ],
    },
  },
  {
    ...prefixed,
    id: 'secret.github_token',
    description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
    pattern: String.raw`(?:gh[pousr]_(?<!\wgh._)[A-Za-z0-9]{36}|github_pat_(?<!\wgithub_pat_)[A-Za-z0-9_]{82})(?![\w])`,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: [{text: 'token ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5 leaked', value: 'ghp_LnQjKwRcZj7mQiM8saGYA7pEZ0Ib3nf1k3d5'}],
      noMatch: [
        {text: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', reason: 'a placeholder'},
        {text: 'ghp_short', reason: 'too short'},
      ],
    },
  },
  {
    ...prefixed,
    id: 'secret.anthropic_key',
    description: 'Anthropic API key',
    pattern: String.raw`sk-ant-(?<![\w-]sk-ant-)(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}` + END,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: ['sk-ant-api03-7c6OmCerg6Epz7eVWyR4bj008vVXrHsojjMWlRh2QAUzjF8tmrmaOE7HinzCslSHr6pBMslVniNf-gFZu7hR0OB8R-HUmAA'],
      noMatch: [{text: 'export ANTHROPIC_API_KEY=sk-ant-...', reason: 'a placeholder'}],
    },
  },
  {
    ...prefixed,
    id: 'secret.openai_key',
    description: 'OpenAI API key (sk-, sk-proj-, sk-svcacct-)',
    pattern: String.raw`sk-(?<![\w-]sk-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}` + END,
    validator: 'secretValue',
    confidence: 0.9,
    examples: {
      match: [{text: "openai.api_key = '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'", value: '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'}],
      noMatch: [
        {text: 'set OPENAI_API_KEY=sk-...', reason: 'a placeholder'},
        {text: 'sk-xxxxxxxxxxxxxxxxxxxxxxxx', reason: 'a placeholder'},
        {text: 'pip install scikit-learn (sk-learn)', reason: 'not a key'},
      ],
    },
  },
  {
    ...prefixed,
    id: 'secret.slack_token',
    description: 'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)',
    pattern: String.raw`xox[abposr]-(?<![\w-]xox.-)[0-9A-Za-z-]{10,250}` + END,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: ['xoxb-191378748339-60226557611-e18522f876b3dc7d02fa2f22'],
      noMatch: [{text: 'xoxb-your-token-here', reason: 'a placeholder'}],
    },
  },
  {
    ...prefixed,
    id: 'secret.stripe_key',
    description: 'Stripe secret or restricted key (not publishable pk_ keys)',
    pattern: String.raw`(?:sk|rk)_(?:live|test)_(?<![\w].k_(?:live|test)_)[0-9A-Za-z]{16,250}(?![\w])`,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: ['sk_live_jGHuU9GlPODmc6VLnpmtypuH', {text: 'key "rk_live_gKBCIIEuGS1sNfwnFpjKUrWpK0RQk3YG"', value: 'rk_live_gKBCIIEuGS1sNfwnFpjKUrWpK0RQk3YG'}],
      noMatch: [{text: 'pk_live_6o3ApnWXl7T3iNmZkuPJIR9x is public', reason: 'a publishable key is meant for browsers'}],
    },
  },
  {
    ...prefixed,
    id: 'secret.jwt',
    description: 'JSON Web Token, signed or not (alg none: an empty signature, or only header and payload)',
    pattern: String.raw`eyJ(?<![\w.-]eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{8,}|\.)?(?![\w.-])`,
    validator: 'jwt',
    confidence: 0.9,
    examples: {
      match: [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzU0NTU0MiJ9.UeucVio76Q_IwyIIQTl2v5rDHGgtW6hsrr1LmOzvddM',
        {
          text: 'token=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ. (unsigned)',
          value: 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ.',
        },
        {text: 'claims eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzIifQ sent', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzIifQ'},
      ],
      noMatch: [{text: 'eyJub3QiOiJqd3QifQ.eyJhIjoxMjM0NTY3OH0.abcdefghijk', reason: 'the header has no alg'}],
    },
  },
  {
    ...common,
    id: 'secret.private_key',
    description: 'PEM private key block (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8) or PGP private key block',
    keywords: ['PRIVATE KEY'],
    // The body never contains "-----", so a BEGIN without an END costs one scan, not one per BEGIN.
    pattern: String.raw`-----BEGIN (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----)){16,16384}-----END (?:[A-Z0-9]+ ){0,2}PRIVATE KEY(?: BLOCK)?-----`,
    confidence: 0.99,
    examples: {
      match: [
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAfakefakefakefakefake\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVfakefakefakefakefakefake\n=Zx9Q\n-----END PGP PRIVATE KEY BLOCK-----',
      ],
      noMatch: [{text: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----', reason: 'a public key'}],
    },
  },
  {
    ...prefixed,
    id: 'secret.bearer_token',
    description: 'Opaque token after "Authorization: Bearer"',
    pattern: String.raw`(?:Bearer|bearer|BEARER)(?<![A-Za-z]\w{6})\s{1,4}([A-Za-z0-9._~+/-]{20,500}=*)`,
    group: 1,
    validator: 'secretValue',
    confidence: 0.85,
    examples: {
      match: [{text: "-H 'Authorization: Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5'", value: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5'}],
      noMatch: [{text: 'Authorization: Bearer <YOUR_TOKEN_HERE_PLEASE>', reason: 'a placeholder'}],
    },
  },
  {
    ...common,
    id: 'secret.url_password',
    description: 'Password inside a URL (scheme://user:password@host)',
    keywords: ['://'],
    pattern: String.raw`:\/\/[^\s:/@]{0,64}:([^\s:/@]{6,128})@`,
    group: 1,
    validator: 'password',
    confidence: 0.85,
    examples: {
      match: [
        {text: 'DATABASE_URL=postgres://app:gAqqOcnk3hj8brBOJjE5@db.internal:5432/prod', value: 'gAqqOcnk3hj8brBOJjE5'},
        {text: 'url: redis://:Tq6UBkZk3VF1Z6K5rQ@redis:6379/0', value: 'Tq6UBkZk3VF1Z6K5rQ'},
      ],
      noMatch: [
        {text: 'postgres://user:<password>@localhost/db', reason: 'a placeholder'},
        {text: 'postgres://user:password@localhost:5432/mydb', reason: 'the documentation default'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.sendgrid_key',
    description: 'SendGrid API key',
    keywords: ['SG.'],
    pattern: String.raw`SG\.(?<![\w.]SG\.)[\w-]{22}\.[\w-]{43}(?![\w-])`,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: ['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'],
      noMatch: [{text: 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', reason: 'a placeholder'}],
    },
  },
  {
    ...common,
    id: 'secret.azure_storage_key',
    description: 'Azure storage account key in a connection string',
    keywords: ['AccountKey='],
    pattern: String.raw`AccountKey=([A-Za-z0-9+/]{86}==)`,
    group: 1,
    validator: 'token',
    confidence: 0.95,
    examples: {
      match: [
        {
          text: 'AccountName=logs;AccountKey=6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ==;EndpointSuffix=core',
          value: '6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ==',
        },
      ],
      noMatch: [{text: 'AccountKey=<your-key>', reason: 'a placeholder'}],
    },
  },
  {
    ...common,
    id: 'secret.cli_password',
    description: 'Password given on a command line: mysql -pSECRET, --password=SECRET, --db-password SECRET, if it is random enough',
    keywords: [' -p', '\t-p', '-password'],
    pattern: String.raw`(?:[ \t]-p|--(?:[a-z]{1,20}-){0,2}password[= ])([^\s'"]{8,128})`,
    group: 1,
    validator: 'secretValue',
    confidence: 0.8,
    examples: {
      match: [
        {text: 'mysql -u root -pBk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE chatbot_prod', value: 'Bk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE'},
        {text: 'psql --password=Zq8vN3kLp0XwR7tY2mB5', value: 'Zq8vN3kLp0XwR7tY2mB5'},
        {text: 'backup-tool --db-password LXicaBAg8WY1jzIR --out /tmp', value: 'LXicaBAg8WY1jzIR'},
      ],
      noMatch: [
        {text: 'mkdir -p /var/lib/chatbot/logs2024', reason: 'a flag followed by a path'},
        {text: 'ssh -p 2222 host', reason: 'a port'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.cli_password_arg',
    description: "Password after the flag of a command that takes one: sshpass -p, docker login -p, redis-cli -a, or quoted right after -p (mysql -p'SECRET')",
    keywords: [' -p ', ' -a ', " -p'", ' -p"', "\t-p'", '\t-p"'],
    // A space after -p only here: for other commands -p is a port or "make parents". Up to three
    // words between login and -p (the registry, -u and the user), none starting with a dash.
    // Single spaces, as commands are typed: a keyword is then in every match.
    pattern:
      String.raw`(?:(?:\bsshpass -p|\b(?:docker|podman|buildah|nerdctl|skopeo|oras|helm registry) login` +
      String.raw`(?: (?:-u|--username) [^\s]{1,64}| [^\s-][^\s]{0,253}){0,3} -p` +
      String.raw`|\bredis-cli(?: (?:-[hpn]|--(?:host|port|user)) [^\s]{1,253}| [^\s-][^\s]{0,253}){0,4} -a) ['"]?|[ \t]-p['"])([^\s'"]{4,128})`,
    group: 1,
    validator: 'passwordValue',
    confidence: 0.85,
    examples: {
      match: [
        {text: 'sshpass -p k9Wn-TdT2 ssh deploy@host', value: 'k9Wn-TdT2'},
        {text: 'docker login registry.example.com -u ci -p ak6J0kGOD.KdinZn', value: 'ak6J0kGOD.KdinZn'},
        {text: "mysql -h 10.0.0.5 -u root -p'Marmelade8899' shop", value: 'Marmelade8899'},
        {text: "sshpass -p 'bKRIYpvXed2V' ssh root@host", value: 'bKRIYpvXed2V'},
        {text: 'redis-cli -h 10.0.0.7 -a QPWeFeGjz1Cx ping', value: 'QPWeFeGjz1Cx'},
      ],
      noMatch: [
        {text: 'docker login -u ci -p $REGISTRY_PASSWORD', reason: 'a variable reference'},
        {text: 'grep -a pattern file', reason: 'not redis-cli'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.sql_password',
    description: "A password in SQL: CREATE USER ... IDENTIFIED BY 'SECRET', WITH PASSWORD 'SECRET'",
    keywords: ['identified by', 'password'],
    pattern: String.raw`\b(?:identified by|password)\s{1,4}'([^'\s]{4,128})'`,
    flags: 'i',
    group: 1,
    validator: 'passwordValue',
    confidence: 0.85,
    examples: {
      match: [
        {text: "ALTER USER 'app'@'%' IDENTIFIED BY 'jcBWndpb-jjzS';", value: 'jcBWndpb-jjzS'},
        {text: "CREATE USER reporting WITH PASSWORD 'mariposa5963';", value: 'mariposa5963'},
      ],
      noMatch: [{text: "CREATE USER app WITH PASSWORD '<password>';", reason: 'a placeholder'}],
    },
  },
  {
    ...common,
    id: 'secret.config_key_value',
    description:
      'A credential in a key/value pair of an XML config (<add key="DB_PASSWORD" value="SECRET" />) or a shell setter (aws configure set aws_secret_access_key SECRET)',
    keywords: ['value=', 'configure set'],
    pattern:
      String.raw`(?:\bkey="[\w.:-]{0,60}(?:secret|token|password|passwd|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth)[\w.:-]{0,30}"\s{1,4}value="` +
      String.raw`|\bconfigure set [\w.]{0,60}(?:secret|token|password|key)[\w.]{0,30} )([^\s"<>]{8,256})`,
    flags: 'i',
    group: 1,
    validator: 'passwordValue',
    confidence: 0.85,
    examples: {
      match: [
        {text: '<add key="SESSION_SECRET" value="cf44078a94bc0322f61d" />', value: 'cf44078a94bc0322f61d'},
        {text: 'aws configure set aws_secret_access_key i1KVjVy6toQWYhydZfCntV6e', value: 'i1KVjVy6toQWYhydZfCntV6e'},
      ],
      noMatch: [{text: '<add key="TOKEN_TTL" value="3600" />', reason: 'no letter: a number'}],
    },
  },
  {
    ...common,
    id: 'secret.generic_assignment',
    description: 'A value assigned to a key, secret, token or password, if it is random enough (entropy >= 3.3 bits/char)',
    prefilter: ASSIGNMENT_PREFILTER,
    // A quoted value runs to its closing quote; an unquoted one stops at the first character a
    // token does not use (so "token=abc&expires=60" ends at the &).
    pattern:
      String.raw`(?:(?:api|access|secret|client|private|encryption|signing|master|account|storage|app|auth|session|jwt|hmac|license|service)[_-]?key(?:[_-]?(?:base|id))?` +
      String.raw`|apikey|client[_-]?secret|secret|token|passwd|password|pwd|(?<![a-z])pass(?:phrase)?)` +
      String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|\b(?:is|was)\b)[ \t]{0,3}["']?` +
      String.raw`(?:base64:)?((?<=")[^"\s]{12,256}(?=")|(?<=')[^'\s]{12,256}(?=')|(?<![\w"'])[A-Za-z0-9+/_!#$%^*~.@-]{12,128}={0,2}(?![A-Za-z0-9+/_!#$%^*~.@=-]))`,
    flags: 'i',
    group: 1,
    validator: 'secretValue',
    confidence: 0.75,
    examples: {
      match: [
        {text: 'DB_PASSWORD=R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz', value: 'R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz'},
        {text: 'my password is L!IP7Q_sE%Z44ee2amIXa and it fails', value: 'L!IP7Q_sE%Z44ee2amIXa'},
        {text: '"client_secret": "9f8cA2b1e7D4c6F0a3B5"', value: '9f8cA2b1e7D4c6F0a3B5'},
        {
          text: 'const azureStorageKey = "mfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOr==";',
          value: 'mfsB4HbQLXjjlAFbVV6q9rXxtNDFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr5Qrec8TNecj9iNOr==',
        },
        {text: "SECRET_KEY = '575.yx.8xm5M&lfY@q%'", value: '575.yx.8xm5M&lfY@q%'},
        {text: 'RABBITMQ_DEFAULT_PASS: 5ubiheyEd7P4zDL#', value: '5ubiheyEd7P4zDL#'},
        {text: 'The secret was jj5VfqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+G, do I rotate it?', value: 'jj5VfqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+G'},
        {
          text: 'secret_key_base: 0b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904ce6087413e3b266',
          value: '0b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904ce6087413e3b266',
        },
        {text: 'refresh?access_token=ak6J0kGOD.KdinZn&expires=3600', value: 'ak6J0kGOD.KdinZn'},
      ],
      noMatch: [
        {text: 'password=password123', reason: 'low entropy'},
        {text: 'api_key=<redacted>', reason: 'a placeholder'},
        {text: 'api_key=${API_KEY}', reason: 'a variable reference'},
        {text: 'secret: changeme', reason: 'a default value'},
        {text: 'password: ********', reason: 'already masked'},
        {text: 'bypass: 1700000000000abc', reason: 'not a credential name'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.password_assignment',
    description:
      'A password set in a config or a form (password=..., <password>...</password>, "pwd": "..."): a letter and a digit or symbol, not a placeholder or a code reference',
    prefilter: ASSIGNMENT_PREFILTER,
    pattern:
      String.raw`(?:passw(?:or)?d|pwd|(?<![a-z])pass(?:phrase)?|kennwort|passwort|contraseña|senha|wachtwoord)` +
      String.raw`["']?[ \t]{0,3}(?:=>|[:=>]|\b(?:is|was)\b)[ \t]{0,3}["']?` +
      // Not a call or an index: password=os.environ.get("DB") is code.
      String.raw`((?<=")[^"\s]{6,128}(?=")|(?<=')[^'\s]{6,128}(?=')|(?<!["'])[A-Za-z0-9+/_!#$%^*~.@?-]{6,128}={0,2}(?![A-Za-z0-9+/_!#$%^*~.@=?(\[{}-]))`,
    flags: 'i',
    group: 1,
    validator: 'passwordValue',
    confidence: 0.75,
    examples: {
      match: [
        {text: 'spring.datasource.password=ak6J.vCbHSN', value: 'ak6J.vCbHSN'},
        {text: '<password>wm!Wevn45pT</password>', value: 'wm!Wevn45pT'},
        {text: 'wpa_passphrase=VWg9MNR*bqnyv', value: 'VWg9MNR*bqnyv'},
        {text: '{"username": "k.tanaka", "password": "hXuN.p1wep!IT"}', value: 'hXuN.p1wep!IT'},
      ],
      noMatch: [
        {text: 'password = os.environ.get("DB_PASSWORD")', reason: 'code that reads the password'},
        {text: 'password: process.env.DB_PASS', reason: 'a reference'},
        {text: 'password: Optional[str] = None', reason: 'a type'},
        {text: 'password=${DB_PASSWORD}', reason: 'a variable reference'},
        {text: 'DB_PASSWORD=${DB_PASSWORD:?required}', reason: 'a shell default inside a reference'},
        {text: 'password: required', reason: 'a word'},
        {text: 'DB_PASSWORD=\nNODE_ENV=production', reason: 'empty: the next line is another setting'},
        {text: 'String password = System.getenv("DB_PASSWORD");', reason: 'a call'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.password_phrase',
    description: 'A password told in a sentence, in many languages: "my password is ...", "mein Passwort ist ...", "我的密码是 ...", "パスワードは ..."',
    // The password word, a colon or a few linking words, then one token with a digit or a symbol
    // that is not its last character ("reset." is prose). Whole words among cased letters; a CJK
    // word needs no boundary (我的密码是). The prefilter is the pattern without its assertions.
    prefilter: String.raw`${trieSource(PASSWORD_WORDS)}${phraseGap('')}[^\s]{0,62}${PHRASE_SYMBOL}[^\s]`,
    pattern:
      String.raw`${trieSource(PASSWORD_WORDS, String.raw`(?<![${CASED}\d_][\s\S])`)}(?![${CASED}])${phraseGap(String.raw`(?=\s)`)}` +
      String.raw`((?=[^\s]{0,62}${PHRASE_SYMBOL}[^\s])[^\s"'«»“”「」『』<>,;，。、]{6,64})(?![^\s"'«»“”「」『』<>,;，。、])`,
    // Not the u flag, which makes every regex of V8 slower: letters with case are spelled out.
    flags: 'i',
    group: 1,
    validator: 'passwordValue',
    confidence: 0.75,
    examples: {
      match: [
        {text: 'Mein Passwort ist Sunshine1982*, aber der Login klappt nicht', value: 'Sunshine1982*'},
        {text: '我的密码是 Primavera14?，但是登录不了', value: 'Primavera14?'},
        {text: 'パスワードは Vy3BVai-56t9t ですが', value: 'Vy3BVai-56t9t'},
        {text: 'şifrem Bulldog.1984$ ama giriş yapamıyorum', value: 'Bulldog.1984$'},
        {text: 'mi contraseña es Fenerbahce38? y no me deja entrar', value: 'Fenerbahce38?'},
        {text: 'WLAN-Passwort: Tesoro.27*', value: 'Tesoro.27*'},
        {text: '邮箱：wei@example.net，密码：m4rip0s41&，一直登录失败', value: 'm4rip0s41&'},
        {text: 'パスワードは「Raketa&84$」ですが', value: 'Raketa&84$'},
        {text: "mon mot de passe c'est « krokus.Krokus27 » mais", value: 'krokus.Krokus27'},
        {text: 'user noah@example.org / pass Kiwi1995?', value: 'Kiwi1995?'},
      ],
      noMatch: [
        {text: 'I forgot my password, can you reset it?', reason: 'no password given'},
        {text: 'the password must contain 8+ characters', reason: 'a rule, not a password'},
        {text: 'password reset link: https://example.com/reset?t=1', reason: 'a link'},
        {text: 'my password is not working since 2024-01-02', reason: 'no token with letters and digits after the linking words'},
        {text: "Access denied for user 'app'@'10.0.0.5' (using password: YES)", reason: 'MySQL says whether a password was used'},
        {text: 'password2fa_enabled: true', reason: 'glued to the word'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.config_directive',
    description: 'A password in a server config directive without "=": Redis requirepass and masterauth',
    keywords: ['requirepass', 'masterauth'],
    pattern: String.raw`\b(?:requirepass|masterauth)[ \t]{1,8}["']?([^\s"']{6,128})`,
    group: 1,
    validator: 'passwordValue',
    confidence: 0.85,
    examples: {
      match: [{text: 'bind 127.0.0.1\nrequirepass ak6J0kGOD.KdinZn', value: 'ak6J0kGOD.KdinZn'}],
      noMatch: [{text: '# requirepass foobared', reason: 'the shipped default'}],
    },
  },
  {
    ...common,
    id: 'secret.field_value',
    description: 'A random-looking value on its own in a field named like a credential ("password": "...", "api_key": "..."), entropy >= 3.3 bits/char',
    // The whole value of a field; only believed when the field's name says credential (context
    // from the key), since a random string alone is also an id or a hash.
    pattern: String.raw`^\s{0,3}([A-Za-z0-9+/_!#$%^*~.=-]{12,256})\s{0,3}$`,
    group: 1,
    validator: 'secretValue',
    confidence: 0.3,
    context: {
      words: [
        'password',
        'passwd',
        'pwd',
        'passphrase',
        'secret',
        'token',
        'api_key',
        'apikey',
        'api-key',
        'access_key',
        'secret_key',
        'private_key',
        'client_secret',
        'auth',
        'credential',
        'credentials',
      ],
      // The match starts the value, so the window only reaches into the field's name.
      window: 64,
      boost: 0.5,
    },
    examples: {
      match: [
        {key: 'password', text: 'Kp9vR2mXq7LwZ4tB', value: 'Kp9vR2mXq7LwZ4tB'},
        {key: 'DB_API_KEY', text: 'a8Fq2Lz9Xw1Rt5Yb7Nc3', value: 'a8Fq2Lz9Xw1Rt5Yb7Nc3'},
      ],
      noMatch: [
        {text: 'Kp9vR2mXq7LwZ4tB', reason: 'no credential name: an id or a hash'},
        {key: 'request_id', text: 'a8Fq2Lz9Xw1Rt5Yb7Nc3', reason: 'the field is an id'},
        {key: 'password', text: 'password123', reason: 'low entropy'},
        {key: 'token', text: 'the token expired yesterday', reason: 'a sentence, not a value'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.basic_auth',
    description: 'HTTP Basic credentials: the base64 of user:password after "Basic"',
    keywords: ['basic'],
    pattern: String.raw`basic(?<![a-z]basic)\s{1,4}([A-Za-z0-9+/]{8,200}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    group: 1,
    validator: 'basicAuth',
    confidence: 0.9,
    examples: {
      match: [{text: 'Authorization: Basic c3ZjLWRlcGxveTpLMThneGlFRmllUHp2cnh1', value: 'c3ZjLWRlcGxveTpLMThneGlFRmllUHp2cnh1'}],
      noMatch: [
        {text: 'Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=', reason: 'username:password, the documentation example'},
        {text: 'a basic question about billing', reason: 'no base64 credentials'},
      ],
    },
  },
  {
    ...common,
    id: 'secret.cli_user_password',
    description: 'Password given as user:password on a command line (curl -u, --user), or user%password (smbclient -U)',
    keywords: [' -u', ' -U', '--user'],
    pattern: String.raw`(?:\s-[uU]|--user)[ =]['"]?[^\s:%'"]{1,64}[:%]([^\s'"]{6,128})`,
    group: 1,
    validator: 'password',
    confidence: 0.85,
    examples: {
      match: [
        {text: 'curl -u deploy:Wq8pZ3kLm2Xv https://api.example.com', value: 'Wq8pZ3kLm2Xv'},
        {text: 'smbclient //files/share -U deploy%lNQb0prFmbh7!wy5', value: 'lNQb0prFmbh7!wy5'},
      ],
      noMatch: [{text: 'curl -u user:password https://api.example.com', reason: 'the documentation default'}],
    },
  },
  {
    ...common,
    id: 'secret.cli_token_flag',
    description: 'A token, key or secret given as a command-line flag: --token VALUE, --api-key=VALUE',
    keywords: ['--'],
    pattern: String.raw`--(?:token|access-token|auth-token|api-key|apikey|secret|client-secret|secret-key|private-token|key)[ =]['"]?([A-Za-z0-9+/_.!#$%^*~-]{12,128})(?![A-Za-z0-9+/_.!#$%^*~-])`,
    flags: 'i',
    group: 1,
    validator: 'secretValue',
    confidence: 0.8,
    examples: {
      match: [{text: 'gh auth login --token Zq8vN3kLp0XwR7tY2mB5', value: 'Zq8vN3kLp0XwR7tY2mB5'}],
      noMatch: [{text: 'run it with --token $GITHUB_TOKEN', reason: 'a variable reference'}],
    },
  },
]
