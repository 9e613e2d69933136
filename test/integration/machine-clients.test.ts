import { describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { expectProblem, realServices, useTestStack } from './hostile/support';
import { DEFAULT_ITEM_QUOTA, quotaWindows } from '../../shared/domain/item-quota';


const BANK = 'nh-vietcom-hoan-kiem';

async function issuedCopy() {
  const { id } = await submittedRequest();
  const issued = await certify(id);
  return { ...issued, pdf: await downloadPdf(issued.documentId) };
}

async function register(scopes: string[]) {
  const res = await api('POST', '/api/clients', { token: await login('admin'), json: { agencyId: BANK, name: 'Hệ thống mở tài khoản', scopes } });
  expect(res.status, res.text).toBe(201);
  return res.body as { clientId: string; clientSecret: string; tokenUrl: string; scopes: string[] };
}

async function tokenFor(clientId: string, secret: string, scope?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  const res = await fetch(`${baseUrl()}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
}

async function uploadForVerify(bytes: Uint8Array): Promise<string> {
  const up = await api('POST', '/api/verify/uploads', { json: { size: bytes.length } });
  expect(up.status).toBe(201);
  expect((await fetch(up.body.uploadUrl, { method: 'PUT', headers: up.body.uploadHeaders, body: bytes as BodyInit })).ok).toBe(true);
  return up.body.uploadId as string;
}

describe("Machine clients: a receiving agency's system checks copies in bulk", () => {
  it('registers a client (secret once), gets a client-credentials token, verifies a batch in order, and the owner sees the bank', async () => {
    // Prepare: two authentic copies, one tampered file, all uploaded through the verify-uploads flow.
    const [a, b] = [await issuedCopy(), await issuedCopy()];
    const tampered = b.pdf.slice();
    tampered[Math.floor(tampered.length / 3)] ^= 0x01;
    const ids = [await uploadForVerify(a.pdf), await uploadForVerify(tampered), await uploadForVerify(b.pdf)];
    const client = await register(['verify']);
    expect(client.tokenUrl).toBe(`${baseUrl()}/oauth2/token`);
    expect(client.scopes).toEqual(['bansao/verify']);
    const listed = await api('GET', `/api/clients?agencyId=${BANK}`, { token: await login('admin') });
    expect(listed.text).not.toContain(client.clientSecret);
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ clientId: client.clientId, status: 'active' })]));

    // Act
    const token = await tokenFor(client.clientId, client.clientSecret, 'bansao/verify');
    expect(token.status).toBe(200);
    expect(token.body.token_type).toBe('Bearer');
    const batch = await api('POST', '/api/verify/batch', { token: token.body.access_token, json: { items: [...ids.map((uploadId) => ({ uploadId })), { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }] } });

    // Assess: one result per item, in order; the unknown code is its own problem.
    expect(batch.status, batch.text).toBe(200);
    expect(batch.body.results.map((r: { verdict?: string; error?: { status: number } }) => r.verdict ?? r.error?.status)).toEqual(['authentic', 'tampered', 'authentic', 404]);
    expect(batch.body.results[3].error.detail).toMatch(/mã kiểm tra/);
    const log = await api('GET', `/api/documents/${a.documentId}/verifications`, { token: await login('citizen') });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ via: 'file', verdict: 'authentic', verifierAgencyId: BANK, verifierName: expect.stringMatching(/^Ngân hàng/) })]));
  });

  it('refuses a wrong secret (401 invalid_client), a token without scope verify (403), a disabled client (401), and a client on a route for people (401)', async () => {
    // Prepare
    const client = await register(['verify', 'subscribe']);
    // Act / Assess: the wrong secret.
    const wrong = await tokenFor(client.clientId, `${client.clientSecret}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    // A token asked for subscribe only: no verify scope.
    const subscribeOnly = await tokenFor(client.clientId, client.clientSecret, 'bansao/subscribe');
    expect(subscribeOnly.status).toBe(200);
    const items = [{ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }];
    const refused = await api('POST', '/api/verify/batch', { token: subscribeOnly.body.access_token, json: { items } });
    expectProblem(refused, 403);
    // A client token is no person's: a route for people refuses it at the gateway.
    const full = (await tokenFor(client.clientId, client.clientSecret)).body.access_token;
    expectProblem(await api('GET', '/api/requests', { token: full }), 401);
    // Disabled: its unexpired token is refused at once.
    expect((await api('POST', '/api/verify/batch', { token: full, json: { items } })).status).toBe(200);
    expect((await api('POST', `/api/clients/${client.clientId}/disable`, { token: await login('admin') })).body.status).toBe('disabled');
    expectProblem(await api('POST', '/api/verify/batch', { token: full, json: { items } }), 401);
  });

  it('answers more than 1,000 items with a 422 that says the limit', async () => {
    const res = await api('POST', '/api/verify/batch', { token: await login('verifier'), json: { items: Array.from({ length: 1001 }, () => ({ code: 'ZZZZ' })) } });
    expectProblem(res, 422);
    expect(res.text).toContain('1000');
  });
});

type JobView = { status: string; total: number; completed: number; results?: { verdict?: string; error?: { status: number } }[]; nextOffset?: number; expiresAt: string };

/** Reads the job until it has ended (the worker runs from the table stream). */
async function jobWhenEnded(path: string, token: string): Promise<JobView> {
  // Once a second: the route's rate limit is 120 a minute per caller.
  for (let i = 0; i < 100; i++) {
    const res = await api('GET', path, { token });
    expect(res.status, res.text).toBe(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body as JobView;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`job ${path} did not end`);
}

describe('Large batches, the per-item quota, and disabled clients', () => {
  it('queues a 150-item batch (202 + Location), runs it in the worker, and answers 150 verdicts in order to its agency only', { timeout: 150_000 }, async () => {
    // Prepare: one authentic copy, one revoked, and unknown codes, interleaved.
    const [good, gone] = [await issuedCopy(), await issuedCopy()];
    expect((await api('POST', `/api/documents/${gone.documentId}/revoke`, { token: await login('official'), json: { reason: 'Cấp nhầm người yêu cầu' } })).status).toBe(200);
    const kinds = Array.from({ length: 150 }, (_, i) => (['authentic', 'revoked', 404] as const)[i % 3]);
    const items = kinds.map((k) => ({ code: k === 'authentic' ? good.verifyCode : k === 'revoked' ? gone.verifyCode : 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }));
    const client = await register(['verify']);
    const token = (await tokenFor(client.clientId, client.clientSecret)).body.access_token;

    // Act
    const queued = await api('POST', '/api/verify/batch', { token, json: { items } });
    expect(queued.status, queued.text).toBe(202);
    const path = new URL(queued.body.resultUrl).pathname;
    const done = await jobWhenEnded(path, token);
    const rest = await api('GET', `${path}?offset=${done.nextOffset}`, { token });

    // Assess
    expect(queued.headers.get('location')).toBe(queued.body.resultUrl);
    expect(queued.body).toMatchObject({ status: 'queued', total: 150, jobId: expect.any(String) });
    expect(Date.parse(queued.body.expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    expect(done).toMatchObject({ status: 'done', total: 150, completed: 150, nextOffset: 100 });
    const results = [...done.results!, ...(rest.body as JobView).results!];
    expect(results.map((r) => r.verdict ?? r.error?.status)).toEqual(kinds);
    // Each item was logged once, under the bank.
    const log = await api('GET', `/api/documents/${good.documentId}/verifications?limit=100`, { token: await login('citizen') });
    expect(log.body.items.filter((e: { verifierAgencyId?: string }) => e.verifierAgencyId === BANK)).toHaveLength(50);
    // Another agency's client, and another agency's official, are told there is no such job.
    const school = await api('POST', '/api/clients', { token: await login('admin'), json: { agencyId: 'thpt-phan-dinh-phung', name: 'Hệ thống tuyển sinh', scopes: ['verify'] } });
    const schoolToken = (await tokenFor(school.body.clientId, school.body.clientSecret)).body.access_token;
    expectProblem(await api('GET', path, { token: schoolToken }), 404);
    expectProblem(await api('GET', path, { token: await login('official') }), 404);
    // The bank's verifier (same agency) reads it.
    expect((await api('GET', path, { token: await login('verifier') })).status).toBe(200);
    // A malformed page position is a 422 in Vietnamese, not a 500.
    for (const offset of ['-1', 'abc', '1.5']) {
      const bad = await api('GET', `${path}?offset=${offset}`, { token });
      expectProblem(bad, 422);
      expect(bad.text).toContain('offset phải là số nguyên không âm');
    }
  });

  it("over the client's item quota: 429 with Retry-After in Vietnamese, nothing verified or logged", async () => {
    // Prepare: a fresh copy nobody checked, and a client whose day is spent (20,000 items counted).
    const copy = await issuedCopy();
    const client = await register(['verify']);
    const token = (await tokenFor(client.clientId, client.clientSecret)).body.access_token;
    useTestStack();
    const services = realServices();
    const [, day] = quotaWindows(new Date(), DEFAULT_ITEM_QUOTA);
    expect((await services.itemQuota.charge(`client#${client.clientId}`, [day], day.limit)).ok).toBe(true);

    // Act
    const refused = await api('POST', '/api/verify/batch', { token, json: { items: [{ code: copy.verifyCode }] } });
    const queuedRefused = await api('POST', '/api/verify/batch', { token, json: { items: Array.from({ length: 101 }, () => ({ code: copy.verifyCode })) } });
    const singleRefused = await api('GET', `/api/verify/${copy.verifyCode}`, { token });

    // Assess
    expectProblem(refused, 429);
    expect(refused.body.detail).toMatch(/hạn mức kiểm tra 20000 mục mỗi ngày/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(queuedRefused, 429);
    expectProblem(singleRefused, 429);
    const log = await api('GET', `/api/documents/${copy.documentId}/verifications`, { token: await login('citizen') });
    expect(log.body.items).toEqual([]);
    // Another client of the same bank still has its own quota.
    const other = await register(['verify']);
    const otherToken = (await tokenFor(other.clientId, other.clientSecret)).body.access_token;
    expect((await api('POST', '/api/verify/batch', { token: otherToken, json: { items: [{ code: copy.verifyCode }] } })).status).toBe(200);
    // A single-item route called with a client's token counts one item, and is logged under the client's agency.
    expect((await api('GET', `/api/verify/${copy.verifyCode}`, { token: otherToken })).status).toBe(200);
    const [, otherDay] = quotaWindows(new Date(), DEFAULT_ITEM_QUOTA);
    expect((await services.itemQuota.charge(`client#${other.clientId}`, [otherDay], otherDay.limit - 2)).ok).toBe(true);
    expect((await services.itemQuota.charge(`client#${other.clientId}`, [otherDay], 1)).ok).toBe(false);
    const after = await api('GET', `/api/documents/${copy.documentId}/verifications`, { token: await login('citizen') });
    expect(after.body.items.map((e: { verifierAgencyId?: string; via: string }) => `${e.via}:${e.verifierAgencyId}`).sort()).toEqual([`code:${BANK}`, `code:${BANK}`]);
  });

  it('the quota counter holds under concurrent requests: never more than the limit, a refusal counts nothing', async () => {
    // Prepare: a window of 100 items for a fresh subject.
    useTestStack();
    const services = realServices();
    const window = { name: 'minute' as const, key: `test-${Date.now()}`, limit: 100, resetsAt: new Date(Date.now() + 60_000) };
    const subject = `client#concurrency-${Math.random().toString(36).slice(2)}`;
    // Act: 25 charges of 10 at once.
    const answers = await Promise.all(Array.from({ length: 25 }, () => services.itemQuota.charge(subject, [window], 10)));
    // Assess: exactly ten got through, and the eleventh 10 still does not fit.
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect((await services.itemQuota.charge(subject, [window], 1)).ok).toBe(false);
  });

  it('a disabled client gets no new token (invalid_client) and its old token is refused at once', async () => {
    // Prepare
    const client = await register(['verify']);
    const old = (await tokenFor(client.clientId, client.clientSecret)).body.access_token;
    const items = [{ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }];
    expect((await api('POST', '/api/verify/batch', { token: old, json: { items } })).status).toBe(200);
    // Act
    const disabled = await api('POST', `/api/clients/${client.clientId}/disable`, { token: await login('admin') });
    // Assess
    expect(disabled.body.status).toBe('disabled');
    const again = await tokenFor(client.clientId, client.clientSecret);
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('invalid_client');
    expectProblem(await api('POST', '/api/verify/batch', { token: old, json: { items } }), 401);
    // Sent again: still disabled, no error.
    expect((await api('POST', `/api/clients/${client.clientId}/disable`, { token: await login('admin') })).status).toBe(200);
  });
});
