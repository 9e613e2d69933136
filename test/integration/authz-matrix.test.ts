import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../shared/runtime/services';
import { ROUTES, answersNoStore, routeKey } from '../../shared/contracts/routes';
import { addAgencySigner } from '../../shared/use-cases/agency-signers';
import { createRequest } from '../../shared/use-cases/create-request';
import { extendRequest } from '../../shared/use-cases/extend-request';
import { rejectRequest } from '../../shared/use-cases/reject-request';
import { shareDocument } from '../../shared/use-cases/shares';
import { submitRequest } from '../../shared/use-cases/submit-request';
import { queueBatchJob } from '../../shared/use-cases/verify-batch-job';
import { simplePdf } from '../fixtures/hostile/make-corpus';
import { api, type ApiResponse } from '../helpers/api';
import { awaitingEntitlement } from '../helpers/flows';
import { AGENCY, apiPatient, checked, devToken, draft, expectProblem, issued, principal, realServices, submitted, useTestStack } from './hostile/support';

/**
 * Every route of the route table × every kind of caller, on resources owned by the dev citizen
 * and the agency ubnd-phuong-ba-dinh. The expectations are decided from the code:
 * - 401: no token on a protected route (the gateway, as API Gateway's JWT authorizer);
 * - 403: a role the route does not allow (route table), or the right role but another owner or
 *   agency (shared/use-cases/access.ts) — requests and documents do not hide that they exist
 *   (ids are random UUIDs);
 * - 404: master registers of another agency, which are deliberately not revealed
 *   (use-cases/registers.ts `ownRegister`);
 * - lists are allowed to every role that may list, and must not leak (checked per entry).
 * A route without an entry here fails the first test.
 */
type Role = 'anonymous' | 'citizen' | 'citizen2' | 'official' | 'official2' | 'verifier' | 'admin';
const ROLES: Role[] = ['anonymous', 'citizen', 'citizen2', 'official', 'official2', 'verifier', 'admin'];

interface Fixtures {
  draftId: string;
  originalId: string;
  submittedId: string;
  registerCopyId: string;
  /** A register copy asked by someone not shown to be the subject: waiting for an official's decision. */
  awaitingId: string;
  extendedId: string;
  rejectedId: string;
  documentId: string;
  documentRequestId: string;
  verifyCode: string;
  shareToken: string;
  shareId: string;
  pdf: Uint8Array;
  /** An asynchronous verification batch of the verifier's agency (the bank). */
  batchJobId: string;
}

interface Call {
  path: string;
  json?: unknown;
  body?: Uint8Array | string;
  contentType?: string;
}

interface Entry {
  expect: Record<Role, number>;
  /** The call made by `role`; calls that change state get fresh resources when they are allowed. */
  call(f: Fixtures, role: Role, allowed: boolean): Call | Promise<Call>;
  /** What an allowed answer must (not) show this role. */
  check?(res: ApiResponse, role: Role, f: Fixtures): void;
}

const all = (status: number): Record<Role, number> => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, number>;
/** anonymous, citizen, citizen2, official, official2, verifier, admin */
const row = (...s: [number, number, number, number, number, number, number]): Record<Role, number> =>
  Object.fromEntries(ROLES.map((r, i) => [r, s[i]])) as Record<Role, number>;

let services: Services;
/** A past year whose empty book the matrix closes (random, so that a kept data directory does not make it a 409). */
const PAST_BOOK_YEAR = 2000 + Math.floor(Math.random() * 900);
const citizen = principal('citizen');
let entrySeq = 0;
const uniqueEntryNo = () => `AUTHZ-${Date.now().toString(36)}-${entrySeq++}`;
const birthEntry = { hoTen: 'Nguyễn Thử Nghiệm', ngaySinh: '2020-01-02', gioiTinh: 'Nam', noiSinh: 'Hà Nội', danToc: 'Kinh', quocTich: 'Việt Nam', soDangKy: '99', ngayDangKy: '2020-01-10' };

async function freshDraft(): Promise<string> {
  return (await draft(services, citizen, [{ bytes: await simplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }])).id;
}
async function freshShareId(documentId: string): Promise<string> {
  const { token } = await shareDocument(services, citizen, documentId, { expiresInHours: 1 });
  return (await services.documents.sharesOf(documentId)).find((s) => s.token === token)!.id!;
}
async function freshRegisterCopy(): Promise<string> {
  // Entry 125 is the dev citizen's own (seed): entitled without evidence.
  const r = await createRequest(services, citizen, { kind: 'register-copy', agencyId: AGENCY, registerId: 'khai-sinh-ba-dinh', entryNo: '125', title: 'Trích lục khai sinh', copies: 1 });
  return (await submitRequest(services, citizen, r.id)).id;
}

/** A record that would make the clerk a signer only in 2099: ending it changes nothing today. */
async function futureClerkSigner(): Promise<string> {
  const admin = principal('admin');
  const r = await addAgencySigner(services, admin, AGENCY, { userSub: 'dev-clerk', title: 'Công chức Tư pháp - Hộ tịch', basis: { decisionNo: '9/QĐ-UBND', decisionDate: '2099-01-01' }, validFrom: `2099-01-01T00:00:00+07:00` });
  return r.signerId;
}

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { expect: all(200), call: () => ({ path: '/api/health' }) },
  'POST /api/dev/login': { expect: all(200), call: () => ({ path: '/api/dev/login', json: { user: 'citizen' } }) },
  'GET /api/trust-list': { expect: all(200), call: () => ({ path: '/api/trust-list' }) },
  // The admin's own account has no certificate in the dev CA: the call passes the role and agency
  // checks and revokes nothing (revoking for real is in revocation.test.ts, on its own signer).
  'POST /api/dev/signers/{identityKind}/{identityId}/revoke-certificate': {
    expect: row(401, 403, 403, 403, 403, 403, 404),
    call: () => ({ path: '/api/dev/signers/official/dev-admin/revoke-certificate', json: { reason: 'keyCompromise' } }),
  },
  // A one-day window: nothing issued in the test run is due, so the admin's run renews nothing (renewal itself: long-term-validation.test.ts).
  'POST /api/dev/ltv-renew': { expect: row(401, 403, 403, 403, 403, 403, 200), call: () => ({ path: '/api/dev/ltv-renew', json: { windowDays: 1 } }) },
  'GET /api/agencies': { expect: all(200), call: () => ({ path: '/api/agencies' }) },
  'GET /api/revocations': { expect: all(200), call: () => ({ path: '/api/revocations' }) },
  'GET /api/procedures': { expect: all(200), call: () => ({ path: '/api/procedures' }) },
  'GET /api/requests': {
    expect: row(401, 200, 200, 200, 200, 403, 403),
    call: () => ({ path: '/api/requests?status=submitted&limit=100' }),
    check: (res, role, f) => {
      const ids = res.body.items.map((r: { id: string }) => r.id);
      if (role === 'citizen2' || role === 'official2') expect(ids, role).not.toContain(f.submittedId);
    },
  },
  'POST /api/requests': {
    expect: row(401, 201, 403, 201, 403, 403, 403),
    call: () => ({ path: '/api/requests', json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Hồ sơ của công dân', citizenId: citizen.citizenId, requesterName: 'Nguyễn Văn Quầy' } }),
  },
  'GET /api/requests/{id}': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/requests/${f.submittedId}` }) },
  'POST /api/requests/{id}/originals': {
    expect: row(401, 201, 403, 201, 403, 403, 403),
    call: (f) => ({ path: `/api/requests/${f.draftId}/originals`, json: { fileName: 'them.pdf', contentType: 'application/pdf', size: 1000 } }),
  },
  'GET /api/requests/{id}/originals/{originalId}': {
    expect: row(401, 200, 403, 200, 403, 403, 403),
    call: (f) => ({ path: `/api/requests/${f.draftId}/originals/${f.originalId}` }),
  },
  'POST /api/requests/{id}/submit': {
    expect: row(401, 200, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? await freshDraft() : f.draftId}/submit` }),
  },
  'POST /api/requests/{id}/cancel': {
    expect: row(401, 200, 403, 403, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? await freshDraft() : f.draftId}/cancel` }),
  },
  'POST /api/requests/{id}/original-check': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? (await submitted(services, citizen)).id : f.submittedId}/original-check`, json: { method: 'presented-at-counter' } }),
  },
  'POST /api/requests/{id}/certify': {
    expect: row(401, 403, 403, 201, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? (await checked(services, citizen)).id : f.submittedId}/certify` }),
  },
  'POST /api/requests/{id}/reject': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? (await submitted(services, citizen)).id : f.submittedId}/reject`, json: { reasonCode: 'damaged' } }),
  },
  'POST /api/requests/{id}/extend': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({
      path: `/api/requests/${allowed ? (await submitted(services, citizen)).id : f.submittedId}/extend`,
      json: { workingDays: 1, reason: 'Hồ sơ nhiều trang cần đối chiếu' },
    }),
  },
  'POST /api/requests/{id}/issue': {
    expect: row(401, 403, 403, 201, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? await freshRegisterCopy() : f.registerCopyId}/issue` }),
  },
  // The agency's book: its officials and administrators read it; another agency's official does not.
  'GET /api/books': {
    expect: row(401, 403, 403, 200, 403, 403, 200),
    call: () => ({ path: `/api/books?agencyId=${AGENCY}&year=${new Date().getUTCFullYear()}` }),
    check: (res) => expect(res.body.agencyId).toBe(AGENCY),
  },
  // Closing: a competent signer of the agency (the seeded `official` is one). The allowed call
  // closes an empty book of a past year, so that this year's numbering stays in book 01.
  'POST /api/books/{id}/close': {
    expect: row(401, 403, 403, 201, 403, 403, 403),
    call: () => ({ path: `/api/books/${encodeURIComponent(`${AGENCY}~${PAST_BOOK_YEAR}~01~SCT_BS-ĐT`)}/close` }),
  },
  'POST /api/requests/{id}/entitlement': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({
      path: `/api/requests/${allowed ? await awaitingEntitlement('citizen', { entryNo: '126' }) : f.awaitingId}/entitlement`,
      json: { decision: 'accepted', note: 'Đã đối chiếu giấy ủy quyền' },
    }),
  },
  'GET /api/requests/{id}/appointment-slip': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/requests/${f.extendedId}/appointment-slip` }) },
  'GET /api/requests/{id}/refusal': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/requests/${f.rejectedId}/refusal` }) },
  'GET /api/requests/{id}/quote': {
    expect: row(401, 200, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? await freshDraft() : f.draftId}/quote` }),
  },
  'GET /api/requests/{id}/attestation-preview': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/requests/${allowed ? (await submitted(services, citizen)).id : f.submittedId}/attestation-preview` }),
  },
  'GET /api/documents/{id}': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/documents/${f.documentId}` }) },
  'GET /api/documents/{id}/download': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/documents/${f.documentId}/download` }) },
  'GET /api/documents/{id}/verifications': { expect: row(401, 200, 403, 200, 403, 403, 403), call: (f) => ({ path: `/api/documents/${f.documentId}/verifications` }) },
  'POST /api/documents/{id}/shares': { expect: row(401, 201, 403, 403, 403, 403, 403), call: (f) => ({ path: `/api/documents/${f.documentId}/shares`, json: { expiresInHours: 1 } }) },
  'GET /api/documents/{id}/shares': {
    expect: row(401, 200, 403, 403, 403, 403, 403),
    call: (f) => ({ path: `/api/documents/${f.documentId}/shares` }),
    check: (res, _role, f) => expect(res.body.items.map((l: { id: string }) => l.id)).toContain(f.shareId),
  },
  'POST /api/documents/{id}/shares/{shareId}/revoke': {
    expect: row(401, 200, 403, 403, 403, 403, 403),
    // The allowed call withdraws a fresh link: the fixture link must keep working for the share routes.
    call: async (f, _r, allowed) => ({ path: `/api/documents/${f.documentId}/shares/${allowed ? await freshShareId(f.documentId) : f.shareId}/revoke` }),
  },
  'POST /api/documents/{id}/revoke': {
    expect: row(401, 403, 403, 200, 403, 403, 403),
    call: async (f, _r, allowed) => ({ path: `/api/documents/${allowed ? (await issued(services, citizen)).documentId : f.documentId}/revoke`, json: { reason: 'Cấp nhầm, hủy theo quyết định' } }),
  },
  'GET /api/registers': {
    expect: row(401, 403, 403, 200, 200, 403, 403),
    call: () => ({ path: '/api/registers' }),
    check: (res, role) => {
      const ids = (res.body as { id: string }[]).map((r) => r.id);
      if (role === 'official2') expect(ids).not.toContain('khai-sinh-ba-dinh');
      if (role === 'official') expect(ids).toContain('khai-sinh-ba-dinh');
    },
  },
  'POST /api/registers/{id}/entries': {
    expect: row(401, 403, 403, 201, 404, 403, 403),
    call: () => ({ path: '/api/registers/khai-sinh-ba-dinh/entries', json: { entryNo: uniqueEntryNo(), data: birthEntry } }),
  },
  'GET /api/registers/{id}/entries': { expect: row(401, 403, 403, 200, 404, 403, 403), call: () => ({ path: '/api/registers/khai-sinh-ba-dinh/entries?q=a&reason=Ki%E1%BB%83m%20tra%20quy%E1%BB%81n' }) },
  'GET /api/registers/{id}/entries/{entryNo}': { expect: row(401, 403, 403, 200, 404, 403, 403), call: () => ({ path: '/api/registers/khai-sinh-ba-dinh/entries/125?reason=Ki%E1%BB%83m%20tra%20quy%E1%BB%81n' }) },
  'POST /api/registers/{id}/import': {
    expect: row(401, 403, 403, 200, 404, 403, 403),
    call: () => ({
      path: '/api/registers/khai-sinh-ba-dinh/import',
      body: `entryNo,${Object.keys(birthEntry).join(',')}\n${uniqueEntryNo()},${Object.values(birthEntry).join(',')}\n`,
      contentType: 'text/csv; charset=utf-8',
    }),
  },
  // The admin is the dev admin of AGENCY; official2 and the verifier belong to other agencies.
  'GET /api/agencies/{id}/signers': {
    expect: row(401, 403, 403, 200, 403, 403, 200),
    call: () => ({ path: `/api/agencies/${AGENCY}/signers` }),
    check: (res) => expect(res.body.items.map((s: { userSub: string }) => s.userSub)).toContain('dev-official'),
  },
  // Machine clients of receiving agencies (issue 21): administrators register, list and disable them.
  'POST /api/clients': {
    expect: row(401, 403, 403, 403, 403, 403, 201),
    call: () => ({ path: '/api/clients', json: { agencyId: 'nh-vietcom-hoan-kiem', name: 'Hệ thống ma trận quyền', scopes: ['verify'] } }),
    check: (res) => expect(res.body.clientSecret).toEqual(expect.any(String)),
  },
  'GET /api/clients': {
    expect: row(401, 403, 403, 403, 403, 403, 200),
    call: () => ({ path: '/api/clients?agencyId=nh-vietcom-hoan-kiem' }),
    check: (res) => expect(JSON.stringify(res.body)).not.toMatch(/secret/i),
  },
  'POST /api/clients/{clientId}/disable': { expect: row(401, 403, 403, 403, 403, 403, 404), call: () => ({ path: '/api/clients/no-such-client/disable' }) },
  // Bulk checks: verifiers and officials signed in (and clients with scope verify: test/integration/machine-clients.test.ts).
  'POST /api/verify/batch': {
    expect: row(401, 403, 403, 200, 200, 200, 403),
    call: (f) => ({ path: '/api/verify/batch', json: { items: [{ code: f.verifyCode }] } }),
    check: (res) => expect(res.body.results[0].verdict).toBe('authentic'),
  },
  // Revocation webhooks: only machine clients with scope subscribe (test/integration/webhooks.test.ts); every person is refused.
  'POST /api/subscriptions': { expect: row(401, 403, 403, 403, 403, 403, 403), call: () => ({ path: '/api/subscriptions', json: { url: 'https://hooks.example.com/' } }) },
  'GET /api/subscriptions': { expect: row(401, 403, 403, 403, 403, 403, 403), call: () => ({ path: '/api/subscriptions' }) },
  'DELETE /api/subscriptions/{id}': { expect: row(401, 403, 403, 403, 403, 403, 403), call: () => ({ path: '/api/subscriptions/no-such-subscription' }) },
  'GET /api/subscriptions/{id}/deliveries': { expect: row(401, 403, 403, 403, 403, 403, 403), call: () => ({ path: '/api/subscriptions/no-such-subscription/deliveries' }) },
  // An asynchronous batch is read by its agency only: others are told it does not exist (404).
  'GET /api/verify/batch/{jobId}': {
    expect: row(401, 403, 403, 404, 404, 200, 403),
    call: (f) => ({ path: `/api/verify/batch/${f.batchJobId}` }),
    check: (res) => expect(res.body.total).toBe(101),
  },
  'POST /api/agencies/{id}/signers': {
    expect: row(401, 403, 403, 403, 403, 403, 201),
    // A past authorisation of the clerk: it never makes the clerk a signer today.
    call: () => ({ path: `/api/agencies/${AGENCY}/signers`, json: { userSub: 'dev-clerk', title: 'Công chức Tư pháp - Hộ tịch', basis: { decisionNo: '7/QĐ-UBND', decisionDate: '2020-01-02' }, validFrom: '2020-01-02T00:00:00+07:00', validTo: '2020-02-01T00:00:00+07:00' } }),
  },
  'POST /api/agencies/{id}/signers/{signerId}/end': {
    expect: row(401, 403, 403, 403, 403, 403, 200),
    call: async (_f, _r, allowed) => ({ path: `/api/agencies/${AGENCY}/signers/${allowed ? await futureClerkSigner() : 'seed-official'}/end`, json: {} }),
  },
  'GET /api/reports/summary': { expect: row(401, 403, 403, 200, 403, 403, 200), call: () => ({ path: `/api/reports/summary?agencyId=${AGENCY}` }) },
  'GET /api/notifications': {
    expect: row(401, 200, 200, 403, 403, 403, 403),
    call: () => ({ path: '/api/notifications' }),
    check: (res, role, f) => {
      const requestIds = res.body.items.map((n: { requestId: string }) => n.requestId);
      if (role === 'citizen2') expect(requestIds).not.toContain(f.documentRequestId);
    },
  },
  'POST /api/verify': { expect: all(200), call: (f) => ({ path: '/api/verify', body: f.pdf, contentType: 'application/pdf' }) },
  'POST /api/verify/uploads': { expect: all(201), call: (f) => ({ path: '/api/verify/uploads', json: { size: f.pdf.length } }) },
  'GET /api/verify/{code}': { expect: all(200), call: (f) => ({ path: `/api/verify/${f.verifyCode}` }) },
  'GET /api/shares/{token}': { expect: all(200), call: (f) => ({ path: `/api/shares/${f.shareToken}` }) },
  'GET /api/shares/{token}/download': { expect: all(200), call: (f) => ({ path: `/api/shares/${f.shareToken}/download` }) },
  // Issue #21: the code is the capability (anyone holding it), the disclosure setting the owner's alone.
  'GET /api/verify/{code}/document': { expect: all(200), call: (f) => ({ path: `/api/verify/${f.verifyCode}/document` }) },
  'GET /api/verify/{code}/receipt': { expect: all(200), call: (f) => ({ path: `/api/verify/${f.verifyCode}/receipt` }) },
  'POST /api/verify/receipt': { expect: all(200), call: (f) => ({ path: '/api/verify/receipt', body: f.pdf, contentType: 'application/pdf' }) },
  'PUT /api/documents/{id}/disclosure': { expect: row(401, 200, 403, 403, 403, 403, 403), call: (f) => ({ path: `/api/documents/${f.documentId}/disclosure`, json: { showContent: true } }) },
  'GET /api/shares/{token}/verify': { expect: all(200), call: (f) => ({ path: `/api/shares/${f.shareToken}/verify` }) },
};

let fixtures: Fixtures;
const tokens = new Map<Role, string | undefined>();

beforeAll(async () => {
  useTestStack();
  services = realServices();
  const [d, sub, regCopy, awaiting, ext, doc, rej] = await Promise.all([
    draft(services, citizen, [{ bytes: await simplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]),
    submitted(services, citizen),
    freshRegisterCopy(),
    awaitingEntitlement('citizen', { entryNo: '126' }),
    submitted(services, citizen),
    issued(services, citizen),
    submitted(services, citizen),
  ]);
  await extendRequest(services, principal('official'), ext.id, { workingDays: 1, reason: 'Hồ sơ nhiều trang cần đối chiếu' });
  await rejectRequest(services, principal('official'), rej.id, { reasonCode: 'damaged' });
  const share = await shareDocument(services, citizen, doc.documentId, { expiresInHours: 1 });
  const stored = await services.documents.get(doc.documentId);
  fixtures = {
    draftId: d.id,
    originalId: (await services.requests.originals(d.id))[0].originalId,
    submittedId: sub.id,
    registerCopyId: regCopy,
    awaitingId: awaiting,
    extendedId: ext.id,
    rejectedId: rej.id,
    documentId: doc.documentId,
    documentRequestId: doc.requestId,
    verifyCode: doc.verifyCode,
    shareToken: share.token,
    shareId: (await services.documents.sharesOf(doc.documentId)).find((s) => s.token === share.token)!.id!,
    pdf: await services.objects.getBytes(services.buckets.issued, stored!.s3Key, 50 * 1024 * 1024),
    batchJobId: (await queueBatchJob(services, principal('verifier'), Array.from({ length: 101 }, () => ({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' })))).jobId,
  };
  for (const role of ROLES) tokens.set(role, role === 'anonymous' ? undefined : await devToken(role));
});

describe('Authorization matrix: every route × every caller', () => {
  it('has an entry for every route of the route table, and none for routes that do not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s', async (key, route) => {
    const entry = MATRIX[key];
    expect(entry, `no matrix entry for ${key}`).toBeDefined();
    const actual: Partial<Record<Role, number>> = {};
    const cacheable: string[] = [];
    for (const role of ROLES) {
      const expected = entry.expect[role];
      const call = await entry.call(fixtures, role, expected < 300);
      const token = tokens.get(role);
      const res = await apiPatient(route.method, call.path, {
        ...(token ? { token } : {}),
        ...(call.json !== undefined ? { json: call.json } : {}),
        ...(call.body !== undefined ? { body: call.body, contentType: call.contentType } : {}),
      });
      actual[role] = res.status;
      if (res.status === expected && expected >= 400) expectProblem(res, expected);
      if (res.status === expected && expected < 300) entry.check?.(res, role, fixtures);
      // A private route's answers, errors included, and a share link's, stay out of every cache.
      // (The 401 to a caller without a token is the gateway's, as API Gateway's in AWS.)
      const byGateway = role === 'anonymous' && route.access !== 'public';
      if (answersNoStore(route) && !byGateway && res.headers.get('cache-control') !== 'no-store') cacheable.push(`${role} ${res.status}: ${res.headers.get('cache-control')}`);
    }
    expect(actual).toEqual(entry.expect);
    expect(cacheable, `${key} answers without Cache-Control: no-store`).toEqual([]);
  });

  it('changed nothing through the refused calls (the shared resources are as they were)', async () => {
    const status = async (id: string) => (await services.requests.get(id))?.status;
    expect(await status(fixtures.draftId)).toBe('draft');
    expect(await status(fixtures.submittedId)).toBe('submitted');
    expect(await status(fixtures.registerCopyId)).toBe('submitted');
    expect(await status(fixtures.awaitingId)).toBe('awaiting-entitlement');
    const submittedNow = await services.requests.get(fixtures.submittedId);
    expect(submittedNow?.extension).toBeUndefined();
    expect((await services.documents.get(fixtures.documentId))?.status).toBe('valid');
    const history = (await services.audit.history(`REQ#${fixtures.submittedId}`)).map((h) => h.action);
    expect(history).toEqual(['create', 'submit']);
  });
});

describe('Share links', () => {
  it('work without an account until they expire, then answer 404', async () => {
    // Prepare: a share with the smallest expiry, usable at once.
    const created = await api('POST', `/api/documents/${fixtures.documentId}/shares`, { token: tokens.get('citizen'), json: { expiresInHours: 1 } });
    expect(created.status, created.text).toBe(201);
    const { token } = created.body as { token: string };
    expect((await api('GET', `/api/shares/${token}`)).status).toBe(200);
    expect((await api('GET', `/api/shares/${token}/download`)).status).toBe(200);

    // Act: an hour passes (written into the item through the emulator; TTL deletion is lazy).
    await services.db.send(
      new UpdateCommand({
        TableName: services.tableName,
        Key: { PK: `SHARE#${token}`, SK: 'SHARE' },
        UpdateExpression: 'SET expiresAt = :past',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );

    // Assess
    expectProblem(await api('GET', `/api/shares/${token}`), 404);
    expectProblem(await api('GET', `/api/shares/${token}/download`), 404);
    // The owner still reaches the document; the link alone no longer does.
    expect((await api('GET', `/api/documents/${fixtures.documentId}`, { token: tokens.get('citizen') })).status).toBe(200);
  });
});
