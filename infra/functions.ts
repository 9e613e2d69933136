import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../shared/runtime/config';
import { requireTsaUrl, type DeployConfig } from './config';
import { type FunctionSpec, type GrantTargets, grantTouches } from './grants';
import { type Acknowledgment, arnRef, suppress } from './nag';
import { REPO_ROOT, handlerEntry } from './paths';

/** Node.js 24 (the newest Lambda Node runtime in this aws-cdk-lib; cdk-nag L1 wants the newest). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;
/** HTTP API integrations give up after 30 s: a longer Lambda timeout would only hide the 503. */
export const MAX_TIMEOUT_SECONDS = 29;
/** Lambda's own limit, for the workers (the daily B-LTA renewal). */
export const MAX_WORKER_TIMEOUT_SECONDS = 900;

/**
 * Bundles are ESM (`index.mjs`): asn1js ships ESM only. Some CommonJS dependencies still
 * call `require()` for Node built-ins, which an ESM module lacks; the banner gives them one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __bansaoCreateRequire } from 'node:module'; const require = __bansaoCreateRequire(import.meta.url);";

/**
 * Modules swapped at bundling time (esbuild `alias`): the SDK's default credential chain gives way
 * to the one a Lambda needs (shared/runtime/lambda-credentials.ts says why).
 */
export const LAMBDA_MODULE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': resolve(REPO_ROOT, 'shared', 'runtime', 'lambda-credentials.ts'),
};

/** Where the trust list lands inside every bundle (the Lambda task root is /var/task). */
export const BUNDLED_TRUST_LIST = '/var/task/trust-list.pem';

export interface ServiceFunctionsProps {
  specs: FunctionSpec[];
  targets: GrantTargets;
  dataKey: kms.IKey;
  /** `https://<site>`: verify and share URLs are built from it. */
  publicBaseUrl: string;
  /** Cognito, for optional sign-in on public routes (the verifier recorded in the verification log). */
  jwt?: { issuer: string; audience: string; userPoolId?: string; tokenUrl?: string };
  config: Pick<DeployConfig, 'logRetentionDays' | 'logLevel' | 'trustListFile' | 'holidays' | 'tsaUrl' | 'tsaPolicyOid'>;
  /**
   * The secret CloudFront sends as the origin header (infra/web.ts): every route function gets its
   * name (never its value) and may read it, to refuse requests that did not come through CloudFront
   * (shared/http/origin-guard.ts). Workers serve no HTTP and get neither.
   */
  originSecret?: { name: string; secret: secretsmanager.ISecret };
}

/**
 * One NodejsFunction per function folder, each with its own role, log group, environment and
 * grants, all derived from the route table's entry — never written per function.
 */
export class ServiceFunctions extends Construct {
  readonly functions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    for (const spec of props.specs) this.functions.set(spec.fn, this.build(spec, props));
  }

  private build(spec: FunctionSpec, props: ServiceFunctionsProps): NodejsFunction {
    const { config, targets } = props;
    const id = constructId(spec.fn);
    const entry = handlerEntry(spec.fn);
    if (!existsSync(entry)) {
      throw new Error(`shared/contracts/routes.ts names function "${spec.fn}" but ${relative(REPO_ROOT, entry)} does not exist`);
    }
    // A worker (no route) answers no HTTP caller: only Lambda's own limit (900 s) holds for it.
    const cap = spec.routes.length === 0 ? MAX_WORKER_TIMEOUT_SECONDS : MAX_TIMEOUT_SECONDS;
    const timeout = Math.min(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, cap);
    if ((spec.timeoutSeconds ?? 0) > cap) {
      // The function must stop before API Gateway gives up, or the caller sees a 503 while the
      // work (a numbered issuance) may still complete behind it, inviting a duplicate retry.
      Annotations.of(this).addWarningV2(
        `bansao:timeout-capped:${spec.fn}`,
        `functions/${spec.fn}: timeoutSeconds ${spec.timeoutSeconds} in shared/contracts/routes.ts must stay under the HTTP API integration limit (30 s); the Lambda timeout is capped at ${MAX_TIMEOUT_SECONDS} s.`,
      );
    }

    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role, no AWS managed policy: logs go to this function's group only.
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${describe(spec)} (functions/${spec.fn})`,
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(this, id, {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(timeout),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      description: `Bản sao điện tử: ${describe(spec)}`,
      environment: this.environment(props, spec),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Pinned SDK versions from package-lock.json, not whatever the runtime ships this month.
        bundleAwsSDK: true,
        tsconfig: `${REPO_ROOT}/tsconfig.json`,
        esbuildArgs: Object.fromEntries(Object.entries(LAMBDA_MODULE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => bundleExtras(config, inputDir, outputDir),
        },
      },
    });

    grantTouches(fn, spec.touches, targets);
    if (props.originSecret && spec.routes.length > 0) grantOriginSecret(role, props.originSecret);
    suppress(role, [
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: ['Resource::*'],
        reason:
          'X-Ray active tracing (segments from the Lambda service; no tracer library is bundled): xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so CDK grants them on "*". No other statement of this role uses "*".',
      },
      ...iam5ForTouches(spec, targets, role),
    ]);
    return fn;
  }

  /**
   * The service's configuration, named from shared/runtime/config.ts. Every function gets the same set:
   * the composition root (shared/runtime/services.ts) reads the table, both bucket names and the signer
   * configuration whenever it is built, whatever the function then does. Names are not access:
   * what a function may do is decided by the IAM grants derived from its route's `touches`.
   */
  private environment(props: ServiceFunctionsProps, spec: FunctionSpec): Record<string, string> {
    const { targets, config } = props;
    return {
      [ENV.tableName]: targets.table.tableName,
      [ENV.originalsBucket]: targets.originals.bucketName,
      [ENV.issuedBucket]: targets.issued.bucketName,
      [ENV.publicBaseUrl]: props.publicBaseUrl,
      [ENV.signerMode]: 'kms',
      [ENV.kmsSigningKeys]: targets.signing.envValue(),
      [ENV.logLevel]: config.logLevel,
      ...(props.jwt
        ? { [ENV.jwtIssuer]: props.jwt.issuer, [ENV.jwtAudience]: props.jwt.audience, [ENV.jwtJwksUrl]: `${props.jwt.issuer}/.well-known/jwks.json` }
        : {}),
      // Only the functions that register machine clients need the pool and its token endpoint.
      ...(spec.touches.clients && props.jwt?.userPoolId ? { [ENV.userPoolId]: props.jwt.userPoolId, [ENV.oauthTokenUrl]: props.jwt.tokenUrl ?? '' } : {}),
      ...(config.trustListFile ? { [ENV.trustListFile]: BUNDLED_TRUST_LIST } : {}),
      ...(config.holidays ? { [ENV.holidays]: JSON.stringify(config.holidays) } : {}),
      ...(spec.touches.signing ? { [ENV.tsaUrl]: requireTsaUrl(config), ...(config.tsaPolicyOid ? { [ENV.tsaPolicyOid]: config.tsaPolicyOid } : {}) } : {}),
      ...(props.originSecret && spec.routes.length > 0 ? { [ENV.originSecretName]: props.originSecret.name } : {}),
      // No NODE_OPTIONS=--enable-source-maps: it parses the map at every cold start; the logger maps
      // the stacks of logged errors instead (shared/http/source-mapped-stack.ts).
    };
  }
}

/**
 * The origin guard reads the secret through SSM's reference path (shared/http/origin-guard.ts):
 * SSM checks ssm:GetParameter on that path and then the caller's own right to the secret.
 */
function grantOriginSecret(role: iam.IRole, origin: { name: string; secret: secretsmanager.ISecret }): void {
  origin.secret.grantRead(role);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [Stack.of(role).formatArn({ service: 'ssm', resource: 'parameter', resourceName: `aws/reference/secretsmanager/${origin.name}` })],
    }),
  );
}

/** The font file shared/pdf/fonts.ts looks for; a bundle that names it composes PDFs. */
const FONT_MARKER = 'NotoSerif-Regular.ttf';

/**
 * Files copied next to index.mjs: the trust list (every function), and `assets/fonts/` (with its
 * OFL licence) into the bundles whose code loads the fonts — found by looking for the font's file
 * name in the bundle, so a new PDF-composing route needs no infra change. shared/pdf/fonts.ts
 * finds them under $LAMBDA_TASK_ROOT/assets/fonts.
 */
function bundleExtras(config: ServiceFunctionsProps['config'], inputDir: string, outputDir: string): string[] {
  const commands: string[] = [];
  if (config.trustListFile) commands.push(`cp "${config.trustListFile}" "${outputDir}/trust-list.pem"`);
  commands.push(
    `if grep -q "${FONT_MARKER}" "${outputDir}/index.mjs"; then mkdir -p "${outputDir}/assets" && cp -R "${inputDir}/assets/fonts" "${outputDir}/assets/fonts"; fi`,
  );
  return commands;
}

/**
 * The IAM5 findings that the CDK grants of a route's `touches` produce — exactly those, for this
 * stack's table, buckets and data key, as the grantee's (nested) stack sees them — each accepted
 * for a reason of this service.
 */
function iam5ForTouches(spec: FunctionSpec, targets: GrantTargets, grantee: Construct): Acknowledgment[] {
  const { touches } = spec;
  const out: Acknowledgment[] = [];
  if (touches.table) {
    out.push({
      id: 'AwsSolutions-IAM5',
      appliesTo: [`Resource::${arnRef(targets.table, grantee)}/index/*`],
      reason:
        'The agency queue (GSI2) and the citizen\u2019s lists (GSI1) are queries on this table\u2019s indexes; index/* covers exactly the GSIs of shared/store/table.ts.',
    });
  }
  const buckets = [
    { bucket: targets.originals, access: touches.originals },
    { bucket: targets.issued, access: touches.issued },
  ].filter((b) => b.access);
  if (buckets.length > 0) {
    const reads = buckets.some((b) => b.access !== 'write');
    const writes = buckets.some((b) => b.access !== 'read');
    out.push({
      id: 'AwsSolutions-IAM5',
      appliesTo: [
        ...buckets.map((b) => `Resource::${arnRef(b.bucket, grantee)}/*`),
        ...(reads ? ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*'] : []),
        ...(writes ? ['Action::s3:Abort*'] : []),
      ],
      reason:
        'Objects are keyed by generated ids under the prefixes of shared/store/table.ts (originals/, verify-uploads/, documents/), so the object ARN needs a key wildcard; the s3: action groups are CDK\u2019s read/put grants on this one bucket (no delete action).',
    });
  }
  const encrypts = touches.table === 'write' || touches.table === 'readwrite' || buckets.some((b) => b.access !== 'read');
  if (encrypts) {
    out.push({
      id: 'AwsSolutions-IAM5',
      appliesTo: ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      reason:
        'KMS action groups that CDK\u2019s table/bucket grants add on the stack\u2019s data key only (the resource is that key\u2019s ARN): SSE-KMS writes need data keys, and DynamoDB/S3 re-encrypt under key rotation.',
    });
  }
  return out;
}

/** What a function serves: its routes, or `worker <fn>` for a stream-triggered one. */
const describe = (spec: FunctionSpec): string => (spec.routes.length ? spec.routes.map((r) => `${r.method} ${r.path}`).join(', ') : `worker ${spec.fn}`);

/** `requests-list` → `RequestsList`. */
export const constructId = (fn: string): string =>
  fn
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
