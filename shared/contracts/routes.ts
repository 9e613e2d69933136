import { bookContracts as books } from './books';
import { clientContracts as clients } from './clients';
import type { RouteContract } from './contract';
import { documentContracts as documents } from './documents';
import { procedureContracts as procedures } from './procedures';
import { registerContracts as registers } from './registers';
import { reportContracts as reports } from './reports';
import { requestContracts as requests } from './requests';
import { serviceContracts as service } from './service';
import { signerContracts as signers } from './signers';
import { subscriptionContracts as subscriptions } from './subscriptions';
import { verificationContracts as verification } from './verification';
import type { ClientScope, RouteAccess } from '../domain/roles';

/**
 * THE route table. Every HTTP route of the service is one entry here and nowhere else: the CDK
 * stack (infra/) loops over it to create the API Gateway routes, the functions and their grants,
 * the local gateway (infra/local/gateway.ts) serves the same entries, the handler middleware
 * enforces `access` and validates requests and responses against `contract` (shared/contracts/),
 * and `npm run openapi` writes openapi.yaml from it. Adding a route = one entry (with its
 * contract) + one `functions/<fn>/handler.ts`.
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
  /**
   * Manages machine clients at the identity provider: 'create' registers them (Cognito
   * CreateUserPoolClient on the pool), 'delete' deletes them (DeleteUserPoolClient) — each only that.
   */
  clients?: 'create' | 'delete';
}

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` for a parameter. */
  path: string;
  /** Folder under functions/ holding handler.ts. */
  fn: string;
  access: RouteAccess;
  /**
   * Routes that admit machine clients (`'client'` in `access`): the scopes their access token
   * must grant. People of the listed roles need none. Such routes have no API Gateway authorizer:
   * the handler stack verifies the token itself (shared/http/client-auth.ts).
   */
  scopes?: readonly ClientScope[];
  touches: Touches;
  /** Honours an `Idempotency-Key` header (POSTs that create something). */
  idempotent?: boolean;
  /** What the route accepts and answers (schemas in shared/contracts/). */
  contract: RouteContract;
  /**
   * Abuse limit per caller (user, or address when anonymous), requests per minute. The local
   * gateway enforces it with a token bucket; in AWS it is a WAF rate-based rule on CloudFront
   * (infra/waf-rules.ts: per IP on public routes, per bearer token on private ones, 60 s window;
   * at least 10, WAF's minimum). See `throttle` for the API Gateway ceiling per route.
   */
  rateLimitPerMinute?: number;
  /**
   * The route's API Gateway throttle in AWS (stage route settings): requests per second and burst,
   * for ALL callers together — a ceiling on what one route may cost, not a per-caller limit, so it
   * is set well above `rateLimitPerMinute` (one caller's share) and below the stage default.
   */
  throttle?: { rateLimit: number; burstLimit: number };
  /**
   * A public route whose answer is about one document or one person (a share link's document and
   * its download, a verification by code): no cache may keep it. Every non-public route is so
   * anyway; see `answersNoStore`.
   */
  noStore?: boolean;
  /** Exists only in the local stack (never deployed). */
  localOnly?: boolean;
  memoryMb?: number;
  timeoutSeconds?: number;
}

const citizenOrOfficial = ['citizen', 'official'] as const;

const TABLE = [
  { method: 'GET', path: '/api/health', fn: 'health', contract: service.health, access: 'public', touches: {} },
  { method: 'POST', path: '/api/dev/login', fn: 'dev-login', contract: service.devLogin, access: 'public', touches: {}, localOnly: true },
  // The daily B-LTA renewal (worker ltv-renew in AWS), run on demand in the local stack.
  { method: 'POST', path: '/api/dev/ltv-renew', fn: 'dev-ltv-renew', contract: service.devLtvRenew, access: ['admin'], touches: { table: 'readwrite', issued: 'readwrite', signing: true }, localOnly: true, timeoutSeconds: 29 },
  // DEV ONLY: the dev CA revokes a signer's certificate (issue 19 item 7); signing with it is then refused.
  { method: 'POST', path: '/api/dev/signers/{identityKind}/{identityId}/revoke-certificate', fn: 'dev-revoke-certificate', contract: service.devRevokeCertificate, access: ['admin'], touches: { table: 'read' }, localOnly: true },
  { method: 'GET', path: '/api/trust-list', fn: 'trust-list', contract: verification.trustList, access: 'public', touches: {} },
  { method: 'GET', path: '/api/requests', fn: 'requests-list', contract: requests.list, access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'POST', path: '/api/requests', fn: 'requests-create', contract: requests.create, rateLimitPerMinute: 60, throttle: { rateLimit: 20, burstLimit: 40 }, idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/requests/{id}', fn: 'requests-get', contract: requests.get, access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'POST', path: '/api/requests/{id}/originals', fn: 'originals-create', contract: requests.addOriginal, idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite', originals: 'write' } },
  // Submit writes the originals bucket: it copies each upload to submitted/… (CopyObject = read + put).
  { method: 'POST', path: '/api/requests/{id}/submit', fn: 'requests-submit', contract: requests.submit, idempotent: true, access: citizenOrOfficial, touches: { table: 'readwrite', originals: 'readwrite' }, memoryMb: 1024, timeoutSeconds: 29 },
  { method: 'POST', path: '/api/requests/{id}/cancel', fn: 'requests-cancel', contract: requests.cancel, idempotent: true, access: ['citizen'], touches: { table: 'readwrite' } },
  // The check of the paper original (Decree 45/2020 Art. 10(3)), which certify requires.
  { method: 'POST', path: '/api/requests/{id}/original-check', fn: 'requests-original-check', contract: requests.originalCheck, idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  {
    method: 'POST', path: '/api/requests/{id}/certify', fn: 'requests-certify', contract: requests.certify, idempotent: true, access: ['official'],
    touches: { table: 'readwrite', originals: 'read', issued: 'write', signing: true }, memoryMb: 1536, timeoutSeconds: 29,
  },
  // A refusal is a written document signed with the agency's seal (Decree 23/2015 Art. 22): composed, signed and stored when recorded.
  {
    method: 'POST', path: '/api/requests/{id}/reject', fn: 'requests-reject', contract: requests.reject, idempotent: true, access: ['official'],
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1024, timeoutSeconds: 29,
  },
  { method: 'GET', path: '/api/requests/{id}/refusal', fn: 'requests-refusal', contract: requests.refusal, access: citizenOrOfficial, touches: { table: 'read', issued: 'read' } },
  { method: 'GET', path: '/api/documents/{id}', fn: 'documents-get', contract: documents.get, access: citizenOrOfficial, touches: { table: 'read' } },
  // An official's download (printing the copy for a requester at the counter) is written to the request's trail.
  { method: 'GET', path: '/api/documents/{id}/download', fn: 'documents-download', contract: documents.download, access: citizenOrOfficial, touches: { table: 'readwrite', issued: 'read' } },
  { method: 'POST', path: '/api/documents/{id}/shares', fn: 'documents-share', contract: documents.share, idempotent: true, access: ['citizen'], touches: { table: 'readwrite' } },
  // The owner's view of their links, and withdrawing one; ownership is checked in shared/use-cases/shares.ts.
  { method: 'GET', path: '/api/documents/{id}/shares', fn: 'documents-shares-list', contract: documents.shares, access: ['citizen'], touches: { table: 'read' } },
  // A POST …/revoke, like the document's own revocation: the link is kept (listed as `revoked`), not deleted.
  { method: 'POST', path: '/api/documents/{id}/shares/{shareId}/revoke', fn: 'documents-shares-revoke', contract: documents.revokeShare, idempotent: true, access: ['citizen'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/registers', fn: 'registers-list', contract: registers.list, access: ['official'], touches: { table: 'read' } },
  { method: 'POST', path: '/api/registers/{id}/entries', fn: 'register-entries-create', contract: registers.addEntry, idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  // Reading entries writes the register's audit trail (who read what, and why).
  { method: 'GET', path: '/api/registers/{id}/entries', fn: 'register-entries-search', contract: registers.search, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/registers/{id}/entries/{entryNo}', fn: 'register-entries-get', contract: registers.getEntry, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'POST', path: '/api/registers/{id}/import', fn: 'register-entries-import', contract: registers.import, idempotent: true, access: ['official'], touches: { table: 'readwrite' }, timeoutSeconds: 29 },
  {
    method: 'POST', path: '/api/requests/{id}/issue', fn: 'requests-issue', contract: requests.issue, idempotent: true, access: ['official'],
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1024, timeoutSeconds: 29,
  },
  { method: 'POST', path: '/api/requests/{id}/extend', fn: 'requests-extend', contract: requests.extend, idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  // Copies from master registers: an official decides on the right of a requester who is not the
  // entry's subject (Decree 23/2015 Art. 16(2), 17(1)); a refusal is a written reply sealed by the
  // agency (Art. 17(2)), hence the signing keys and the issued bucket.
  {
    method: 'POST', path: '/api/requests/{id}/entitlement', fn: 'requests-entitlement', contract: requests.entitlement, idempotent: true, access: ['official'],
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1024, timeoutSeconds: 29,
  },
  // A GET that may write once: the first download numbers the slip (the agency's yearly sequence) and keeps the number on the request.
  { method: 'GET', path: '/api/requests/{id}/appointment-slip', fn: 'requests-appointment-slip', contract: requests.appointmentSlip, access: citizenOrOfficial, touches: { table: 'readwrite' } },
  // The electronic book (Decree 23/2015 Art. 13(1)): officials of the agency and administrators read it.
  { method: 'GET', path: '/api/books', fn: 'books-get', contract: books.year, access: ['official', 'admin'], touches: { table: 'read' }, timeoutSeconds: 29 },
  // Closing (Art. 14(1)) signs the book's PDF like a copy; who may close is checked in the use case.
  {
    method: 'POST', path: '/api/books/{id}/close', fn: 'books-close', contract: books.close, idempotent: true, access: ['official'],
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1536, timeoutSeconds: 29,
  },
  { method: 'GET', path: '/api/reports/summary', fn: 'reports-summary', contract: reports.summary, access: ['admin', 'official'], touches: { table: 'read' } },
  { method: 'GET', path: '/api/notifications', fn: 'notifications-list', contract: service.notifications, access: ['citizen'], touches: { table: 'read' } },
  { method: 'GET', path: '/api/agencies', fn: 'agencies-list', contract: service.agencies, access: 'public', touches: { table: 'read' } },
  // The agency's competent signers (Decree 23 Art. 5 as amended): read by its admins and officials,
  // kept by its admins; records are ended, never deleted. The agency is checked in shared/use-cases/agency-signers.ts.
  { method: 'GET', path: '/api/agencies/{id}/signers', fn: 'agency-signers-list', contract: signers.list, access: ['admin', 'official'], touches: { table: 'read' } },
  { method: 'POST', path: '/api/agencies/{id}/signers', fn: 'agency-signers-add', contract: signers.add, idempotent: true, access: ['admin'], touches: { table: 'readwrite' } },
  { method: 'POST', path: '/api/agencies/{id}/signers/{signerId}/end', fn: 'agency-signers-end', contract: signers.end, idempotent: true, access: ['admin'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/requests/{id}/originals/{originalId}', fn: 'originals-get', contract: requests.viewOriginal, access: citizenOrOfficial, touches: { table: 'read', originals: 'read' } },
  { method: 'POST', path: '/api/documents/{id}/revoke', fn: 'documents-revoke', contract: documents.revoke, idempotent: true, access: ['official'], touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/documents/{id}/verifications', fn: 'documents-verifications', contract: documents.verifications, access: citizenOrOfficial, touches: { table: 'read' } },
  { method: 'GET', path: '/api/revocations', fn: 'revocations-list', contract: documents.revocations, access: 'public', touches: { table: 'read' } },
  // Verification is public: a bank clerk needs no account. A signed-in verifier is recorded.
  // Its throttles bound what anonymous traffic may cost: a file check holds a 1.5 GB function for
  // seconds, so all callers together get 10/s there (the stage default is 50/s).
  { method: 'POST', path: '/api/verify', fn: 'verify-file', contract: verification.file, rateLimitPerMinute: 120, throttle: { rateLimit: 10, burstLimit: 20 }, access: 'public', touches: { table: 'readwrite', originals: 'read' }, memoryMb: 1536, timeoutSeconds: 29 },
  { method: 'POST', path: '/api/verify/uploads', fn: 'verify-uploads', contract: verification.uploads, rateLimitPerMinute: 30, throttle: { rateLimit: 5, burstLimit: 10 }, access: 'public', touches: { originals: 'write' } },
  { method: 'GET', path: '/api/verify/{code}', fn: 'verify-code', contract: verification.code, rateLimitPerMinute: 120, throttle: { rateLimit: 20, burstLimit: 40 }, access: 'public', noStore: true, touches: { table: 'readwrite' } },
  // A share link works without an account: the holder (a bank clerk, a school) may not have one.
  { method: 'GET', path: '/api/shares/{token}', fn: 'shares-get', contract: documents.shared, access: 'public', noStore: true, touches: { table: 'read' } },
  { method: 'GET', path: '/api/shares/{token}/download', fn: 'shares-download', contract: documents.sharedDownload, access: 'public', noStore: true, touches: { table: 'read', issued: 'read' } },
  // Issue #21: what a code shows and the receipts. The issued PDF through its code, for the page
  // previews (the code is the capability; its owner may turn this off); limited like the lookup.
  { method: 'GET', path: '/api/verify/{code}/document', fn: 'verify-code-document', contract: verification.codeDocument, rateLimitPerMinute: 120, throttle: { rateLimit: 20, burstLimit: 40 }, access: 'public', noStore: true, touches: { table: 'readwrite', issued: 'read' }, memoryMb: 512 },
  // A receipt is composed, sealed by the service's identity and registered (kind `receipt`) on each call: limited harder than a lookup.
  {
    method: 'GET', path: '/api/verify/{code}/receipt', fn: 'verify-code-receipt', contract: verification.codeReceipt, rateLimitPerMinute: 20, throttle: { rateLimit: 5, burstLimit: 10 }, access: 'public', noStore: true,
    touches: { table: 'readwrite', issued: 'write', signing: true }, memoryMb: 1024, timeoutSeconds: 29,
  },
  {
    method: 'POST', path: '/api/verify/receipt', fn: 'verify-file-receipt', contract: verification.fileReceipt, rateLimitPerMinute: 20, throttle: { rateLimit: 5, burstLimit: 10 }, access: 'public', noStore: true,
    touches: { table: 'readwrite', originals: 'read', issued: 'write', signing: true }, memoryMb: 1536, timeoutSeconds: 29,
  },
  { method: 'PUT', path: '/api/documents/{id}/disclosure', fn: 'documents-disclosure', contract: verification.disclosure, access: ['citizen'], touches: { table: 'readwrite' } },
  // The file behind a share link, verified where it is stored (no upload); as costly as a file check.
  { method: 'GET', path: '/api/shares/{token}/verify', fn: 'shares-verify', contract: verification.sharedVerify, rateLimitPerMinute: 30, throttle: { rateLimit: 5, burstLimit: 10 }, access: 'public', noStore: true, touches: { table: 'readwrite', issued: 'read' }, memoryMb: 1536, timeoutSeconds: 29 },
  // Before submit: what the draft will cost and when it will be due (reads and counts the uploads' pages, writes nothing).
  { method: 'GET', path: '/api/requests/{id}/quote', fn: 'requests-quote', contract: requests.quote, access: citizenOrOfficial, touches: { table: 'read', originals: 'read' }, memoryMb: 1024, timeoutSeconds: 29 },
  // Before signing: the lời chứng as it will read, unnumbered, unsigned and watermarked; the agency is checked in the use case.
  { method: 'GET', path: '/api/requests/{id}/attestation-preview', fn: 'requests-preview', contract: requests.attestationPreview, access: ['official'], touches: { table: 'read' }, memoryMb: 1024 },
  // The procedures as a visitor reads them before signing in (issue #20): built from the rules' own constants.
  { method: 'GET', path: '/api/procedures', fn: 'procedures-list', contract: procedures.list, access: 'public', touches: {} },
  // Receiving agencies' systems (issue 21): registered by an administrator; the secret is answered once.
  { method: 'POST', path: '/api/clients', fn: 'clients-create', contract: clients.create, access: ['admin'], touches: { table: 'readwrite', clients: 'create' } },
  { method: 'GET', path: '/api/clients', fn: 'clients-list', contract: clients.list, access: ['admin'], touches: { table: 'read' } },
  { method: 'POST', path: '/api/clients/{clientId}/disable', fn: 'clients-disable', contract: clients.disable, access: ['admin'], touches: { table: 'readwrite', clients: 'delete' } },
  // Bulk checks by a receiving agency's system (client-credentials token with scope verify) or a signed-in verifier.
  // rateLimitPerMinute counts requests (the WAF rule cannot count items); the items are counted by the
  // per-caller item quota in the use case (docs/clients.md). More than 100 items: an asynchronous job (202).
  {
    method: 'POST', path: '/api/verify/batch', fn: 'verify-batch', contract: clients.verifyBatch, access: ['verifier', 'official', 'client'], scopes: ['verify'],
    rateLimitPerMinute: 10, throttle: { rateLimit: 2, burstLimit: 4 }, touches: { table: 'readwrite', originals: 'read' }, memoryMb: 1536, timeoutSeconds: 29,
  },
  // Revocation webhooks (issue 21 item 5; docs/webhooks.md): a receiving agency's system (scope subscribe) keeps its
  // agency's subscriptions; the agency is checked in shared/use-cases/subscriptions.ts. Create resolves the URL's host (SSRF rule).
  // Not idempotent: a replayed answer would hand the signing secret out a second time.
  { method: 'POST', path: '/api/subscriptions', fn: 'subscriptions-create', contract: subscriptions.create, access: ['client'], scopes: ['subscribe'], rateLimitPerMinute: 10, touches: { table: 'readwrite' } },
  { method: 'GET', path: '/api/subscriptions', fn: 'subscriptions-list', contract: subscriptions.list, access: ['client'], scopes: ['subscribe'], touches: { table: 'read' } },
  { method: 'DELETE', path: '/api/subscriptions/{id}', fn: 'subscriptions-delete', contract: subscriptions.remove, access: ['client'], scopes: ['subscribe'], touches: { table: 'readwrite' } },
  // Deliveries of a subscription, the dead letters among them (?status=dead).
  { method: 'GET', path: '/api/subscriptions/{id}/deliveries', fn: 'subscriptions-deliveries', contract: subscriptions.deliveries, access: ['client'], scopes: ['subscribe'], touches: { table: 'read' } },
  // An asynchronous batch (more than 100 items) as its agency reads it; ownership is checked in the use case (404 to others).
  {
    method: 'GET', path: '/api/verify/batch/{jobId}', fn: 'verify-batch-job', contract: clients.batchJob, access: ['verifier', 'official', 'client'], scopes: ['verify'],
    rateLimitPerMinute: 120, throttle: { rateLimit: 10, burstLimit: 20 }, touches: { table: 'read' },
  },
] as const satisfies readonly RouteDef[];

export const ROUTES: readonly RouteDef[] = TABLE;

/** A function folder that serves a route. */
export type RouteFn = (typeof TABLE)[number]['fn'];
/** The contract of a function's route, with its exact schema types (the handlers' input types). */
export type ContractOf<F extends RouteFn> = Extract<(typeof TABLE)[number], { fn: F }>['contract'];

/** The routes deployed to AWS (everything but the local-only ones). */
export const deployedRoutes = (): RouteDef[] => ROUTES.filter((r) => !r.localOnly);

/** The route served by a function folder; each function serves exactly one route. */
export function routeOf(fn: string): RouteDef {
  const route = ROUTES.find((r) => r.fn === fn);
  if (!route) throw new Error(`No route in shared/contracts/routes.ts for function "${fn}"`);
  return route;
}

/**
 * Whether every answer of the route (errors too) says `Cache-Control: no-store`: a signed-in
 * caller's data, a person's file or a share link's document must not stay in a browser's or a
 * proxy's cache after the session or the link is gone.
 */
export const answersNoStore = (r: Pick<RouteDef, 'access' | 'noStore'>): boolean => r.access !== 'public' || r.noStore === true;

/** `METHOD /path` — the API Gateway route key. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** A function that is not an HTTP route: triggered by the table's stream (CDK wires it; the local stack polls the stream). */
export interface WorkerDef {
  fn: string;
  /** 'table-stream': the table's stream; 'daily': an EventBridge schedule once a day; 'every-minute': EventBridge rate(1 minute). */
  trigger: 'table-stream' | 'daily' | 'every-minute';
  touches: Touches & { notify?: boolean };
  /**
   * 'table-stream': the new image's attributes (name → exact string value) that wake this worker,
   * as the event source mapping's filter; without it, the notification outbox's.
   */
  streamFilter?: Readonly<Record<string, string>>;
  memoryMb?: number;
  timeoutSeconds?: number;
}

export const WORKERS: readonly WorkerDef[] = [
  // Delivers the notification outbox (issued / rejected / extended) to citizens, and fans each revocation
  // webhook event out into deliveries (docs/webhooks.md): one stream consumer, as a table stream serves two at most.
  { fn: 'notify-outbox', trigger: 'table-stream', touches: { table: 'readwrite', notify: true } },
  // Renews the B-LTA copies whose newest time-stamp certificate expires soon (docs/long-term-validation.md).
  // Sends the webhook deliveries that are due (first attempts and retries on the backoff); POSTs to the Internet.
  { fn: 'webhooks-deliver', trigger: 'every-minute', touches: { table: 'readwrite' }, timeoutSeconds: 120 },
  { fn: 'ltv-renew', trigger: 'daily', touches: { table: 'readwrite', issued: 'readwrite', signing: true }, memoryMb: 1024, timeoutSeconds: 900 },
  // Runs asynchronous verification batches (more than 100 items): the INSERT of a queued job wakes it (docs/clients.md).
  { fn: 'verify-batch-worker', trigger: 'table-stream', streamFilter: { _type: 'verify-batch-job', status: 'queued' }, touches: { table: 'readwrite', originals: 'read' }, memoryMb: 1536, timeoutSeconds: 900 },
];

/** The function folders CDK deploys: every deployed route's, and the workers'. */
export const deployedFunctions = (): string[] => [...new Set([...deployedRoutes().map((r) => r.fn), ...WORKERS.map((w) => w.fn)])];
