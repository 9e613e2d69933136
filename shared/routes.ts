import type { RouteAccess } from './domain/roles';

/**
 * THE route table. Every HTTP route of the service is one entry here and nowhere else: the CDK
 * stack (infra/) loops over it to create the API Gateway routes, the functions and their grants,
 * the local gateway (infra/local/gateway.ts) serves the same entries, and the handler middleware
 * enforces `access` from here. Adding a route = one entry + one `functions/<fn>/handler.ts`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = 'read' | 'write' | 'readwrite';

/** What a function may touch; CDK derives least-privilege grants from it. */
export interface Touches {
  table?: Access;
  originals?: Access;
  issued?: Access;
  /** Uses the signing keys (KMS Sign / the local PKI). */
  signing?: boolean;
}

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` for a parameter. */
  path: string;
  /** Folder under functions/ holding handler.ts. */
  fn: string;
  access: RouteAccess;
  touches: Touches;
  /** Honours an `Idempotency-Key` header (POSTs that create something). */
  idempotent?: boolean;
  /** Abuse limit per caller (user, or address when anonymous); the local gateway enforces it, WAF rate rules in AWS. */
  rateLimitPerMinute?: number;
  /** Exists only in the local stack (never deployed). */
  localOnly?: boolean;
  memoryMb?: number;
  timeoutSeconds?: number;
}

const citizenOrOfficial = ['citizen', 'official'] as const;

export const ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/api/health', fn: 'health', access: 'public', touches: {} },
  { method: 'POST', path: '/api/dev/login', fn: 'dev-login', access: 'public', touches: {}, localOnly: true },
  { method: 'GET', path: '/api/trust-list', fn: 'trust-list', access: 'public', touches: {} },
  { method: 'GET', path: '/api/requests', fn: 'requests-list', access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'POST', path: '/api/requests', fn: 'requests-create', rateLimitPerMinute: 60, idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/requests/{id}', fn: 'requests-get', access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'POST', path: '/api/requests/{id}/originals', fn: 'originals-create', idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite', originals: 'write' } },
  { method: 'POST', path: '/api/requests/{id}/submit', fn: 'requests-submit', idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite', originals: 'read' }, memoryMb: 1024, timeoutSeconds: 29 },
  { method: 'POST', path: '/api/requests/{id}/cancel', fn: 'requests-cancel', idempotent: true, access: ['citizen'], touches: { table: 'readwrite' } },
  {
    method: 'POST', path: '/api/requests/{id}/certify', fn: 'requests-certify', idempotent: true, access: ['official'],
    touches: { table: 'readwrite', originals: 'read', issued: 'write', signing: true }, memoryMb: 1536, timeoutSeconds: 29,
  },
  { method: 'POST', path: '/api/requests/{id}/reject', fn: 'requests-reject', idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/documents/{id}', fn: 'documents-get', access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'GET', path: '/api/documents/{id}/download', fn: 'documents-download', access: citizenOrOfficial, touches: { table: 'read', issued: 'read' } },
  { method: 'POST', path: '/api/documents/{id}/shares', fn: 'documents-share', idempotent: true, access: ['citizen'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/registers', fn: 'registers-list', access: ['official'], touches: { table: 'read' } },
  { method: 'POST', path: '/api/registers/{id}/entries', fn: 'register-entries-create', idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/registers/{id}/entries', fn: 'register-entries-search', access: ['official'], touches: { table: 'read' } },
  { method: 'GET', path: '/api/registers/{id}/entries/{entryNo}', fn: 'register-entries-get', access: ['official'], touches: { table: 'read' } },
  { method: 'POST', path: '/api/registers/{id}/import', fn: 'register-entries-import', idempotent: true, access: ['official'], touches: { table: 'readwrite' }, timeoutSeconds: 29 },
  {
    method: 'POST', path: '/api/requests/{id}/issue', fn: 'requests-issue', idempotent: true, access: ['official'],
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1024, timeoutSeconds: 29,
  },
  { method: 'POST', path: '/api/requests/{id}/extend', fn: 'requests-extend', idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/requests/{id}/appointment-slip', fn: 'requests-appointment-slip', access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'GET', path: '/api/reports/summary', fn: 'reports-summary', access: ['admin', 'official'], touches: { table: 'read' } },
  { method: 'GET', path: '/api/notifications', fn: 'notifications-list', access: ['citizen'], touches: { table: 'read' } },
  { method: 'GET', path: '/api/agencies', fn: 'agencies-list', access: 'public', touches: { table: 'read' } },
  { method: 'GET', path: '/api/requests/{id}/originals/{originalId}', fn: 'originals-get', access: citizenOrOfficial, touches: { table: 'read', originals: 'read' } },
  { method: 'POST', path: '/api/documents/{id}/revoke', fn: 'documents-revoke', idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/documents/{id}/verifications', fn: 'documents-verifications', access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'GET', path: '/api/revocations', fn: 'revocations-list', access: 'public', touches: { table: 'read' } },
  // Verification is public: a bank clerk needs no account. A signed-in verifier is recorded.
  { method: 'POST', path: '/api/verify', fn: 'verify-file', rateLimitPerMinute: 120, access: 'public', touches: { table: 'readwrite', originals: 'read' }, memoryMb: 1536, timeoutSeconds: 29 },
  { method: 'POST', path: '/api/verify/uploads', fn: 'verify-uploads', rateLimitPerMinute: 30, access: 'public', touches: { originals: 'write' } },
  { method: 'GET', path: '/api/verify/{code}', fn: 'verify-code', rateLimitPerMinute: 120, access: 'public', touches: { table: 'readwrite' } },
  // A share link works without an account: the holder (a bank clerk, a school) may not have one.
  { method: 'GET', path: '/api/shares/{token}', fn: 'shares-get', access: 'public', touches: { table: 'read' } },
  { method: 'GET', path: '/api/shares/{token}/download', fn: 'shares-download', access: 'public', touches: { table: 'read', issued: 'read' } },
];

/** The routes deployed to AWS (everything but the local-only ones). */
export const deployedRoutes = (): RouteDef[] => ROUTES.filter((r) => !r.localOnly);

/** The route served by a function folder; each function serves exactly one route. */
export function routeOf(fn: string): RouteDef {
  const route = ROUTES.find((r) => r.fn === fn);
  if (!route) throw new Error(`No route in shared/routes.ts for function "${fn}"`);
  return route;
}

/** `METHOD /path` — the API Gateway route key. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** A function that is not an HTTP route: triggered by the table's stream (CDK wires it; the local stack polls the stream). */
export interface WorkerDef {
  fn: string;
  trigger: 'table-stream';
  touches: Touches & { notify?: boolean };
  memoryMb?: number;
  timeoutSeconds?: number;
}

export const WORKERS: readonly WorkerDef[] = [
  // Delivers the notification outbox (issued / rejected / extended) to citizens.
  { fn: 'notify-outbox', trigger: 'table-stream', touches: { table: 'readwrite', notify: true } },
];

/** The function folders CDK deploys: every deployed route's, and the workers'. */
export const deployedFunctions = (): string[] => [...new Set([...deployedRoutes().map((r) => r.fn), ...WORKERS.map((w) => w.fn)])];
