/**
 * Runtime configuration: every environment variable the service reads is named here, once, and
 * shared by the CDK stack (which sets them) and the local stack (which sets them too). Values are
 * read once per process and a missing required variable fails loudly at first use.
 */
import { DEFAULT_ITEM_QUOTA } from '../domain/item-quota';

export const ENV = {
  /** DynamoDB table holding everything (see shared/store/table.ts for the key design). */
  tableName: 'TABLE_NAME',
  originalsBucket: 'ORIGINALS_BUCKET',
  issuedBucket: 'ISSUED_BUCKET',
  /** Local stack only: emulator endpoints. Unset in AWS. */
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  s3Endpoint: 'S3_ENDPOINT',
  region: 'AWS_REGION',
  /** Public origin of the web page; printed verify URLs are `${PUBLIC_BASE_URL}/verify/{code}`. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** `local` (PEM keys from LOCAL_PKI_DIR) or `kms` (asymmetric KMS keys). */
  signerMode: 'SIGNER_MODE',
  localPkiDir: 'LOCAL_PKI_DIR',
  /** KMS mode: JSON {"<identityId>": {"keyId": "...", "algorithm": "...", "chainParameter": "/ssm/name"}}. */
  kmsSigningKeys: 'KMS_SIGNING_KEYS',
  /** PEM bundle of trust anchors (inline) or a file path to one. */
  trustListPem: 'TRUST_LIST_PEM',
  trustListFile: 'TRUST_LIST_FILE',
  /** Local stack only: URL of the JWKS the local gateway trusts, and the issuer/audience it expects. */
  jwtIssuer: 'JWT_ISSUER',
  /** AWS: the Cognito JWKS, so public routes can still recognise a signed-in caller (optional auth). */
  jwtJwksUrl: 'JWT_JWKS_URL',
  jwtAudience: 'JWT_AUDIENCE',
  /** AWS, the functions that register machine clients: the Cognito user pool's id. */
  userPoolId: 'USER_POOL_ID',
  /** AWS: the Cognito domain's token endpoint (`https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token`); local: unset (the gateway's). */
  oauthTokenUrl: 'OAUTH_TOKEN_URL',
  /** Limits (bytes, pages, seconds). */
  maxOriginalBytes: 'MAX_ORIGINAL_BYTES',
  maxPagesPerRequest: 'MAX_PAGES_PER_REQUEST',
  maxBodyBytes: 'MAX_BODY_BYTES',
  maxVerifyUploadBytes: 'MAX_VERIFY_UPLOAD_BYTES',
  uploadUrlTtlSeconds: 'UPLOAD_URL_TTL_SECONDS',
  downloadUrlTtlSeconds: 'DOWNLOAD_URL_TTL_SECONDS',
  /** B-LTA renewal: renew copies whose newest time-stamp certificate expires within this many days (default 90). */
  ltvRenewWindowDays: 'LTV_RENEW_WINDOW_DAYS',
  /** JSON list of public holidays ('YYYY-MM-DD'), overriding the built-in calendar. */
  holidays: 'HOLIDAYS',
  /** `true` only in the local stack: enables POST /api/dev/login. Never set in AWS. */
  devLogin: 'DEV_LOGIN',
  /** Local stack only: where the local identity provider keeps its signing key. */
  localAuthDir: 'LOCAL_AUTH_DIR',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  /** `enforce` (local stack, tests): a response outside its route's contract is a 500; else (AWS) logged only. */
  contractCheck: 'CONTRACT_CHECK',
  /** `log` (local: the log and DATA_DIR/mailbox.log) or `sns` (AWS: publish to NOTIFY_TOPIC_ARN). */
  notifier: 'NOTIFIER',
  notifyTopicArn: 'NOTIFY_TOPIC_ARN',
  /**
   * AWS: name of the Secrets Manager secret CloudFront sends as the origin header (shared/http/origin-guard.ts);
   * only the name, the value is read at run time.
   */
  originSecretName: 'ORIGIN_SECRET_NAME',
  /** Local stack only: the origin header's value itself, which the local gateway sends as CloudFront does. */
  originVerify: 'ORIGIN_VERIFY',
  /** Local stack only: where the log notifier appends delivered notifications. */
  localMailboxFile: 'LOCAL_MAILBOX_FILE',
  /**
   * RFC 3161 endpoint of the time-stamp authority (PAdES B-T; docs/long-term-validation.md): required
   * by the functions that sign. AWS: the deploy config's `tsaUrl`; local stack: its own dev TSA.
   */
  tsaUrl: 'TSA_URL',
  /** Per-attempt timeout of a TSA request in ms (default shared/signing TSA_DEFAULTS). */
  tsaTimeoutMs: 'TSA_TIMEOUT_MS',
  /** When set, the TSA policy requested (reqPolicy) and required in every token. */
  tsaPolicyOid: 'TSA_POLICY_OID',
  /** Bound on fetching one CRL (ms) for the signing functions' revocation checks; default 3000. */
  revocationTimeoutMs: 'REVOCATION_TIMEOUT_MS',
  /**
   * Longest a fetched CRL is reused (seconds) even before its nextUpdate; default 300. The local
   * stack sets 0, so a revocation through the dev route is refused at the very next signing.
   */
  revocationCacheSeconds: 'REVOCATION_CACHE_SECONDS',
  /**
   * Local stack only (`true`): webhook subscriptions may name a loopback receiver over http
   * (shared/domain/webhook-url.ts), so tests can receive. Never set in infra/ (a unit test checks).
   */
  webhookLoopback: 'WEBHOOK_LOOPBACK',
  /**
   * Local stack only: a factor on the webhook retry schedule and its 24 h window (e.g. 0.01: 30 s
   * becomes 0.3 s), so a test sees retries; 1 when unset, as in AWS.
   */
  webhookTimeScale: 'WEBHOOK_TIME_SCALE',
  /** Local stack only: how often (ms) its timer runs the webhook delivery worker; default 1000 (AWS: every minute). */
  webhookDeliverIntervalMs: 'WEBHOOK_DELIVER_INTERVAL_MS',
  /** Per-item verification quota of one caller (docs/clients.md): items a minute (default 1000) and a Vietnam day (default 20000). */
  itemQuotaPerMinute: 'ITEM_QUOTA_PER_MINUTE',
  itemQuotaPerDay: 'ITEM_QUOTA_PER_DAY',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** A required variable; throws a clear error naming it when it is missing. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/** An optional variable, or the default. */
export function optionalEnv(name: EnvName, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

/** An optional integer variable (at least `min`, 1 unless told), or the default; a malformed value is an error. */
export function intEnv(name: EnvName, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Environment variable ${name} must be ${min === 1 ? 'a positive integer' : `an integer ≥ ${min}`}, got "${raw}"`);
  }
  return value;
}

/** The limits in force; defaults follow the issues (50 MB per file, 200 pages per request). */
export function limits() {
  return {
    maxOriginalBytes: intEnv(ENV.maxOriginalBytes, 50 * 1024 * 1024),
    maxPagesPerRequest: intEnv(ENV.maxPagesPerRequest, 200),
    /** API Gateway's own payload limit is 10 MB; the local gateway enforces the same. */
    maxBodyBytes: intEnv(ENV.maxBodyBytes, 10 * 1024 * 1024),
    maxVerifyUploadBytes: intEnv(ENV.maxVerifyUploadBytes, 50 * 1024 * 1024),
    uploadUrlTtlSeconds: intEnv(ENV.uploadUrlTtlSeconds, 15 * 60),
    downloadUrlTtlSeconds: intEnv(ENV.downloadUrlTtlSeconds, 10 * 60),
    ltvRenewWindowDays: intEnv(ENV.ltvRenewWindowDays, 90),
    itemQuota: { perMinute: intEnv(ENV.itemQuotaPerMinute, DEFAULT_ITEM_QUOTA.perMinute), perDay: intEnv(ENV.itemQuotaPerDay, DEFAULT_ITEM_QUOTA.perDay) },
  };
}
