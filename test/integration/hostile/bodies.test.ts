import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/roles';
import type { Services } from '../../../shared/runtime/services';
import { api } from '../../helpers/api';
import { AGENCY, apiPatient, devToken, draft, expectProblem, issued, realServices, snapshot, submitted, throwawayCitizen, useTestStack } from './support';

/**
 * Hostile request bodies, query strings, paths and tokens through the real API: each gets a 4xx
 * problem+json in Vietnamese, and no stored data changes (the caller's requests, a draft, a
 * submitted request and an issued document are compared before and after). A row is one case.
 * The bounds on a body's size and depth are tested with their counter in test/unit/http/json-body.test.ts.
 */

interface Ctx {
  citizen: string;
  official: string;
  admin: string;
  draftId: string;
  submittedId: string;
  documentId: string;
}

interface Call {
  method?: string;
  path: string;
  /** Who calls: a key of Ctx holding a token, or a literal Authorization value, or nobody. */
  as?: 'citizen' | 'official' | 'admin';
  authorization?: string;
  json?: unknown;
  body?: string | Uint8Array;
  contentType?: string;
}

const cursor = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
const create = { kind: 'certify-copy', agencyId: AGENCY, title: 'Bằng tốt nghiệp', copies: 1 };
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** [name, the call, expected status range] */
const CASES: [string, (c: Ctx) => Call, [number, number]][] = [
  // Creating a request
  ['malformed JSON', () => ({ path: '/api/requests', as: 'citizen', body: '{"kind": "certify-copy",', contentType: 'application/json' }), [400, 400]],
  ['an empty JSON body', () => ({ path: '/api/requests', as: 'citizen', body: '', contentType: 'application/json' }), [400, 400]],
  ['the JSON value null', () => ({ path: '/api/requests', as: 'citizen', body: 'null', contentType: 'application/json' }), [422, 422]],
  ['a JSON array', () => ({ path: '/api/requests', as: 'citizen', json: [create] }), [422, 422]],
  ['wrong types (a numeric title, copies as text)', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, title: 42, copies: 'hai' } }), [422, 422]],
  ['a title of 10 000 characters', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, title: 'A'.repeat(10_000) } }), [422, 422]],
  ['10^9 copies', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, copies: 1e9 } }), [422, 422]],
  ['zero copies', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, copies: 0 } }), [422, 422]],
  ['a fractional number of copies', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, copies: 1.5 } }), [422, 422]],
  ['an unknown kind', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, kind: 'notarize' } }), [422, 422]],
  ['an unknown agency', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, agencyId: 'ubnd-khong-ton-tai' } }), [422, 422]],
  ['an agency that does not certify copies (a bank)', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, agencyId: 'nh-vietcom-hoan-kiem' } }), [422, 422]],
  ['a citizen filing for another CCCD number', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, citizenId: '001090012345' } }), [403, 403]],
  ['an unknown field', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, status: 'issued' } }), [422, 422]],
  ['a __proto__ key', () => ({ path: '/api/requests', as: 'citizen', body: `{"__proto__":{"status":"issued"},${JSON.stringify(create).slice(1)}`, contentType: 'application/json' }), [422, 422]],
  ['JSON nested 10 000 deep', () => ({ path: '/api/requests', as: 'citizen', body: `{"title":${nested(10_000)}}`, contentType: 'application/json' }), [400, 400]],
  ['a body of 11 MB', () => ({ path: '/api/requests', as: 'citizen', body: JSON.stringify({ ...create, title: 'x'.repeat(11 * 1024 * 1024) }), contentType: 'application/json' }), [413, 413]],
  ['a text/plain body', () => ({ path: '/api/requests', as: 'citizen', body: 'kind=certify-copy', contentType: 'text/plain' }), [415, 415]],
  ['XML sent as JSON', () => ({ path: '/api/requests', as: 'citizen', body: '<request kind="certify-copy"/>', contentType: 'application/json' }), [400, 400]],
  ['a title of nothing but bidi overrides and zero-width characters', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, title: '\u202E\u200B\u2066\u2069\uFEFF ' } }), [422, 422]],
  ['an extension reason that is zero-width padding', (c) => ({ path: `/api/requests/${c.submittedId}/extend`, as: 'official', json: { workingDays: 1, reason: 'ab\u200B\u200B\u200B\u200B\u200B' } }), [422, 422]],
  ['a register copy without a register', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, kind: 'register-copy' } }), [422, 422]],
  ['a register copy from another agency’s register', () => ({ path: '/api/requests', as: 'citizen', json: { ...create, kind: 'register-copy', registerId: 'van-bang-phan-dinh-phung', entryNo: 'PDP-2008-0412' } }), [422, 422]],
  // Query strings
  ['a list limit of 10^9', () => ({ method: 'GET', path: '/api/requests?limit=1000000000', as: 'citizen' }), [422, 422]],
  ['an unknown status filter', () => ({ method: 'GET', path: '/api/requests?status=hacked', as: 'citizen' }), [422, 422]],
  ['a forged page cursor', () => ({ method: 'GET', path: `/api/requests?cursor=${Buffer.from('{"PK":{"S":"REQ#x"}}').toString('base64url')}`, as: 'citizen' }), [400, 400]],
  ['a cursor into another citizen’s list', () => ({ method: 'GET', path: `/api/requests?cursor=${cursor({ PK: 'REQ#x', SK: 'META', GSI1PK: 'CIT#001090012345', GSI1SK: '2026-01-01T00:00:00.000Z#x' })}`, as: 'citizen' }), [400, 400]],
  ['a cursor of table keys only', () => ({ method: 'GET', path: `/api/requests?cursor=${cursor({ PK: 'REQ#x', SK: 'META' })}`, as: 'official' }), [400, 400]],
  ['a cursor into the revocation list naming another index', () => ({ method: 'GET', path: `/api/revocations?cursor=${cursor({ PK: 'DOC#x', SK: 'META', GSI1PK: 'REVOKED', GSI1SK: 'x' })}` }), [400, 400]],
  ['a page cursor that is not base64 JSON', () => ({ method: 'GET', path: '/api/requests?cursor=%00%FF!!', as: 'citizen' }), [400, 400]],
  ['a negative revocation list limit', () => ({ method: 'GET', path: '/api/revocations?limit=-1' }), [422, 422]],
  ['a report whose start is after its end', () => ({ method: 'GET', path: '/api/reports/summary?from=2026-02-01&to=2026-01-01', as: 'admin' }), [422, 422]],
  ['a report over ten years', () => ({ method: 'GET', path: '/api/reports/summary?from=2016-01-01&to=2026-01-01', as: 'admin' }), [422, 422]],
  ['a report date that is not a date', () => ({ method: 'GET', path: '/api/reports/summary?from=yesterday', as: 'admin' }), [422, 422]],
  // Paths
  ['a request id of 300 characters', () => ({ method: 'GET', path: `/api/requests/${'a'.repeat(300)}`, as: 'citizen' }), [404, 404]],
  ['a request id with an encoded path traversal', () => ({ method: 'GET', path: '/api/requests/..%2F..%2Fetc%2Fpasswd', as: 'citizen' }), [404, 404]],
  ['malformed percent-encoding in a path parameter', () => ({ method: 'GET', path: '/api/requests/%E0%A4%A', as: 'citizen' }), [400, 400]],
  ['an unknown request id', () => ({ method: 'GET', path: '/api/requests/00000000-0000-4000-8000-000000000000', as: 'citizen' }), [404, 404]],
  ['an unknown route', () => ({ method: 'GET', path: '/api/requests/x/y/z' }), [404, 404]],
  ['a method the route does not have', () => ({ method: 'DELETE', path: '/api/requests' }), [405, 405]],
  ['a verify code of 10 000 characters', () => ({ method: 'GET', path: `/api/verify/${'A'.repeat(10_000)}` }), [404, 404]],
  ['a share token with SQL', () => ({ method: 'GET', path: `/api/shares/${encodeURIComponent("' OR 1=1 --")}` }), [404, 404]],
  // Tokens
  ['a bearer token of garbage', () => ({ method: 'GET', path: '/api/requests', authorization: 'Bearer not.a.jwt' }), [401, 401]],
  ['a bearer token of 10 000 characters', () => ({ method: 'GET', path: '/api/requests', authorization: `Bearer ${'x'.repeat(10_000)}` }), [401, 401]],
  ['a Basic authorization header', () => ({ method: 'GET', path: '/api/requests', authorization: 'Basic YWRtaW46YWRtaW4=' }), [401, 401]],
  // Other bodies
  ['a share valid for 10^9 hours', (c) => ({ path: `/api/documents/${c.documentId}/shares`, as: 'citizen', json: { expiresInHours: 1e9 } }), [422, 422]],
  ['a share valid for 0 hours', (c) => ({ path: `/api/documents/${c.documentId}/shares`, as: 'citizen', json: { expiresInHours: 0 } }), [422, 422]],
  ['a revocation reason of 10 000 characters', (c) => ({ path: `/api/documents/${c.documentId}/revoke`, as: 'official', json: { reason: 'x'.repeat(10_000) } }), [422, 422]],
  ['a refusal detail of 10 000 characters', (c) => ({ path: `/api/requests/${c.submittedId}/reject`, as: 'official', json: { reasonCode: 'other', detail: 'x'.repeat(10_000) } }), [422, 422]],
  ['an extension of 10^9 working days', (c) => ({ path: `/api/requests/${c.submittedId}/extend`, as: 'official', json: { workingDays: 1e9, reason: 'Nhiều trang cần đối chiếu' } }), [422, 422]],
  ['a register import sent as JSON', () => ({ path: '/api/registers/khai-sinh-ba-dinh/import', as: 'official', json: { entryNo: '1' } }), [415, 415]],
  ['a register entry with an impossible date', () => ({ path: '/api/registers/khai-sinh-ba-dinh/entries', as: 'official', json: { entryNo: 'H-1', data: { hoTen: 'A', ngaySinh: '2024-02-31', gioiTinh: 'Nam', noiSinh: 'Hà Nội', danToc: 'Kinh', quocTich: 'Việt Nam', soDangKy: '1', ngayDangKy: '2024-03-01' } } }), [422, 422]],
  ['a register entry with a field of another type', () => ({ path: '/api/registers/khai-sinh-ba-dinh/entries', as: 'official', json: { entryNo: 'H-2', data: { hoTen: { $gt: '' } } } }), [422, 422]],
  ['a file to verify that is not a PDF', () => ({ path: '/api/verify', body: '<html></html>', contentType: 'application/pdf' }), [415, 415]],
  ['a verification upload id that was never issued', () => ({ path: '/api/verify', json: { uploadId: '1700000000000-AAAAAAAAAAAAAAAAAAAAAAAA' } }), [404, 404]],
  ['a verification upload id with a path', () => ({ path: '/api/verify', json: { uploadId: '../../issued/documents/x' } }), [422, 422]],
  ['a verification request nested 100 000 deep', () => ({ path: '/api/verify', body: nested(100_000), contentType: 'application/json' }), [400, 422]],
];

let services: Services;
let owner: { token: string; principal: Principal };
let ctx: Ctx;

beforeAll(async () => {
  useTestStack();
  services = realServices();
  owner = await throwawayCitizen();
  const [draftReq, submittedReq, doc] = await Promise.all([draft(services, owner.principal), submitted(services, owner.principal), issued(services, owner.principal)]);
  ctx = {
    citizen: owner.token,
    official: await devToken('official'),
    admin: await devToken('admin'),
    draftId: draftReq.id,
    submittedId: submittedReq.id,
    documentId: doc.documentId,
  };
});

/** Everything a hostile call could have changed. */
async function stored() {
  const [mine, draftState, submittedState, doc] = await Promise.all([
    services.requests.listByCitizen(owner.principal.citizenId!, { limit: 100 }),
    snapshot(services, ctx.draftId),
    snapshot(services, ctx.submittedId),
    services.documents.get(ctx.documentId),
  ]);
  return { requests: mine.items.map((r) => `${r.id}:${r.status}`).sort(), draftState, submittedState, document: doc?.status };
}

describe('Hostile input: bodies, query strings, paths and tokens', () => {
  it.each(CASES)('answers %s with a Vietnamese problem and changes nothing', async (_name, build, [lo, hi]) => {
    // Prepare
    const call = build(ctx);
    const before = await stored();
    const authorization = call.authorization ?? (call.as ? `Bearer ${ctx[call.as]}` : undefined);

    // Act
    const res = await apiPatient(call.method ?? 'POST', call.path, {
      ...(authorization ? { headers: { authorization } } : {}),
      ...(call.json !== undefined ? { json: call.json } : {}),
      ...(call.body !== undefined ? { body: call.body, contentType: call.contentType } : {}),
    });

    // Assess
    expectProblem(res, lo, hi);
    expect(await stored()).toEqual(before);
  });

  it('stores a title without bidi overrides or zero-width characters, in NFC, as file names are kept', async () => {
    // Prepare: a title that would display reversed, with invisible characters and combining marks.
    // (A citizen of its own: the owner's list is compared by the other tests.)
    const { token } = await throwawayCitizen();
    const title = 'Giấy khai sinh \u202Efdp.exe\u202C Nguye\u0302\u0303n\u200B Va\u0306n\u200D\uFEFF';
    // Act
    const created = await apiPatient('POST', '/api/requests', { token, json: { ...create, title } });
    // Assess
    expect(created.status, created.text).toBe(201);
    expect(created.body.title).toBe('Giấy khai sinh fdp.exe Nguyễn Văn');
    const read = await apiPatient('GET', `/api/requests/${created.body.id}`, { token });
    expect(read.body.title).toBe('Giấy khai sinh fdp.exe Nguyễn Văn');
    const upload = await apiPatient('POST', `/api/requests/${created.body.id}/originals`, { token, json: { fileName: 'ba\u0300\u200Bn-go\u0302\u0301c\u202E.pdf', contentType: 'application/pdf', size: 1000 } });
    expect(upload.status, upload.text).toBe(201);
    expect(upload.body.fileName).toBe('bàn-gốc.pdf');
  });

  it('still pages with the cursors it hands out', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const res = await api('GET', `/api/requests?limit=1${next ? `&cursor=${next}` : ''}`, { token: ctx.citizen });
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      next = res.body.nextCursor;
    } while (next && seen.length < 10);
    expect(new Set(seen)).toEqual(new Set([ctx.draftId, ctx.submittedId, (await services.documents.get(ctx.documentId))!.requestId]));
  });
});
