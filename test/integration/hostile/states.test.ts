import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/roles';
import type { Services } from '../../../shared/runtime/services';
import { cancelRequest } from '../../../shared/use-cases/cancel-request';
import { createRequest } from '../../../shared/use-cases/create-request';
import { extendRequest } from '../../../shared/use-cases/extend-request';
import { revokeDocument } from '../../../shared/use-cases/revoke-document';
import { submitRequest } from '../../../shared/use-cases/submit-request';
import { simplePdf } from '../../fixtures/hostile/make-corpus';
import { api, type ApiResponse } from '../../helpers/api';
import { AGENCY, checkOriginal, devToken, draft, expectProblem, issued, principal, realServices, snapshot, submitted, throwawayCitizen, useTestStack } from './support';

/**
 * Operations in the wrong state, or with a wrong body for the state, through the real API: each is
 * a 4xx problem+json in Vietnamese, and the request (and its document) is unchanged.
 */

let services: Services;
let owner: { token: string; principal: Principal };
let official: string;

beforeAll(async () => {
  useTestStack();
  services = realServices();
  owner = await throwawayCitizen();
  official = await devToken('official');
});

interface Arranged {
  requestId: string;
  documentId?: string;
  act(): Promise<ApiResponse>;
}

const post = (path: string, token: string, json?: unknown) => api('POST', path, json === undefined ? { token } : { token, json });

async function registerCopy(): Promise<string> {
  const request = await createRequest(services, owner.principal, {
    kind: 'register-copy',
    agencyId: AGENCY,
    registerId: 'khai-sinh-ba-dinh',
    entryNo: '125',
    title: 'Trích lục khai sinh',
    copies: 1,
  });
  return (await submitRequest(services, owner.principal, request.id)).id;
}

/** [name, arrange the state and the hostile call, expected status range] */
const CASES: [string, () => Promise<Arranged>, [number, number]][] = [
  ['certifying a draft', async () => {
    const { id } = await draft(services, owner.principal, [{ bytes: await simplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]);
    return { requestId: id, act: () => post(`/api/requests/${id}/certify`, official) };
  }, [409, 409]],
  ['submitting twice', async () => {
    const { id } = await submitted(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/submit`, owner.token) };
  }, [409, 409]],
  ['submitting a draft without originals', async () => {
    const { id } = await draft(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/submit`, owner.token) };
  }, [409, 409]],
  ['rejecting a draft', async () => {
    const { id } = await draft(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/reject`, official, { reasonCode: 'damaged' }) };
  }, [409, 409]],
  ['extending a draft', async () => {
    const { id } = await draft(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/extend`, official, { workingDays: 1, reason: 'Nhiều trang cần đối chiếu' }) };
  }, [409, 409]],
  ['extending past two working days in total', async () => {
    const { id } = await submitted(services, owner.principal);
    await extendRequest(services, principal('official'), id, { workingDays: 2, reason: 'Nhiều trang cần đối chiếu' });
    return { requestId: id, act: () => post(`/api/requests/${id}/extend`, official, { workingDays: 1, reason: 'Thêm một ngày nữa' }) };
  }, [409, 409]],
  ['adding an original to a submitted request', async () => {
    const { id } = await submitted(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/originals`, owner.token, { fileName: 'them.pdf', contentType: 'application/pdf', size: 100 }) };
  }, [409, 409]],
  ['cancelling an issued request', async () => {
    const doc = await issued(services, owner.principal);
    return { requestId: doc.requestId, documentId: doc.documentId, act: () => post(`/api/requests/${doc.requestId}/cancel`, owner.token) };
  }, [409, 409]],
  ['certifying an issued request again', async () => {
    const doc = await issued(services, owner.principal);
    return { requestId: doc.requestId, documentId: doc.documentId, act: () => post(`/api/requests/${doc.requestId}/certify`, official) };
  }, [409, 409]],
  ['certifying a cancelled request', async () => {
    const { id } = await submitted(services, owner.principal);
    await cancelRequest(services, owner.principal, id);
    return { requestId: id, act: () => post(`/api/requests/${id}/certify`, official) };
  }, [409, 409]],
  ['issuing a register copy for a certify-copy request', async () => {
    const { id } = await submitted(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/issue`, official) };
  }, [409, 409]],
  ['certifying a register-copy request', async () => {
    const id = await registerCopy();
    return { requestId: id, act: () => post(`/api/requests/${id}/certify`, official) };
  }, [409, 409]],
  // Decree 23/2015 Art. 16(2): entry 125 is not this citizen's, and no official has accepted their right.
  ['issuing a register copy whose requester is not shown to be entitled', async () => {
    const id = await registerCopy();
    return { requestId: id, act: () => post(`/api/requests/${id}/issue`, official) };
  }, [409, 409]],
  ['revoking a document twice', async () => {
    const doc = await issued(services, owner.principal);
    await revokeDocument(services, principal('official'), doc.documentId, { reason: 'Cấp nhầm người yêu cầu' });
    return { requestId: doc.requestId, documentId: doc.documentId, act: () => post(`/api/documents/${doc.documentId}/revoke`, official, { reason: 'Hủy lần thứ hai' }) };
  }, [409, 409]],
  ['revoking with a four-character reason', async () => {
    const doc = await issued(services, owner.principal);
    return { requestId: doc.requestId, documentId: doc.documentId, act: () => post(`/api/documents/${doc.documentId}/revoke`, official, { reason: 'sai.' }) };
  }, [422, 422]],
  ['rejecting for "other" without a written reason', async () => {
    const { id } = await submitted(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/reject`, official, { reasonCode: 'other' }) };
  }, [422, 422]],
  ['rejecting with an unknown legal ground', async () => {
    const { id } = await submitted(services, owner.principal);
    return { requestId: id, act: () => post(`/api/requests/${id}/reject`, official, { reasonCode: 'i-do-not-like-it' }) };
  }, [422, 422]],
  // A PUT to the still-valid upload URL after submit no longer reaches what is certified
  // (test/integration/uploads-after-submit.test.ts); the SHA-256 recheck at certify stays for these two.
  ['certifying an original whose copy taken at submit was rewritten outside the service', async () => {
    const { id } = await draft(services, owner.principal, [{ bytes: await simplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]);
    await submitRequest(services, owner.principal, id);
    const [original] = await services.requests.originals(id);
    expect(original.submittedKey).toMatch(new RegExp(`^submitted/${id}/`));
    await services.objects.put(services.buckets.originals, original.submittedKey!, await simplePdf(3), 'application/pdf'); // never inspected
    await checkOriginal(services, id);
    return { requestId: id, act: () => post(`/api/requests/${id}/certify`, official) };
  }, [409, 409]],
  ['certifying an original replaced through its upload URL, on a request submitted before copies were taken at submit', async () => {
    const bytes = await simplePdf(1);
    const { id, uploads } = await draft(services, owner.principal, [{ bytes, fileName: 'a.pdf', contentType: 'application/pdf' }]);
    await submitRequest(services, owner.principal, id);
    const [original] = await services.requests.originals(id);
    await services.db.send(new UpdateCommand({ TableName: services.tableName, Key: { PK: `REQ#${id}`, SK: `ORIG#${original.originalId}` }, UpdateExpression: 'REMOVE submittedKey' }));
    const other = await simplePdf(3); // another document, never inspected
    const replaced = await fetch(uploads[0], { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: other as BodyInit });
    expect(replaced.ok).toBe(true);
    await checkOriginal(services, id);
    return { requestId: id, act: () => post(`/api/requests/${id}/certify`, official) };
  }, [409, 409]],
];

async function state(arranged: Arranged) {
  const doc = arranged.documentId ? await services.documents.get(arranged.documentId) : undefined;
  return { request: await snapshot(services, arranged.requestId), document: doc && { status: doc.status, revocation: doc.revocation } };
}

describe('Hostile input: operations in the wrong state', () => {
  it.each(CASES)('refuses %s with a Vietnamese problem and changes nothing', async (_name, arrange, [lo, hi]) => {
    // Prepare
    const arranged = await arrange();
    const before = await state(arranged);

    // Act
    const res = await arranged.act();

    // Assess
    expectProblem(res, lo, hi);
    expect(await state(arranged)).toEqual(before);
  });
});
