import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../../shared/contracts/routes';
import { WORKERS } from '../../../shared/contracts/routes';
import { deployedRoutes } from '../../../shared/contracts/routes';
import { functionSpecs, type FunctionSpec } from '../../../infra/grants';
import type { BanSaoStack } from '../../../infra/stack';
import { SYNTH_TIMEOUT_MS, actionsOf, logicalId, referencedIds, roleStatements, synthWithoutBundling, type CfnResourceJson } from './synth';

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Actions and referenced resources of one function's role, with the resources it may legitimately name. */
function grantsOf(stack: BanSaoStack, resources: Record<string, CfnResourceJson>, spec: FunctionSpec) {
  const fn = stack.functions.functions.get(spec.fn)!;
  const all = roleStatements(resources, logicalId(fn.role!));
  const ids = {
    table: logicalId(stack.storage.table),
    originals: logicalId(stack.storage.originals),
    issued: logicalId(stack.storage.issued),
    dataKey: logicalId(stack.dataKey.key),
    signingKeys: stack.signing.keys.map((k) => logicalId(k.key)),
    chains: stack.signing.keys.map((k) => logicalId(k.chain)),
    logGroup: logicalId(fn.logGroup),
    userPool: logicalId(stack.auth.userPool),
  };
  // Every route function may read the origin secret (shared/http/origin-guard.ts), and only that
  // secret: checked here, then left out of the per-touch checks below.
  const originSecret = logicalId(stack.web.originSecret);
  const isOrigin = (st: (typeof all)[number]) =>
    referencedIds(st.Resource).includes(originSecret) || JSON.stringify(st.Resource).includes(`:parameter/aws/reference/secretsmanager/${stack.web.originSecretName}"`);
  const origin = all.filter(isOrigin);
  if (origin.length > 0) {
    expect(actionsOf(origin).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'ssm:GetParameter']);
  }
  const statements = all.filter((st) => !isOrigin(st));
  return { actions: actionsOf(statements), refs: new Set(statements.flatMap((s) => referencedIds(s.Resource))), statements, ids };
}

/** What the route table allows a function to name in its policy — and nothing else. */
function allowedRefs(spec: FunctionSpec, ids: ReturnType<typeof grantsOf>['ids']): Set<string> {
  const { touches } = spec;
  return new Set([
    ids.logGroup,
    ...(touches.table ? [ids.table] : []),
    ...(touches.originals ? [ids.originals] : []),
    ...(touches.issued ? [ids.issued] : []),
    ...(touches.table || touches.originals || touches.issued ? [ids.dataKey] : []),
    ...(touches.signing ? [...ids.signingKeys, ...ids.chains] : []),
    ...(touches.clients ? [ids.userPool] : []),
  ]);
}

function expectLeastPrivilege(stack: BanSaoStack, resources: Record<string, CfnResourceJson>, spec: FunctionSpec): void {
  const { actions, refs, statements, ids } = grantsOf(stack, resources, spec);
  const { touches } = spec;
  const label = `functions/${spec.fn} ${JSON.stringify(touches)}`;

  const allowed = allowedRefs(spec, ids);
  for (const ref of refs) expect(allowed.has(ref) || ref.startsWith('AWS::'), `${label} names ${ref}`).toBe(true);

  expect(actions.some((a) => a.startsWith('dynamodb:')), label).toBe(Boolean(touches.table));
  // Machine clients: creating app clients on the pool, and nothing else of Cognito, only where declared.
  expect(actions.filter((a) => a.startsWith('cognito-idp:')), label).toEqual(touches.clients ? [touches.clients === 'create' ? 'cognito-idp:CreateUserPoolClient' : 'cognito-idp:DeleteUserPoolClient'] : []);
  if (touches.table === 'read') for (const a of TABLE_WRITES) expect(actions, label).not.toContain(a);
  if (touches.table === 'write' || touches.table === 'readwrite') expect(actions, label).toContain('dynamodb:PutItem');

  expect(actions.some((a) => a.startsWith('s3:')), label).toBe(Boolean(touches.originals || touches.issued));
  expect(actions.filter((a) => /^s3:Delete/.test(a)), `${label}: nothing may delete an object`).toEqual([]);
  for (const [bucket, access] of [
    [ids.originals, touches.originals],
    [ids.issued, touches.issued],
  ] as const) {
    const onBucket = actionsOf(statements.filter((s) => referencedIds(s.Resource).includes(bucket)));
    expect(onBucket.includes('s3:GetObject*'), `${label}: read ${bucket}`).toBe(access === 'read' || access === 'readwrite');
    expect(onBucket.includes('s3:PutObject'), `${label}: put ${bucket}`).toBe(access === 'write' || access === 'readwrite');
  }

  const sign = statements.filter((s) => actionsOf([s]).includes('kms:Sign'));
  expect(sign.length > 0, label).toBe(Boolean(touches.signing));
  for (const s of sign) expect(referencedIds(s.Resource).sort(), `${label}: kms:Sign on signing keys only`).toEqual([...ids.signingKeys].sort());
  expect(actions.some((a) => a.startsWith('ssm:')), label).toBe(Boolean(touches.signing));

  const wildcard = statements.filter((s) => s.Resource === '*');
  for (const s of wildcard) expect(actionsOf([s]).every((a) => a.startsWith('xray:')), `${label}: only X-Ray on "*"`).toBe(true);
}

describe('Grants: the deployed route table', () => {
  let built: ReturnType<typeof synthWithoutBundling>;
  beforeAll(() => {
    built = synthWithoutBundling();
  }, SYNTH_TIMEOUT_MS);

  it('gives each function exactly what its route declares it touches', () => {
    for (const spec of functionSpecs(deployedRoutes())) expectLeastPrivilege(built.stack, built.resources, spec);
  });

  it('gives the health function no DynamoDB, S3, KMS or SSM action', () => {
    const spec = functionSpecs(deployedRoutes()).find((s) => s.fn === 'health')!;
    const { actions } = grantsOf(built.stack, built.resources, spec);
    expect(actions.filter((a) => /^(dynamodb|s3|kms|ssm):/.test(a))).toEqual([]);
  });

  it('lets submit copy an upload to submitted/ (read and put on the originals bucket), and the view of an original only read it', () => {
    const specs = functionSpecs(deployedRoutes());
    const onOriginals = (fn: string) => {
      const { statements, ids } = grantsOf(built.stack, built.resources, specs.find((s) => s.fn === fn)!);
      return actionsOf(statements.filter((s) => referencedIds(s.Resource).includes(ids.originals)));
    };
    expect(onOriginals('requests-submit')).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject']));
    expect(onOriginals('originals-get')).not.toContain('s3:PutObject');
    expect(onOriginals('requests-certify')).not.toContain('s3:PutObject');
  });

  it('gives a table:read function no dynamodb:PutItem', () => {
    const readers = functionSpecs(deployedRoutes()).filter((s) => s.touches.table === 'read');
    expect(readers.length).toBeGreaterThan(0);
    for (const spec of readers) expect(grantsOf(built.stack, built.resources, spec).actions).not.toContain('dynamodb:PutItem');
  });
});

describe('Grants: every kind of touch, on a made-up route table', () => {
  // Real function folders (the entry must exist), made-up needs: one per grant path.
  const contract = { responses: {}, errors: [] };
  const routes: RouteDef[] = [
    { method: 'GET', path: '/api/a', fn: 'health', contract, access: 'public', touches: {} },
    { method: 'POST', path: '/api/b', fn: 'trust-list', contract, access: ['official'], touches: { issued: 'write', signing: true } },
    { method: 'GET', path: '/api/c/{id}', fn: 'requests-list', contract, access: ['citizen'], touches: { originals: 'readwrite' } },
    { method: 'POST', path: '/api/d', fn: 'requests-get', contract, access: ['admin'], touches: { table: 'write', originals: 'write' }, memoryMb: 2048, timeoutSeconds: 90 },
    { method: 'POST', path: '/api/dev/login', fn: 'dev-login', contract, access: 'public', touches: {}, localOnly: true },
  ];
  let built: ReturnType<typeof synthWithoutBundling>;
  beforeAll(() => {
    built = synthWithoutBundling({ routes });
  }, SYNTH_TIMEOUT_MS);

  it('derives every grant from the declared touches', () => {
    const specs = functionSpecs(routes.filter((r) => !r.localOnly));
    expect(built.stack.functions.functions.size).toBe(specs.length + WORKERS.length);
    for (const spec of specs) expectLeastPrivilege(built.stack, built.resources, spec);
  });

  it('never deploys a local-only route, and caps timeouts at the HTTP API limit', () => {
    const keys = Object.values(built.resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(['GET /api/a', 'GET /api/c/{id}', 'POST /api/b', 'POST /api/d']);
    expect(built.stack.functions.functions.has('dev-login')).toBe(false);
    const d = built.resources[logicalId(built.stack.functions.functions.get('requests-get')!)].Properties;
    expect(d).toMatchObject({ MemorySize: 2048, Timeout: 29 });
  });

  it('maps each signing identity to its key and chain parameter in KMS_SIGNING_KEYS', () => {
    const vars = built.resources[logicalId(built.stack.functions.functions.get('trust-list')!)].Properties.Environment.Variables;
    expect(vars.SIGNER_MODE).toBe('kms');
    const rendered = JSON.stringify(vars.KMS_SIGNING_KEYS);
    for (const { identity, key, chain } of built.stack.signing.keys) {
      expect(rendered).toContain(`\\"${identity.id}\\":{\\"keyId\\":\\"`);
      expect(rendered).toContain(logicalId(key));
      expect(rendered).toContain(logicalId(chain));
    }
    expect(rendered).toContain('agency:example-agency');
    expect(rendered).toContain('RSASSA_PKCS1_V1_5_SHA_256');
    expect(rendered).toContain('ECDSA_SHA_256');
  });
});
