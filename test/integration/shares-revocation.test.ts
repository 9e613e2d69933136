import { beforeAll, describe, expect, it } from 'vitest';
import { api, login, type ApiResponse } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';

/**
 * Issue #16 item 5 — revocation reaches share links: a revoked copy's links answer 410 with the
 * revocation notice and never a file, no new link can be made, and the owner can list and
 * withdraw their links. Everything through the real handlers behind the local gateway.
 */

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
  expect(res.body.title).toMatch(VIETNAMESE);
  expect(res.body.detail).toMatch(VIETNAMESE);
}

/** A certified copy owned by the dev citizen. */
async function issuedCopy() {
  const { id } = await submittedRequest();
  return certify(id);
}

async function share(documentId: string, user = 'citizen') {
  return api('POST', `/api/documents/${documentId}/shares`, { token: await login(user), json: { expiresInHours: 72 } });
}

let citizen: string;
let citizen2: string;
let official: string;

beforeAll(async () => {
  [citizen, citizen2, official] = await Promise.all([login('citizen'), login('citizen2'), login('official')]);
});

describe('Share links of a revoked copy', () => {
  it('answer 410 with the revocation notice on view and download, and never hand out the file', async () => {
    // Prepare: a copy shared while valid; the link works.
    const copy = await issuedCopy();
    const created = await share(copy.documentId);
    expect(created.status, created.text).toBe(201);
    const { token } = created.body;
    expect((await api('GET', `/api/shares/${token}/download`)).status).toBe(200);

    // Act: the issuing agency revokes the copy.
    const reason = 'Cấp nhầm người yêu cầu; đã cấp lại bản sao khác.';
    const revoked = await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: official, json: { reason } });
    expect(revoked.status, revoked.text).toBe(200);
    const view = await api('GET', `/api/shares/${token}`);
    const download = await api('GET', `/api/shares/${token}/download`);

    // Assess: 410 with the notice as the public revocation list shows it, and no URL anywhere.
    const list = await api('GET', '/api/revocations?limit=100');
    const line = list.body.items.find((i: { verifyCode: string }) => i.verifyCode === copy.verifyCode);
    expect(line).toBeDefined();
    for (const res of [view, download]) {
      expectProblem(res, 410);
      expect(res.body.detail).toContain(reason.slice(0, -1));
      expect(res.body.detail).not.toContain('..');
      expect(res.body.detail).toContain(`Số chứng thực ${copy.number}, quyển số ${copy.book}`);
      expect(res.body.revocation).toEqual(line);
      expect(res.body.revocation).toMatchObject({ revokedAt: revoked.body.revocation.at, reason, agencyId: 'ubnd-phuong-ba-dinh' });
      expect(res.body.revocation.issuer).toMatch(VIETNAMESE);
      expect(res.text).not.toMatch(/https?:\/\/[^"]*documents\//);
      expect(res.body.url).toBeUndefined();
    }
  });

  it('cannot be made: sharing a revoked copy is a 409 in Vietnamese and no link appears', async () => {
    // Prepare
    const copy = await issuedCopy();
    await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: official, json: { reason: 'Quyết định hủy số 15/QĐ-UBND' } });

    // Act
    const res = await share(copy.documentId);

    // Assess
    expectProblem(res, 409);
    expect(res.body.token).toBeUndefined();
    expect(res.body.revocation).toMatchObject({ verifyCode: copy.verifyCode, reason: 'Quyết định hủy số 15/QĐ-UBND' });
    const links = await api('GET', `/api/documents/${copy.documentId}/shares`, { token: citizen });
    expect(links.status, links.text).toBe(200);
    expect(links.body.items).toEqual([]);
  });
});

describe("The owner's share links", () => {
  it('lists the links with their state and withdraws one, which then answers 404 while the others work', async () => {
    // Prepare: two links of one copy.
    const copy = await issuedCopy();
    const first = (await share(copy.documentId)).body;
    const second = (await share(copy.documentId)).body;

    // Act: list, withdraw the first, list again.
    const before = await api('GET', `/api/documents/${copy.documentId}/shares`, { token: citizen });
    const mine = before.body.items.find((l: { token?: string }) => l.token === first.token);
    const withdrawn = await api('POST', `/api/documents/${copy.documentId}/shares/${mine.id}/revoke`, { token: citizen });
    const after = await api('GET', `/api/documents/${copy.documentId}/shares`, { token: citizen });

    // Assess: both listed, active, with the owner's own URLs; the id is not the token.
    expect(before.status, before.text).toBe(200);
    expect(before.body.items.map((l: { token: string }) => l.token).sort()).toEqual([second.token, first.token].sort());
    expect(mine).toMatchObject({ status: 'active', shareUrl: first.shareUrl, expiresAt: first.expiresAt });
    expect(mine.id).not.toBe(first.token);
    expect(first.token).not.toContain(mine.id);
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: mine.id, status: 'revoked' });
    expect(typeof withdrawn.body.revokedAt).toBe('string');
    const states = Object.fromEntries(after.body.items.map((l: { token: string; status: string }) => [l.token, l.status]));
    expect(states).toEqual({ [first.token]: 'revoked', [second.token]: 'active' });
    // The withdrawn link answers like an expired one; the other keeps working.
    expectProblem(await api('GET', `/api/shares/${first.token}`), 404);
    expectProblem(await api('GET', `/api/shares/${first.token}/download`), 404);
    expect((await api('GET', `/api/shares/${second.token}`)).status).toBe(200);
    // Withdrawing again changes nothing.
    const again = await api('POST', `/api/documents/${copy.documentId}/shares/${mine.id}/revoke`, { token: citizen });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(withdrawn.body.revokedAt);
  });

  it("refuses another citizen, an official and an unknown link: neither list nor withdraw, and the link keeps working", async () => {
    // Prepare
    const copy = await issuedCopy();
    const { token } = (await share(copy.documentId)).body;
    const [link] = (await api('GET', `/api/documents/${copy.documentId}/shares`, { token: citizen })).body.items;

    // Act
    const otherList = await api('GET', `/api/documents/${copy.documentId}/shares`, { token: citizen2 });
    const otherRevoke = await api('POST', `/api/documents/${copy.documentId}/shares/${link.id}/revoke`, { token: citizen2 });
    const officialList = await api('GET', `/api/documents/${copy.documentId}/shares`, { token: official });
    const officialRevoke = await api('POST', `/api/documents/${copy.documentId}/shares/${link.id}/revoke`, { token: official });
    const anonymous = await api('GET', `/api/documents/${copy.documentId}/shares`);
    const unknown = await api('POST', `/api/documents/${copy.documentId}/shares/AAAAAAAAAAAA/revoke`, { token: citizen });

    // Assess
    for (const res of [otherList, otherRevoke, officialList, officialRevoke]) expectProblem(res, 403);
    expect(otherList.text).not.toContain(token);
    expect(anonymous.status).toBe(401);
    expectProblem(unknown, 404);
    expect((await api('GET', `/api/shares/${token}`)).status).toBe(200);
  });

  it("does not show the token of a link of another copy's list, nor let it be withdrawn through another copy", async () => {
    // Prepare: two copies of the same owner, a link on the first.
    const [a, b] = await Promise.all([issuedCopy(), issuedCopy()]);
    const { token } = (await share(a.documentId)).body;
    const [link] = (await api('GET', `/api/documents/${a.documentId}/shares`, { token: citizen })).body.items;

    // Act
    const listB = await api('GET', `/api/documents/${b.documentId}/shares`, { token: citizen });
    const crossed = await api('POST', `/api/documents/${b.documentId}/shares/${link.id}/revoke`, { token: citizen });

    // Assess
    expect(listB.body.items).toEqual([]);
    expectProblem(crossed, 404);
    expect((await api('GET', `/api/shares/${token}`)).status).toBe(200);
  });
});
