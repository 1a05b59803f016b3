import type {Rule} from '../engine/types.js'
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
      noMatch: [{text: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', reason: 'a placeholder'}, {text: 'ghp_short', reason: 'too short'}],
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
        {text: 'token=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ. (unsigned)', value: 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyXzEifQ.'},
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
      match: [{text: 'AccountName=logs;AccountKey=6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ==;EndpointSuffix=core', value: '6wni3eyw/pHeDryn0V4P5GE1JaWQ8SnJqd5q/BcCiHALbUaAqx/lYGDxXszbUTkIfqBrpy0DM3XcGThCsZYqkJ=='}],
      noMatch: [{text: 'AccountKey=<your-key>', reason: 'a placeholder'}],
    },
  },
  {
    ...common,
    id: 'secret.cli_password',
    description: 'Password given on a command line: mysql -pSECRET, --password=SECRET',
    keywords: [' -p', '--password'],
    pattern: String.raw`(?:\s-p|--password[= ])([^\s'"]{8,128})`,
    group: 1,
    validator: 'secretValue',
    confidence: 0.8,
    examples: {
      match: [
        {text: 'mysql -u root -pBk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE chatbot_prod', value: 'Bk85aerJ2WFQ0cN8e6KvnxLHUz3dRkmKyUE'},
        {text: 'psql --password=Zq8vN3kLp0XwR7tY2mB5', value: 'Zq8vN3kLp0XwR7tY2mB5'},
      ],
      noMatch: [{text: 'mkdir -p /var/lib/chatbot/logs2024', reason: 'a flag followed by a path'}, {text: 'ssh -p 2222 host', reason: 'a port'}],
    },
  },
  {
    ...common,
    id: 'secret.generic_assignment',
    description: 'A value assigned to a key, secret, token or password, if it is random enough (entropy >= 3.3 bits/char)',
    // Every name the pattern accepts ends in one of these, then comes the same separator
    // (case-insensitive, like the pattern; without its word boundaries).
    prefilter: String.raw`(?:key|secret|token|passwd|password|pwd)["']?\s{0,3}(?:[:=]|is)`,
    pattern: String.raw`(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|secret|token|passwd|password|pwd|private[_-]?key)["']?\s{0,3}(?:[:=]|\bis\b)\s{0,3}["']?([A-Za-z0-9+/_!#$%^*-]{12,128})(?![A-Za-z0-9+/_!#$%^*-])`,
    flags: 'i',
    group: 1,
    validator: 'secretValue',
    confidence: 0.75,
    examples: {
      match: [
        {text: 'DB_PASSWORD=R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz', value: 'R+FI1mOqH_6dckHQJVDxgLmKeQeglYuz'},
        {text: 'my password is L!IP7Q_sE%Z44ee2amIXa and it fails', value: 'L!IP7Q_sE%Z44ee2amIXa'},
        {text: '"client_secret": "9f8cA2b1e7D4c6F0a3B5"', value: '9f8cA2b1e7D4c6F0a3B5'},
      ],
      noMatch: [
        {text: 'password=password123', reason: 'low entropy'},
        {text: 'api_key=<redacted>', reason: 'a placeholder'},
        {text: 'api_key=${API_KEY}', reason: 'a variable reference'},
        {text: 'secret: changeme', reason: 'a default value'},
        {text: 'password: ********', reason: 'already masked'},
      ],
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
      words: ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'secret_key', 'private_key', 'client_secret', 'auth', 'credential', 'credentials'],
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
    description: 'Password given as user:password on a command line (curl -u, --user)',
    keywords: [' -u', '--user'],
    pattern: String.raw`(?:\s-u|--user)[ =]['"]?[^\s:'"]{1,64}:([^\s'"]{6,128})`,
    group: 1,
    validator: 'password',
    confidence: 0.85,
    examples: {
      match: [{text: 'curl -u deploy:Wq8pZ3kLm2Xv https://api.example.com', value: 'Wq8pZ3kLm2Xv'}],
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
