import { Match } from 'aws-cdk-lib/assertions';
import { admitsClients } from '../../../shared/http/client-auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/domain/roles';
import { ENV } from '../../../shared/runtime/config';
import { deployedRoutes, routeKey } from '../../../shared/contracts/routes';
import { WORKERS } from '../../../shared/contracts/routes';
import { createTableInput } from '../../../shared/store/table';
import { MAX_TIMEOUT_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../../../infra/functions';
import { functionSpecs } from '../../../infra/grants';
import { cognitoDomainPrefix, cognitoDomainUrl } from '../../../infra/auth';
import {
  FRAME_OPTIONS,
  HSTS_MAX_AGE_SECONDS,
  PERMISSIONS_POLICY,
  REFERRER_POLICY,
  awsConnectSources,
  contentSecurityPolicy,
  securityHeaders,
} from '../../../infra/security-headers';
import { ORIGIN_HEADER } from '../../../shared/http/origin-guard';
import { SYNTH_TIMEOUT_MS, logicalId, roleStatements, synthWithoutBundling, type CfnResourceJson } from './synth';

let built: ReturnType<typeof synthWithoutBundling>;
const ofType = (type: string): [string, CfnResourceJson][] => Object.entries(built.resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  built = synthWithoutBundling();
}, SYNTH_TIMEOUT_MS);

describe('Stack: routes and functions come from the route table', () => {
  it('creates one API route per deployed route, and never the dev login', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(keys).toHaveLength(deployedRoutes().length);
    expect(new Set(keys)).toEqual(new Set(deployedRoutes().map(routeKey)));
    expect(keys.some((k) => k.includes('/api/dev/'))).toBe(false);
  });

  it('puts the Cognito JWT authorizer on every private route and none on public ones or on those that admit machine clients', () => {
    const [authorizerId, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [logicalId(built.stack.auth.userPool), 'ProviderURL'] } },
    });
    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]));
    for (const route of deployedRoutes()) {
      const props = byKey.get(routeKey(route))!;
      // Routes that admit machine clients verify tokens in the handler (client tokens carry no audience).
      if (route.access === 'public' || admitsClients(route.access)) {
        expect(props.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(props.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('builds one function per function folder, on Node.js 22+ and arm64, traced, sized from the route', () => {
    const specs = functionSpecs(deployedRoutes());
    // One per route folder, plus the table-stream workers (infra/workers.ts).
    expect(ofType('AWS::Lambda::Function')).toHaveLength(specs.length + WORKERS.length);
    for (const spec of specs) {
      const fn = built.stack.functions.functions.get(spec.fn)!;
      const props = built.resources[logicalId(fn)].Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1]), spec.fn).toBeGreaterThanOrEqual(22);
      expect(props.Architectures, spec.fn).toEqual(['arm64']);
      expect(props.TracingConfig, spec.fn).toEqual({ Mode: 'Active' });
      expect(props.Handler, spec.fn).toBe('index.handler');
      expect(props.MemorySize, spec.fn).toBe(spec.memoryMb ?? DEFAULT_MEMORY_MB);
      expect(props.Timeout, spec.fn).toBe(Math.min(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS));
    }
  });

  it('configures every function from shared/runtime/config.ts names, for AWS (KMS signer, no local-only variables)', () => {
    const known = new Set<string>(Object.values(ENV));
    const ref = (c: Parameters<typeof logicalId>[0]) => ({ Ref: logicalId(c) });
    for (const spec of functionSpecs(deployedRoutes())) {
      const vars = built.resources[logicalId(built.stack.functions.functions.get(spec.fn)!)].Properties.Environment.Variables;
      for (const name of Object.keys(vars)) expect(known.has(name), `${spec.fn}: ${name}`).toBe(true);
      expect(vars, spec.fn).toMatchObject({
        [ENV.tableName]: ref(built.stack.storage.table),
        [ENV.originalsBucket]: ref(built.stack.storage.originals),
        [ENV.issuedBucket]: ref(built.stack.storage.issued),
        [ENV.publicBaseUrl]: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(built.stack.web.distribution), 'DomainName'] }]] },
        [ENV.signerMode]: 'kms',
        [ENV.kmsSigningKeys]: expect.anything(),
        // Optional sign-in on public routes: the Cognito issuer, the web client and its JWKS.
        [ENV.jwtIssuer]: { 'Fn::GetAtt': [logicalId(built.stack.auth.userPool), 'ProviderURL'] },
        [ENV.jwtAudience]: { Ref: logicalId(built.stack.auth.webClient) },
        [ENV.jwtJwksUrl]: expect.anything(),
      });
      for (const localOnly of [ENV.devLogin, ENV.dynamoEndpoint, ENV.s3Endpoint, ENV.localPkiDir, ENV.localAuthDir, ENV.localMailboxFile, ENV.region]) {
        expect(vars[localOnly], `${spec.fn}: ${localOnly}`).toBeUndefined();
      }
    }
  });

  it('keeps function and API logs a year, encrypted with the data key', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBe(functionSpecs(deployedRoutes()).length + WORKERS.length + 1);
    for (const [id, g] of groups) {
      expect(g.Properties.RetentionInDays, id).toBe(365);
      expect(g.Properties.KmsKeyId, id).toEqual({ 'Fn::GetAtt': [logicalId(built.stack.dataKey.key), 'Arn'] });
    }
  });

  it('throttles the API stage and writes an access log', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('throttles each route the table gives a `throttle`, for all callers, once its route exists', () => {
    const throttled = deployedRoutes().filter((r) => r.throttle);
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0];
    // What the stage must wait for, per route key: the route itself when it is in the parent, else
    // the nested stack resource that creates it (CloudFormation finishes a nested stack, its routes
    // included, before a resource that depends on it).
    const routeIds = new Map(
      built.templates.flatMap(({ stack, template }) =>
        Object.entries(template.toJSON().Resources as Record<string, CfnResourceJson>)
          .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')
          .map(([id, r]) => [r.Properties.RouteKey as string, stack.nestedStackResource ? logicalId(stack.nestedStackResource) : id] as const),
      ),
    );

    expect(throttled.length).toBeGreaterThan(0);
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(throttled.map((r) => [routeKey(r), { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: r.throttle!.burstLimit }])),
    );
    expect(throttled.every((r) => routeIds.has(routeKey(r)))).toBe(true);
    expect((stage as CfnResourceJson & { DependsOn?: string[] }).DependsOn).toEqual(expect.arrayContaining(throttled.map((r) => routeIds.get(routeKey(r)))));
  });

  it('keeps every route throttle under the stage default', () => {
    const stageDefault = ofType('AWS::ApiGatewayV2::Stage')[0][1].Properties.DefaultRouteSettings;
    for (const route of deployedRoutes().filter((r) => r.throttle)) {
      expect(route.throttle!.rateLimit, routeKey(route)).toBeLessThanOrEqual(stageDefault.ThrottlingRateLimit);
      expect(route.throttle!.burstLimit, routeKey(route)).toBeLessThanOrEqual(stageDefault.ThrottlingBurstLimit);
    }
  });
});

describe('Stack: storage', () => {
  const bucketProps = (construct: Parameters<typeof logicalId>[0]) => built.resources[logicalId(construct)].Properties;

  it('blocks public access and denies non-TLS requests on every bucket', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.length).toBe(4);
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.DeletionPolicy, id).toBe('Retain');
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }));
      expect(policy, `${id} has a bucket policy`).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
  });

  it('encrypts originals and issued with the data key, versions them and logs access', () => {
    for (const bucket of [built.stack.storage.originals, built.stack.storage.issued]) {
      const props = bucketProps(bucket);
      expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(built.stack.dataKey.key), 'Arn'] } },
      });
      expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(built.stack.storage.logs) });
    }
  });

  it('locks issued copies in COMPLIANCE mode for 10 years by default', () => {
    const props = bucketProps(built.stack.storage.issued);
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 10 } },
    });
  });

  it('expires originals and their copies taken at submit, and verification uploads after one day', () => {
    const rules = bucketProps(built.stack.storage.originals).LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'originals/', ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
        expect.objectContaining({ Prefix: 'submitted/', ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
        expect.objectContaining({ Prefix: 'verify-uploads/', ExpirationInDays: 1 }),
      ]),
    );
  });

  it('lets the browser PUT to and GET from the originals bucket (uploads, the scan viewer) from the site origin only', () => {
    expect(bucketProps(built.stack.storage.originals).CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ['GET', 'PUT'],
        ExposedHeaders: ['ETag'],
        AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(built.stack.web.distribution), 'DomainName'] }]] }],
      }),
    ]);
  });

  it('defines the table like the local stack, with PITR, deletion protection, Retain, TTL and the data key', () => {
    const table = built.resources[logicalId(built.stack.storage.table)];
    const local = createTableInput('x');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: local.KeySchema,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(built.stack.dataKey.key), 'Arn'] } },
    });
    expect(new Set(table.Properties.AttributeDefinitions)).toEqual(new Set(local.AttributeDefinitions));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
  });
});

describe('Stack: keys', () => {
  it('has a rotated symmetric data key', () => {
    expect(built.resources[logicalId(built.stack.dataKey.key)].Properties).toMatchObject({ EnableKeyRotation: true });
  });

  it('has one asymmetric SIGN_VERIFY key and one chain parameter per signing identity', () => {
    const signing = ofType('AWS::KMS::Key').filter(([, k]) => k.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(signing.map(([, k]) => k.Properties.KeySpec).sort()).toEqual(['ECC_NIST_P256', 'RSA_3072', 'RSA_3072']);
    for (const [id] of signing) expect(built.resources[id].DeletionPolicy, id).toBe('Retain');
    const params = ofType('AWS::SSM::Parameter').map(([, p]) => p.Properties);
    expect(params.map((p) => p.Name).sort()).toEqual(['/bansao/signing/agency-example-agency/chain', '/bansao/signing/agency-service-seal/chain', '/bansao/signing/example-official/chain']);
    for (const p of params) expect(p).toMatchObject({ Type: 'String', Tier: 'Advanced' });
  });
});

describe('Stack: web delivery', () => {
  it('routes /api/* to the HTTP API uncached, forwarding all viewer headers but Host', () => {
    built.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
            ViewerProtocolPolicy: 'https-only',
          }),
        ],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    built.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('sends exactly the security headers of infra/security-headers.ts, the ones the local gateway sends', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const config = policies[0][1].Properties.ResponseHeadersPolicyConfig;
    const csp = contentSecurityPolicy({ connect: awsConnectSources(built.stack.region, built.stack.urlSuffix, cognitoDomainUrl(cognitoDomainPrefix(built.stack, undefined), built.stack.region)), upgradeInsecureRequests: true });
    expect(config.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, IncludeSubdomains: true, Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: built.stack.resolve(csp), Override: true },
      FrameOptions: { FrameOption: FRAME_OPTIONS, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: REFERRER_POLICY, Override: true },
    });
    expect(config.CustomHeadersConfig.Items).toEqual([{ Header: 'Permissions-Policy', Value: PERMISSIONS_POLICY, Override: true }]);
    // What the local gateway sends carries the same names and fixed values.
    const local = securityHeaders(csp);
    expect(local).toMatchObject({
      'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
      'x-frame-options': FRAME_OPTIONS,
      'x-content-type-options': 'nosniff',
      'referrer-policy': REFERRER_POLICY,
      'permissions-policy': PERMISSIONS_POLICY,
    });
    expect(HSTS_MAX_AGE_SECONDS).toBe(63_072_000);
  });
});

describe('Stack: the API answers only requests that came through CloudFront', () => {
  const routeFns = () => functionSpecs(deployedRoutes()).map((spec) => built.stack.functions.functions.get(spec.fn)!);

  it('has CloudFront send the origin header on /api/*, its value a dynamic reference to a generated secret, never plaintext', () => {
    const secretId = logicalId(built.stack.web.originSecret);
    const secret = built.resources[secretId];
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    const origins = built.resources[logicalId(built.stack.web.distribution)].Properties.DistributionConfig.Origins as any[];
    const api = origins.filter((o) => o.CustomOriginConfig);
    expect(api).toHaveLength(1);
    expect(api[0].OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] } },
    ]);
  });

  it('gives every route function the secret\'s name and the right to read it, workers neither, and no function its value', () => {
    const name = built.stack.web.originSecretName;
    for (const fn of routeFns()) {
      const props = built.resources[logicalId(fn)].Properties;
      expect(props.Environment.Variables[ENV.originSecretName], fn.node.id).toBe(name);
      expect(props.Environment.Variables[ENV.originVerify], fn.node.id).toBeUndefined();
      const statements = roleStatements(built.resources, logicalId(fn.role!));
      expect(statements, fn.node.id).toContainEqual(
        expect.objectContaining({ Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: { Ref: logicalId(built.stack.web.originSecret) } }),
      );
      expect(JSON.stringify(statements.filter((st) => st.Action === 'ssm:GetParameter'))).toContain(`:parameter/aws/reference/secretsmanager/${name}"`);
    }
    for (const worker of WORKERS) {
      const fn = built.stack.functions.functions.get(worker.fn)!;
      expect(built.resources[logicalId(fn)].Properties.Environment.Variables[ENV.originSecretName], worker.fn).toBeUndefined();
    }
    const functions = JSON.stringify(ofType('AWS::Lambda::Function'));
    expect(functions).not.toContain('resolve:secretsmanager');
  });
});

describe('Stack: with an API custom domain', () => {
  it('closes the execute-api endpoint only when the deployer gives the API a domain, and sends CloudFront there', () => {
    const api = (resources: Record<string, CfnResourceJson>) => Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!.Properties;
    expect(api(built.resources).DisableExecuteApiEndpoint).toBeFalsy();

    const custom = synthWithoutBundling({
      context: { apiDomainName: 'api.bansao.example.gov.vn', apiCertificateArn: 'arn:aws:acm:ap-southeast-1:111111111111:certificate/abc' },
    });
    expect(api(custom.resources).DisableExecuteApiEndpoint).toBe(true);
    const domains = Object.values(custom.resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::DomainName');
    expect(domains.map((d) => d.Properties.DomainName)).toEqual(['api.bansao.example.gov.vn']);
    expect(Object.values(custom.resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
    const origins = Object.values(custom.resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig.Origins as any[];
    expect(origins.filter((o) => o.CustomOriginConfig).map((o) => o.DomainName)).toEqual([expect.objectContaining({})]);
    expect(JSON.stringify(origins.filter((o) => o.CustomOriginConfig)[0].DomainName)).not.toContain('execute-api');
  }, SYNTH_TIMEOUT_MS);
});

describe('Stack: identity', () => {
  it('has a user pool with the four role groups and the custom attributes the handlers read', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(new Set(groups)).toEqual(new Set(ROLES));
    expect(new Set(groups)).toEqual(new Set(['citizen', 'official', 'verifier', 'admin']));
    built.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'name', Required: true }),
        Match.objectLike({ Name: 'agencyId', AttributeDataType: 'String' }),
        Match.objectLike({ Name: 'citizenId', AttributeDataType: 'String' }),
      ]),
    });
  });

  it('has a hosted-UI domain, prefixed <stack name>-<account> by default', () => {
    const [, domain] = ofType('AWS::Cognito::UserPoolDomain')[0];
    expect(domain.Properties).toEqual({
      UserPoolId: { Ref: logicalId(built.stack.auth.userPool) },
      Domain: { 'Fn::Join': ['', ['bansao-', { Ref: 'AWS::AccountId' }]] },
    });
    expect(built.stack.auth.domainUrl).toBe(built.stack.auth.domain.baseUrl());
  });

  it('lets the web page sign in with the authorization code grant (PKCE, no secret), back to <site>/auth/callback', () => {
    const client = built.resources[logicalId(built.stack.auth.webClient)].Properties;
    const site = { 'Fn::GetAtt': [logicalId(built.stack.web.distribution), 'DomainName'] };
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', site, '/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', site, '/']] }],
    });
    expect(new Set(client.AllowedOAuthScopes)).toEqual(new Set(['openid', 'email', 'profile']));
  });

  it('lets the page reach the hosted UI token endpoint (CSP connect-src)', () => {
    const [, policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0];
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(csp).toMatch(/connect-src 'self' https:\/\/bansao-/);
    expect(csp).toContain('.amazoncognito.com');
  });

  it('gives the web client no right to write any attribute (agency and CCCD are set by admins)', () => {
    built.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      WriteAttributes: [],
      ReadAttributes: Match.arrayWith(['custom:agencyId', 'custom:citizenId', 'name']),
    });
  });
});

describe('Stack: operations', () => {
  it('alarms on each function’s errors and throttles, API 5xx and table throttling, to one topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const topicId = logicalId(built.stack.monitoring.topic);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    for (const spec of functionSpecs(deployedRoutes())) {
      const fnId = logicalId(built.stack.functions.functions.get(spec.fn)!);
      // Exactly one alarm watches each function: its math expression adds the function's errors and throttles.
      const own = alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes(fnId));
      expect(own, spec.fn).toHaveLength(1);
      const metrics = (own[0].Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } } }[]);
      const expression = metrics.find((m) => m.Expression)!.Expression!;
      for (const metric of ['Errors', 'Throttles']) {
        const m = metrics.find((x) => x.MetricStat?.Metric.MetricName === metric && JSON.stringify(x.MetricStat.Metric.Dimensions).includes(fnId));
        expect(m, `${spec.fn} ${metric}`).toBeDefined();
        expect(expression, `${spec.fn} ${metric}`).toContain(`FILL(${m!.Id}, 0)`);
      }
    }
    expect(alarms.some((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toBe(true);
    expect(alarms.some((a) => JSON.stringify(a.Metrics ?? []).includes('ThrottledRequests'))).toBe(true);
  });

  it('is environment-agnostic without context, so it synthesizes with no AWS account', () => {
    expect(built.stack.account).toMatch(/^\$\{Token/);
    expect(built.stack.region).toMatch(/^\$\{Token/);
  });
});
