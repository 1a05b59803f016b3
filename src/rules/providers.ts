import type {Rule} from '../engine/types.js'

/**
 * Tokens of widely used providers, from each vendor's documented token format (prefix, alphabet,
 * length). Each rule is a prefix (which makes a match near certain), then the token's alphabet
 * and length, then a boundary. They share one prefilter: the alternation of the prefixes, each
 * with the start of its alphabet, so that one scan of a text rules them all out. All example
 * values are fake: random characters in the right shape.
 */

const END = String.raw`(?![\w-])`

interface Provider {
  id: string
  description: string
  /** What the shared prefilter looks for: the literal prefix and a few characters of the token (no assertions). */
  trigger: string
  pattern: string
  group?: number
  /** A fake token in the right shape, and a sentence around it. */
  example: string | {text: string; value: string}
  /** A near miss and why it is not this provider's token. */
  near: {text: string; reason: string}
  confidence?: number
  /** The check after the pattern; a token's by default (not a placeholder). */
  validator?: string
  /** More shapes the rule must find. */
  also?: Array<{text: string; value: string}>
}

const providers: Provider[] = [
  {
    id: 'secret.huggingface',
    description: 'Hugging Face user access token (hf_) or organisation API token (api_org_)',
    trigger: String.raw`hf_[A-Za-z]{8}|api_org_[A-Za-z]{8}`,
    pattern: String.raw`(?:hf|api_org)_(?<![\w]hf_|\wapi_org_)[A-Za-z]{34}${END}`,
    example: {text: 'HF_TOKEN=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', value: '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'},
    near: {text: 'the hf_hub_download function', reason: 'a function name, not a 34-letter token'},
  },
  {
    id: 'secret.gitlab',
    description: 'GitLab token: personal, deploy, runner, trigger, feed, SCIM, OAuth and other gl…- tokens',
    trigger: String.raw`gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct|sst)-[\w-]{8}`,
    pattern: String.raw`gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct|sst)-(?<![\w-]gl[a-z]{1,5}-)[\w-]{20,120}(?:\.[\w-]{2,12}){0,2}${END}`,
    example: {text: 'export GITLAB_TOKEN=glpat-zei2nsBjcgqSf9Mh6nAo', value: 'glpat-zei2nsBjcgqSf9Mh6nAo'},
    near: {text: 'set glpat-<your token> in CI variables', reason: 'a placeholder'},
  },
  {
    id: 'secret.azure_ad_client_secret',
    description: 'Microsoft Entra ID (Azure AD) client secret: three characters, a digit, Q~, then 31-34 more',
    trigger: String.raw`\dQ~[\w~.-]{8}`,
    pattern: String.raw`(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])`,
    example: {text: 'AZURE_CLIENT_SECRET="peo8Q~8tIlOsdVtXYQVHj~ui20VffI6WAoZGI"', value: 'peo8Q~8tIlOsdVtXYQVHj~ui20VffI6WAoZGI'},
    near: {text: 'ratio 4Q~2 of the market', reason: 'too short to be a client secret'},
  },
  {
    id: 'secret.discord_bot_token',
    description: 'Discord bot token: base64 user id, timestamp and HMAC, separated by dots',
    trigger: String.raw`\.[\w-]{6}\.[\w-]{20}`,
    pattern: String.raw`(?<![\w.-])[MNO][A-Za-z\d]{23,27}\.[\w-]{6}\.[\w-]{27,38}${END}`,
    example: {
      text: 'bot.run("MHHvsrVNd5TF2W8NPk8PtSyRgt.hsrRIx.BIfdXsokWbblU77nZ4RCZZ7_CaYK5S9t-ydq5T")',
      value: 'MHHvsrVNd5TF2W8NPk8PtSyRgt.hsrRIx.BIfdXsokWbblU77nZ4RCZZ7_CaYK5S9t-ydq5T',
    },
    near: {text: 'Node.js v20.19.0 and Mozilla.compatible.string', reason: 'dotted words, not a token'},
  },
  {
    id: 'secret.discord_webhook',
    description: 'Discord webhook URL: its token part',
    trigger: String.raw`discord(?:app)?\.com/api/webhooks/`,
    pattern: String.raw`discord(?:app)?\.com/api/webhooks/\d{17,20}/([\w-]{60,68})${END}`,
    group: 1,
    example: {
      text: 'POST https://discord.com/api/webhooks/496465577220184301/ymojF6vBpS0u8h4MHO6zRU2xstM10wOJFPWefEUo5LCQxfokHzbonUHljxbC-yzPMq7a',
      value: 'ymojF6vBpS0u8h4MHO6zRU2xstM10wOJFPWefEUo5LCQxfokHzbonUHljxbC-yzPMq7a',
    },
    near: {text: 'see https://discord.com/api/webhooks/{id}/{token} in the docs', reason: 'a URL template'},
  },
  {
    id: 'secret.telegram_bot_token',
    description: 'Telegram bot token: the bot id, a colon, then 35 characters starting with A',
    trigger: String.raw`\d:A[\w-]{8}`,
    pattern: String.raw`(?<![\w:])\d{5,16}:A[\w-]{34}${END}`,
    example: {text: 'TELEGRAM_TOKEN=9859778966:AAIyWqf6dCqHJ-ZcD7co_yxYOuDB1a3pQJF', value: '9859778966:AAIyWqf6dCqHJ-ZcD7co_yxYOuDB1a3pQJF'},
    near: {text: 'at 10:AM the meeting starts', reason: 'a time, not a token'},
  },
  {
    id: 'secret.slack_app_token',
    description: 'Slack app-level (xapp-), refresh (xoxe-) and configuration tokens',
    trigger: String.raw`xapp-\d-|xoxe\.xox[bp]-|xoxe-\d-`,
    pattern: String.raw`(?:xapp-\d-[A-Z0-9]{8,14}-\d{8,16}-[a-f0-9]{32,80}|xoxe\.(?<![\w.-]xoxe\.)xox[bp]-\d-[A-Za-z0-9-]{100,250}|xoxe-(?<![\w.-]xoxe-)\d-[A-Za-z0-9-]{100,250})${END}`,
    example: 'xapp-1-AVUXCJJDGDK-8149076401168-a373c04466610e18ec313ec5f415a777a809ecd572857c76df766d8eff19b472',
    near: {text: 'generate an xapp-1-... token in the Slack console', reason: 'a placeholder'},
  },
  {
    id: 'secret.slack_webhook',
    description: 'Slack incoming webhook URL: the part after /services/ (or /workflows/, /triggers/)',
    trigger: String.raw`hooks\.slack\.com/`,
    pattern: String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/(T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})${END}`,
    group: 1,
    example: {
      text: 'curl -X POST https://hooks.slack.com/services/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',
      value: 'T0HMZ8WOP/B660SF9WQRE/p44PwuDQjlaFgbWNg5Dq0Gn6',
    },
    near: {text: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', reason: "Slack's documentation placeholder"},
  },
  {
    id: 'secret.stripe_webhook_secret',
    description: 'Stripe webhook signing secret (whsec_)',
    trigger: String.raw`whsec_[A-Za-z0-9]{8}`,
    pattern: String.raw`whsec_(?<!\wwhsec_)[A-Za-z0-9+/]{32,64}${END}`,
    example: {text: 'STRIPE_WEBHOOK_SECRET=whsec_vwTVYWa0H5O2thvh72XOFEIxSsWoRtk6', value: 'whsec_vwTVYWa0H5O2thvh72XOFEIxSsWoRtk6'},
    near: {text: 'the secret starts with whsec_ and is shown once', reason: 'the prefix alone'},
  },
  {
    id: 'secret.npm_token',
    description: 'npm access token (npm_ and 36 characters)',
    trigger: String.raw`npm_[A-Za-z0-9]{8}`,
    pattern: String.raw`npm_(?<!\wnpm_)[A-Za-z0-9]{36}${END}`,
    example: {text: '//registry.npmjs.org/:_authToken=npm_NndNB8sxZ402tg3qv3AAdeChOGxR0GgYKYsB', value: 'npm_NndNB8sxZ402tg3qv3AAdeChOGxR0GgYKYsB'},
    near: {text: 'run npm_config_cache=/tmp npm ci', reason: 'an npm environment variable'},
  },
  {
    id: 'secret.pypi_token',
    description: 'PyPI API token (pypi- and a macaroon)',
    trigger: String.raw`pypi-AgEIcHlwaS5vcmc`,
    pattern: String.raw`pypi-AgEIcHlwaS5vcmc[\w-]{50,}${END}`,
    example: 'pypi-AgEIcHlwaS5vcmcOeQgriLQlmfURSl4Km7ikGhC6ERD4AUrDlxKs5HdlBlg1uIDV1Lkurpv4hCiHAGeNuAAEF',
    near: {text: 'password = pypi-AgEIcHlwaS5vcmc... (truncated)', reason: 'the prefix of a truncated token'},
  },
  {
    id: 'secret.sentry',
    description: 'Sentry auth token (sntrys_, sntryu_) or the key of a DSN',
    // A DSN on sentry.io or on a self-hosted server: https://KEY@host/PROJECT (KEY:SECRET in old DSNs).
    trigger: String.raw`sntry[su]_|://[a-f0-9]{32}[:@]`,
    pattern: String.raw`(?:sntrys_eyJ[\w=.+/-]{60,}|sntryu_[a-f0-9]{64}|(?<=https?://)[a-f0-9]{32}(?=(?::[a-f0-9]{32})?@[\w.-]{1,253}(?::\d{1,5})?/\d{1,12}(?![\w.-])))${END}`,
    example: {text: 'SENTRY_DSN=https://96bd7a31b241ce4104e736ad6f684267@o4504.ingest.sentry.io/4505', value: '96bd7a31b241ce4104e736ad6f684267'},
    near: {text: 'https://public@sentry.example.com/1', reason: 'not a Sentry key'},
    also: [{text: 'sentry:\n  dsn: https://f33feff9243a8f506b40928b5b7a767c@sentry.example.com/4', value: 'f33feff9243a8f506b40928b5b7a767c'}],
  },
  {
    id: 'secret.notion',
    description: 'Notion integration token (secret_ with 43 characters, or ntn_)',
    trigger: String.raw`secret_[A-Za-z0-9]{8}|ntn_\d{8}`,
    pattern: String.raw`(?:secret_(?<!\wsecret_)[A-Za-z0-9]{43}|ntn_(?<!\wntn_)\d{11}[A-Za-z0-9]{35})${END}`,
    example: {text: 'NOTION_TOKEN=secret_gZoukicE5VM6jMXwijUgzmwbkwQRGW4fOA5UB0nz4bH', value: 'secret_gZoukicE5VM6jMXwijUgzmwbkwQRGW4fOA5UB0nz4bH'},
    near: {text: 'the field secret_key_base is required', reason: 'a field name'},
  },
  {
    id: 'secret.vault',
    description: 'HashiCorp Vault service or batch token (hvs., hvb.)',
    trigger: String.raw`hv[sb]\.[\w-]{8}`,
    pattern: String.raw`hv[sb]\.(?<![\w.-]hv.\.)[\w-]{24,200}${END}`,
    example: {text: 'export VAULT_TOKEN=hvs.S_85bSvci4gyXLHcuSu4Dmdz', value: 'hvs.S_85bSvci4gyXLHcuSu4Dmdz'},
    near: {text: 'token type hvs. (service) or hvb. (batch)', reason: 'the prefix alone'},
  },
  {
    id: 'secret.onepassword',
    description: '1Password service account token (ops_ and a JWT-like payload)',
    trigger: String.raw`ops_eyJ`,
    pattern: String.raw`ops_(?<!\wops_)eyJ[A-Za-z0-9+/=_-]{100,}`,
    example:
      'ops_eyJdcSqGsVlaFoZkZGaSo9LJre/WH1FM8La5uD0EHnsYbM/Kzs3XfAuPyCsq2Zel14tvXfsBIswnrqgdV6xxxTyv0bPO5M/kvBp0X3ES8uWweQBUFcQQu00xGg/UdErpmW05/zstiakcnQj',
    near: {text: 'OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...', reason: 'a truncated placeholder'},
  },
  {
    id: 'secret.doppler',
    description: 'Doppler token (dp.pt., dp.st. with its environment, dp.sa., dp.ct., dp.scim., dp.audit.)',
    trigger: String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.`,
    pattern: String.raw`dp\.(?<![\w.]dp\.)(?:pt|st(?:\.[a-z0-9_-]{1,40})?|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}${END}`,
    example: {text: 'DOPPLER_TOKEN=dp.pt.pjZR1X3xxsVABLRRrUIuldPX4QmhUxX9AvVoEnYQNKv', value: 'dp.pt.pjZR1X3xxsVABLRRrUIuldPX4QmhUxX9AvVoEnYQNKv'},
    near: {text: 'see dp.pt.example in the docs', reason: 'too short'},
    also: [{text: 'DOPPLER_TOKEN=dp.st.dev.J59FHz5r1pY4OjE2jBMptUsGr7CmYuCu3ZR1zTOlU', value: 'dp.st.dev.J59FHz5r1pY4OjE2jBMptUsGr7CmYuCu3ZR1zTOlU'}],
  },
  {
    id: 'secret.databricks',
    description: 'Databricks personal access token (dapi and 32 hex digits)',
    trigger: String.raw`dapi[a-f0-9]{8}`,
    pattern: String.raw`dapi(?<!\wdapi)[a-f0-9]{32}(?:-\d)?${END}`,
    example: {text: 'DATABRICKS_TOKEN=dapi48f5f56a3d61226d37e510e4fd5c2b65', value: 'dapi48f5f56a3d61226d37e510e4fd5c2b65'},
    near: {text: 'the dapi prefix marks a token', reason: 'the prefix alone'},
  },
  {
    id: 'secret.flyio',
    description: 'Fly.io token (fo1_, or fm1/fm2 macaroons after FlyV1)',
    trigger: String.raw`fo1_[\w-]{8}|fm[12][ar]?_[A-Za-z0-9+/]{8}`,
    pattern: String.raw`(?:fo1_(?<![\w-]fo1_)[\w-]{43}|fm[12][ar]?_(?<!\wfm.{1,2}_)[A-Za-z0-9+/]{100,}={0,2})${END}`,
    example: {
      text: 'FLY_API_TOKEN="FlyV1 fm2_9sCLsp5xA0/awt8qHSS3cK/odUd0pprqGQH19v8WcUB7xEsLm97fIcRDwMPJy0HpC3Xc9yIude1LHR9VAInuVGA61hAbWC3BgZXJZu1p7Mquj8i7S+19GQfY"',
      value: 'fm2_9sCLsp5xA0/awt8qHSS3cK/odUd0pprqGQH19v8WcUB7xEsLm97fIcRDwMPJy0HpC3Xc9yIude1LHR9VAInuVGA61hAbWC3BgZXJZu1p7Mquj8i7S+19GQfY',
    },
    near: {text: 'the fo1_ prefix is a Fly.io token', reason: 'the prefix alone'},
  },
  {
    id: 'secret.sourcegraph',
    description: 'Sourcegraph access token (sgp_, sgp_local_)',
    trigger: String.raw`sgp_[a-f0-9]{8}|sgp_local_`,
    pattern: String.raw`sgp_(?<!\wsgp_)(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}${END}`,
    example: 'sgp_68b41d5f92bb4f84_f50ac9214b07e2d90bf9a50f7514a89ed0fb0507',
    near: {text: 'sgp_ tokens are shown once', reason: 'the prefix alone'},
    also: [{text: 'this key sgp_local_f33feff9243a8f506b40928b5b7a767c76fb008f fails', value: 'sgp_local_f33feff9243a8f506b40928b5b7a767c76fb008f'}],
  },
  {
    id: 'secret.twilio_api_key',
    description: 'Twilio API key SID (SK and 32 hex digits)',
    trigger: String.raw`SK[a-fA-F0-9]{8}`,
    pattern: String.raw`SK(?<![\w]SK)[a-fA-F0-9]{32}${END}`,
    example: {text: 'TWILIO_API_KEY=SKb9285127e3a4bd788421835170996047', value: 'SKb9285127e3a4bd788421835170996047'},
    near: {text: 'TASK1234567890abcdef1234567890abcdef', reason: 'SK inside a word'},
  },
  {
    id: 'secret.mailgun',
    description: 'Mailgun API key (key- and 32 hex digits)',
    trigger: String.raw`key-[a-f0-9]{8}`,
    pattern: String.raw`key-(?<![\w-]key-)[a-f0-9]{32}${END}`,
    example: {text: 'api:key-44cef34b36f9bfca4ed018d97849fed3', value: 'key-44cef34b36f9bfca4ed018d97849fed3'},
    near: {text: 'primary-key-column is id', reason: 'not hex after key-'},
  },
  {
    id: 'secret.shopify',
    description: 'Shopify access token, shared secret, custom app or partner token (shpat_, shpss_, shpca_, shppa_)',
    trigger: String.raw`shp(?:at|ss|ca|pa)_[a-fA-F0-9]{8}`,
    pattern: String.raw`shp(?:at|ss|ca|pa)_(?<!\wshp.._)[a-fA-F0-9]{32}${END}`,
    example: {text: 'X-Shopify-Access-Token: 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', value: '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'},
    near: {text: 'shpat_ tokens start like this', reason: 'the prefix alone'},
  },
  {
    id: 'secret.atlassian',
    description: 'Atlassian API token (ATATT3 and about 186 more characters)',
    trigger: String.raw`ATATT3[\w=-]{8}`,
    pattern: String.raw`ATATT3(?<!\wATATT3)[\w=-]{150,220}${END}`,
    example:
      'ATATT3xFfGF0ybGRa52R470BgV3FxVg_wx0gCB3TeiBuYeOshYgGHvegagV1uFpbPGVJz-R_OlLc-4pSQNak8Bo6oCLEd2sIwViN4F2-FF3KQBrpcVnKeqZ5tHy19AIbtn44qarifyWuktN03MjjoXnImAnxawVTFiLhOQF5HMHQmGi0gHHPQ3FxdvCJnZdX=CFD75B11',
    near: {text: 'tokens start with ATATT3xFfGF0', reason: 'the prefix alone'},
  },
  {
    id: 'secret.digitalocean',
    description: 'DigitalOcean personal access, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_)',
    trigger: String.raw`do[por]_v1_[a-f0-9]{8}`,
    pattern: String.raw`do[por]_v1_(?<!\wdo._v1_)[a-f0-9]{64}${END}`,
    example: 'dop_v1_d7d1d54f1d9c0fccd2bbd8fab79441a6c216c08468f8005924e6a076ace991a6',
    near: {text: 'dop_v1_ is the personal token prefix', reason: 'the prefix alone'},
  },
  {
    id: 'secret.grafana',
    description: 'Grafana service account token (glsa_) or Grafana Cloud token (glc_)',
    trigger: String.raw`gl(?:sa|c)_[A-Za-z0-9]{8}`,
    pattern: String.raw`(?:glsa_(?<!\wglsa_)[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_(?<!\wglc_)[A-Za-z0-9+/]{32,400}={0,2})(?![\w+/=-])`,
    example: 'glsa_1Jhv9tusuTqDh6Neon6rv9wDANhf8lnI_334ce901',
    near: {text: 'the glc_ prefix marks a Grafana Cloud token', reason: 'the prefix alone'},
  },
  {
    id: 'secret.postman',
    description: 'Postman API key (PMAK-)',
    trigger: String.raw`PMAK-[a-f0-9]{8}`,
    pattern: String.raw`PMAK-(?<!\wPMAK-)[a-f0-9]{24}-[a-f0-9]{34}${END}`,
    example: 'PMAK-20bce0cc8e7f53f2a382e878-ac49e56e538485060e17d17a6ccccc0f12',
    near: {text: 'keys look like PMAK-xxxx', reason: 'a placeholder'},
  },
  {
    id: 'secret.linear',
    description: 'Linear API key (lin_api_)',
    trigger: String.raw`lin_api_[A-Za-z0-9]{8}`,
    pattern: String.raw`lin_api_(?<!\wlin_api_)[A-Za-z0-9]{40}${END}`,
    example: 'lin_api_xDArJOFRpwCkJ7czG77pnbXKWH8FElt2yvHaV2rq',
    near: {text: 'lin_api_ keys are personal', reason: 'the prefix alone'},
  },
  {
    id: 'secret.heroku',
    description: 'Heroku API key in its HRKU- form',
    trigger: String.raw`HRKU-[\w-]{8}`,
    pattern: String.raw`HRKU-(?<![\w-]HRKU-)[\w-]{60}${END}`,
    example: 'HRKU-AAm8vX9t3hfPWnC7ljiEzbyRG9lXy_ATP3C9IH5FI9-Au1VQzP9tUIHb38gu',
    near: {text: 'HRKU-XXXX (your key)', reason: 'a placeholder'},
  },
  {
    id: 'secret.google_api_key',
    description: 'Google API key (AIza and 35 characters): Maps, Gemini, Firebase',
    trigger: String.raw`AIza[\w-]{8}`,
    pattern: String.raw`AIza(?<![\w-]AIza)[\w-]{35}${END}`,
    example: {text: 'generateContent?key=AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV', value: 'AIzaPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyV'},
    near: {text: 'keys look like AIza...', reason: 'the prefix alone'},
  },
  {
    id: 'secret.aws_session_token',
    description: 'AWS temporary session token (the STS formats that start IQoJb3JpZ2lu or FwoGZXIvYXdzE)',
    trigger: String.raw`IQoJb3JpZ2lu|FwoGZXIvYXdzE`,
    pattern: String.raw`(?:IQoJb3JpZ2lu(?<![\w+/]IQoJb3JpZ2lu)|FwoGZXIvYXdzE(?<![\w+/]FwoGZXIvYXdzE))[A-Za-z0-9+/]{80,4000}={0,2}(?![\w+/=])`,
    example: {
      text: 'AWS_SESSION_TOKEN: IQoJb3JpZ2luX2VjmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU',
      value: 'IQoJb3JpZ2luX2VjmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU',
    },
    near: {text: 'the token starts with IQoJb3JpZ2lu', reason: 'the prefix alone'},
  },
  {
    id: 'secret.twilio_credentials',
    description: 'Twilio auth token or API key secret passed right after its account SID (AC...) or API key (SK...)',
    trigger: String.raw`AC[a-f0-9]{32}|SK[a-fA-F0-9]{32}`,
    pattern: String.raw`(?:AC[a-f0-9]{32}|SK[a-fA-F0-9]{32})["']?\s{0,3},\s{0,3}["']([A-Za-z0-9]{32})(?![\w-])`,
    group: 1,
    example: {text: 'Client("ACf33feff9243a8f506b40928b5b7a767c", "76fb008f86bebb2737f6a6f0fb23c6f5")', value: '76fb008f86bebb2737f6a6f0fb23c6f5'},
    near: {text: 'Client("ACf33feff9243a8f506b40928b5b7a767c", token)', reason: 'a variable, not the token'},
  },
  {
    id: 'secret.azure_sas',
    description: 'Signature of an Azure shared access signature URL (sig=)',
    trigger: String.raw`[?&]sig=[A-Za-z0-9%+/]{16}`,
    pattern: String.raw`[?&]sig=([A-Za-z0-9%+/]{30,200}={0,2})(?![\w%+/=])`,
    group: 1,
    example: {
      text: 'https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&sp=rl&sig=Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJf%3D',
      value: 'Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJf%3D',
    },
    near: {text: 'append &sig=<signature> to the URL', reason: 'a placeholder'},
  },
  {
    id: 'secret.docker_auth',
    description: 'Registry credentials in a Docker config.json ("auth": base64 of user:password)',
    trigger: String.raw`"auth"\s{0,3}:\s{0,3}"`,
    pattern: String.raw`"auth"\s{0,3}:\s{0,3}"([A-Za-z0-9+/]{8,400}={0,2})"`,
    group: 1,
    validator: 'basicAuth',
    example: {text: '{"auths": {"registry.example.com": {"auth": "ZGVwbG95OlhnR0NKYlc1NmVDdU5HTUdtUw=="}}}', value: 'ZGVwbG95OlhnR0NKYlc1NmVDdU5HTUdtUw=='},
    near: {text: '{"auth": "dXNlcm5hbWU6cGFzc3dvcmQ="}', reason: 'username:password, the documentation example'},
  },
]

/** One prefilter for every provider: any of their triggers. */
export const PROVIDER_PREFILTER = providers.map((p) => p.trigger).join('|')

export const providerRules: Rule[] = providers.map((p) => ({
  id: p.id,
  type: 'SECRET',
  category: 'secret',
  severity: 'critical',
  description: p.description,
  prefilter: PROVIDER_PREFILTER,
  pattern: p.pattern,
  ...(p.group === undefined ? {} : {group: p.group}),
  validator: p.validator ?? 'token',
  confidence: p.confidence ?? 0.95,
  examples: {match: [p.example, ...(p.also ?? [])], noMatch: [p.near]},
}))
