import { describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { expectProblem } from './hostile/support';


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

  it('answers more than 100 items with a 422 that says the limit', async () => {
    const res = await api('POST', '/api/verify/batch', { token: await login('verifier'), json: { items: Array.from({ length: 101 }, () => ({ code: 'ZZZZ' })) } });
    expectProblem(res, 422);
    expect(res.text).toContain('100');
  });
});
