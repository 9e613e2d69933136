import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { REPO_ROOT } from './paths';

/**
 * Deployment settings, read once from CDK context (`cdk.json`, `cdk.context.json` or
 * `npx cdk deploy -c key=value`) and validated here so a bad value fails the synth with a clear
 * message instead of a half-configured stack. Every key is optional; the defaults give a working
 * (if example-keyed) deployment. README.md ("Deploying to AWS") documents each key.
 */

/** KMS key specs the service's signer can use with SHA-256 (docs/signatures.md, "Algorithms"). */
export const SIGNING_KEY_SPECS = {
  RSA_2048: 'RSASSA_PKCS1_V1_5_SHA_256',
  RSA_3072: 'RSASSA_PKCS1_V1_5_SHA_256',
  RSA_4096: 'RSASSA_PKCS1_V1_5_SHA_256',
  ECC_NIST_P256: 'ECDSA_SHA_256',
} as const;
export type SigningKeySpec = keyof typeof SIGNING_KEY_SPECS;

export interface SigningIdentity {
  /**
   * The key of KMS_SIGNING_KEYS, as shared/runtime/signer-provider.ts looks it up: `agency:<agencyId>`
   * for an agency's seal, the official's `signingIdentity` (directory profile) for a person.
   */
  id: string;
  keySpec: SigningKeySpec;
}

/** `agency:ubnd-x` → `agency-ubnd-x`: the form allowed in KMS alias, SSM and construct names. */
export const identitySlug = (id: string): string => id.replace(':', '-');

export interface DeployConfig {
  /** Only when given (context or CDK_DEFAULT_*): otherwise the stack is environment-agnostic. */
  env?: { account: string; region: string };
  stackName: string;
  /** Custom domain for CloudFront (needs `certificateArn`, an ACM certificate in us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /**
   * Custom domain of the HTTP API (needs `apiCertificateArn`, an ACM certificate in the service's
   * region): given, CloudFront reaches the API there and the execute-api endpoint is disabled.
   */
  apiDomainName?: string;
  apiCertificateArn?: string;
  /**
   * WAFv2 web ACL (scope CLOUDFRONT, us-east-1) managed elsewhere: given, the app builds no WAF
   * stack and attaches this one (infra/build-app.ts).
   */
  webAclArn?: string;
  /** Object Lock (COMPLIANCE) default retention of issued copies, in years. */
  issuedRetentionYears: number;
  /** Move issued copies to S3 Glacier Instant Retrieval after this many days (0 = never). */
  issuedTransitionDays: number;
  /** Expire uploaded scans of originals after this many days. */
  originalsExpireDays: number;
  /** CloudWatch Logs retention for function and API access logs, in days (a CloudWatch value). */
  logRetentionDays: number;
  /** Expire S3 server access logs and CloudFront logs after this many days. */
  accessLogExpireDays: number;
  signingIdentities: SigningIdentity[];
  /** SSM parameter path prefix for the certificate chains (`{prefix}/signing/{id}/chain`). */
  ssmPrefix: string;
  /** Absolute path of a PEM bundle of trust anchors copied into every function bundle. */
  trustListFile?: string;
  alarmEmail?: string;
  apiThrottle: { rateLimit: number; burstLimit: number };
  cognitoFeaturePlan: 'plus' | 'essentials';
  /**
   * Prefix of the Cognito hosted-UI domain (`https://<prefix>.auth.<region>.amazoncognito.com`);
   * unique per region. Default (undefined): `<stackName>-<account id>`, resolved at deploy time.
   */
  cognitoDomainPrefix?: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** JSON list of public holidays for the HOLIDAYS variable (else the built-in calendar). */
  holidays?: string[];
}

/**
 * An example agency seal and an example official; real deployments list their own. Every
 * deployment also needs the service's own seal (`agency:service-seal`, shared/domain/receipt.ts),
 * which signs verification receipts.
 */
export const DEFAULT_SIGNING_IDENTITIES: SigningIdentity[] = [
  { id: 'agency:example-agency', keySpec: 'RSA_3072' },
  { id: 'example-official', keySpec: 'ECC_NIST_P256' },
  { id: 'agency:service-seal', keySpec: 'RSA_3072' },
];

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

type Lookup = (key: string) => unknown;

/** Builds the validated configuration from a context lookup (`node.tryGetContext`) and the process env. */
export function readDeployConfig(lookup: Lookup, env: NodeJS.ProcessEnv = process.env): DeployConfig {
  // Strings stay strings (an account id like 012345678901 must keep its zero); numbers, lists and
  // objects may arrive as JSON text from `-c key=value`.
  const get = (key: string): unknown => parseCliValue(lookup(key));
  const str = (key: string): string | undefined => {
    const v = lookup(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw configError(key, 'must be a string');
    return v;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw configError(key, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    }
    return v;
  };

  const account = str('account') ?? env.CDK_DEFAULT_ACCOUNT;
  const region = str('region') ?? env.CDK_DEFAULT_REGION;

  const domainName = str('domainName');
  const certificateArn = str('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw configError('domainName', 'and certificateArn must be given together (ACM certificate in us-east-1)');
  }

  const apiDomainName = str('apiDomainName');
  const apiCertificateArn = str('apiCertificateArn');
  if (Boolean(apiDomainName) !== Boolean(apiCertificateArn)) {
    throw configError('apiDomainName', "and apiCertificateArn must be given together (ACM certificate in the service's region)");
  }

  const logRetentionDays = int('logRetentionDays', 365, 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw configError('logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }

  const trustListFile = str('trustListFile');
  const logLevel = (str('logLevel') ?? 'INFO').toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) throw configError('logLevel', 'must be DEBUG, INFO, WARN or ERROR');
  const plan = str('cognitoFeaturePlan') ?? 'plus';
  if (plan !== 'plus' && plan !== 'essentials') throw configError('cognitoFeaturePlan', 'must be "plus" or "essentials"');
  const cognitoDomainPrefix = str('cognitoDomainPrefix');
  if (cognitoDomainPrefix !== undefined && !validDomainPrefix(cognitoDomainPrefix)) {
    throw configError('cognitoDomainPrefix', 'must be 1–63 lowercase letters, digits or "-" (not at either end), without "aws", "amazon" or "cognito"');
  }

  return {
    env: account && region ? { account, region } : undefined,
    stackName: str('stackName') ?? 'BanSao',
    domainName,
    certificateArn,
    apiDomainName,
    apiCertificateArn,
    webAclArn: str('webAclArn'),
    issuedRetentionYears: int('issuedRetentionYears', 10, 1, 100),
    issuedTransitionDays: int('issuedTransitionDays', 90, 0, 36_500),
    originalsExpireDays: int('originalsExpireDays', 365, 1, 36_500),
    logRetentionDays,
    accessLogExpireDays: int('accessLogExpireDays', 365, 1, 36_500),
    signingIdentities: signingIdentities(get('signingIdentities')),
    ssmPrefix: ssmPrefix(str('ssmPrefix') ?? '/bansao'),
    trustListFile: trustListFile ? checkedTrustList(trustListFile) : undefined,
    alarmEmail: str('alarmEmail'),
    apiThrottle: apiThrottle(get('apiThrottle')),
    cognitoFeaturePlan: plan,
    cognitoDomainPrefix,
    logLevel: logLevel as DeployConfig['logLevel'],
    holidays: holidays(get('holidays')),
  };
}

/** Cognito's rule for a hosted-UI domain prefix (reserved words included). */
export function validDomainPrefix(prefix: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) && !/aws|amazon|cognito/.test(prefix);
}

/** `-c key=value` arrives as a string: accept JSON there too (`-c apiThrottle='{"rateLimit":20,…}'`). */
function parseCliValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (/^[[{]/.test(t) || /^-?\d+$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

function signingIdentities(value: unknown): SigningIdentity[] {
  if (value === undefined || value === null) return DEFAULT_SIGNING_IDENTITIES;
  if (!Array.isArray(value) || value.length === 0) throw configError('signingIdentities', 'must be a non-empty list of {id, keySpec}');
  const seen = new Set<string>();
  return value.map((item, i) => {
    const { id, keySpec } = (item ?? {}) as { id?: unknown; keySpec?: unknown };
    if (typeof id !== 'string' || !/^(agency:)?[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/.test(id)) {
      throw configError(`signingIdentities[${i}].id`, 'must be "agency:<agencyId>" or an official\'s identity: letters, digits, "-", "_" (max 80)');
    }
    if (seen.has(identitySlug(id))) throw configError(`signingIdentities[${i}].id`, `"${id}" is repeated`);
    seen.add(identitySlug(id));
    if (typeof keySpec !== 'string' || !(keySpec in SIGNING_KEY_SPECS)) {
      throw configError(`signingIdentities[${i}].keySpec`, `must be one of ${Object.keys(SIGNING_KEY_SPECS).join(', ')}`);
    }
    return { id, keySpec: keySpec as SigningKeySpec };
  });
}

function apiThrottle(value: unknown): DeployConfig['apiThrottle'] {
  const fallback = { rateLimit: 50, burstLimit: 100 };
  if (value === undefined || value === null) return fallback;
  const { rateLimit, burstLimit } = value as { rateLimit?: unknown; burstLimit?: unknown };
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  if (!ok(rateLimit) || !ok(burstLimit)) throw configError('apiThrottle', 'must be {"rateLimit": n, "burstLimit": n} with positive numbers');
  return { rateLimit: rateLimit as number, burstLimit: burstLimit as number };
}

function holidays(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))) {
    throw configError('holidays', 'must be a list of "YYYY-MM-DD" dates');
  }
  return value as string[];
}

function ssmPrefix(value: string): string {
  if (!/^\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_.-]$/.test(value)) throw configError('ssmPrefix', 'must look like "/bansao"');
  return value;
}

/** The trust list is read at synth: it must exist and hold at least one PEM certificate. */
function checkedTrustList(file: string): string {
  const path = isAbsolute(file) ? file : resolve(REPO_ROOT, file);
  if (!existsSync(path)) throw configError('trustListFile', `${path} does not exist`);
  if (!readFileSync(path, 'utf8').includes('-----BEGIN CERTIFICATE-----')) {
    throw configError('trustListFile', `${path} holds no PEM certificate`);
  }
  return path;
}

function configError(key: string, message: string): Error {
  return new Error(`CDK context "${key}" ${message} (see README.md ("Deploying to AWS"))`);
}
