import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Access, RouteDef, Touches } from '../shared/contracts/routes';
import type { SigningKeys } from './keys';

export interface GrantTargets {
  table: dynamodb.ITable;
  originals: s3.IBucket;
  issued: s3.IBucket;
  signing: SigningKeys;
  /** The Cognito user pool: machine clients are its app clients. */
  userPool?: cognito.IUserPool;
}

/**
 * Least privilege from what a route declares it `touches` — the only place that turns the route
 * table's words into IAM. Nothing declared, nothing granted.
 *
 * - table `read` → grantReadData (Get/Query/Scan/ConditionCheck on the table and its GSIs).
 *   `write` and `readwrite` → grantReadWriteData: every write of this service is conditional or
 *   transactional (numbering, state moves), and DynamoDB authorises a TransactWriteItems
 *   ConditionCheck as a read, so write-only would fail at the first issuance.
 * - bucket `read` → grantRead (GetObject, also for presigned GETs); `write` → grantPut
 *   (PutObject, also for presigned PUTs); `readwrite` → both. No function may delete an object:
 *   the lifecycle rules and Object Lock decide what disappears, and when.
 *   The grants on the SSE-KMS buckets carry the matching data-key permissions.
 * - `signing` → kms:Sign/GetPublicKey on the signing keys and read on their chain parameters.
 * - `clients: 'create'` → cognito-idp:CreateUserPoolClient on the user pool; `'delete'` →
 *   cognito-idp:DeleteUserPoolClient on it; nothing else of Cognito.
 */
const CLIENT_ACTIONS = { create: 'cognito-idp:CreateUserPoolClient', delete: 'cognito-idp:DeleteUserPoolClient' } as const;

export function grantTouches(grantee: iam.IGrantable, touches: Touches, targets: GrantTargets): void {
  if (touches.table === 'read') targets.table.grantReadData(grantee);
  else if (touches.table) targets.table.grantReadWriteData(grantee);

  grantBucket(grantee, targets.originals, touches.originals);
  grantBucket(grantee, targets.issued, touches.issued);

  if (touches.signing) targets.signing.grantSign(grantee);
  if (touches.clients) {
    if (!targets.userPool) throw new Error('A route touches clients but the stack gave no user pool');
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [CLIENT_ACTIONS[touches.clients]], resources: [targets.userPool.userPoolArn] }));
  }
}

function grantBucket(grantee: iam.IGrantable, bucket: s3.IBucket, access: Access | undefined): void {
  if (access === 'read' || access === 'readwrite') bucket.grantRead(grantee);
  if (access === 'write' || access === 'readwrite') bucket.grantPut(grantee);
}

/** One function per function folder: the routes it serves and their combined needs. */
export interface FunctionSpec {
  fn: string;
  routes: RouteDef[];
  touches: Touches;
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** Groups routes by function folder (today one route each; a folder serving two gets the union). */
export function functionSpecs(routes: readonly RouteDef[]): FunctionSpec[] {
  const specs = new Map<string, FunctionSpec>();
  for (const route of routes) {
    const spec = specs.get(route.fn) ?? { fn: route.fn, routes: [], touches: {} };
    spec.routes.push(route);
    spec.touches = {
      table: union(spec.touches.table, route.touches.table),
      originals: union(spec.touches.originals, route.touches.originals),
      issued: union(spec.touches.issued, route.touches.issued),
      signing: spec.touches.signing || route.touches.signing || undefined,
      clients: spec.touches.clients || route.touches.clients || undefined,
    };
    spec.memoryMb = max(spec.memoryMb, route.memoryMb);
    spec.timeoutSeconds = max(spec.timeoutSeconds, route.timeoutSeconds);
    specs.set(route.fn, spec);
  }
  return [...specs.values()];
}

function union(a: Access | undefined, b: Access | undefined): Access | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return 'readwrite';
}

const max = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
