import { describe, expect, it } from 'vitest';
import { api, login } from '../helpers/api';
import { certify, draftWithOriginals, samplePdf, submittedRequest } from '../helpers/flows';


describe('Reliability: contention on the certification register', () => {
  it('gives 30 parallel certifications in one agency 30 distinct consecutive numbers', async () => {
    // Prepare: 30 submitted requests
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await submittedRequest({ pages: 1 })).id);
    const official = await login('official');

    // Act: certify them all at once
    const results = await Promise.all(ids.map((id) => api('POST', `/api/requests/${id}/certify`, { token: official })));

    // Assess
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = results.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.at(-1)! - numbers[0]).toBe(29);
    expect(new Set(results.map((r) => r.body.documentId)).size).toBe(30);
  });

  it('answers the same request certified twice at once with one 201 and one 409, one document, one number', async () => {
    const { id, token } = await submittedRequest();
    const official = await login('official');
    const [a, b] = await Promise.all([api('POST', `/api/requests/${id}/certify`, { token: official }), api('POST', `/api/requests/${id}/certify`, { token: official })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const request = await api('GET', `/api/requests/${id}`, { token });
    expect(request.body.documentId).toBe(winner.body.documentId);
    expect(request.body.history.filter((h: { action: string }) => h.action === 'issue')).toHaveLength(1);
    // The next certification takes the very next number: the loser burnt none.
    const next = await api('POST', `/api/requests/${(await submittedRequest()).id}/certify`, { token: official });
    expect(next.body.number).toBe(winner.body.number + 1);
  });
});

describe('Reliability: Idempotency-Key', () => {
  it('returns the first result for a retried create and creates nothing new', async () => {
    const token = await login('citizen2');
    const body = { kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: 'Giấy khai sinh (idempotent)' };
    const key = `key-${Date.now()}`;
    const before = (await api('GET', '/api/requests?limit=100', { token })).body.items.length;
    const first = await api('POST', '/api/requests', { token, json: body, headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/api/requests', { token, json: body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await api('GET', '/api/requests?limit=100', { token })).body.items.length).toBe(before + 1);
  });

  it('refuses the same key with a different body with a 422', async () => {
    const token = await login('citizen2');
    const key = `key-diff-${Date.now()}`;
    const body = { kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: 'Một' };
    expect((await api('POST', '/api/requests', { token, json: body, headers: { 'idempotency-key': key } })).status).toBe(201);
    const other = await api('POST', '/api/requests', { token, json: { ...body, title: 'Hai' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('scopes keys to the caller: another user with the same key gets their own request', async () => {
    const key = `key-shared-${Date.now()}`;
    const body = { kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: 'Cùng khóa' };
    const a = await api('POST', '/api/requests', { token: await login('citizen'), json: body, headers: { 'idempotency-key': key } });
    const b = await api('POST', '/api/requests', { token: await login('citizen2'), json: body, headers: { 'idempotency-key': key } });
    expect(a.body.id).not.toBe(b.body.id);
    expect(b.body.citizenId).toBe('079195067890');
  });

  it('accepts a bodiless POST with a key (submit) and replays its first answer', async () => {
    // Prepare: a draft with its scan uploaded, ready to submit
    const { id, token } = await draftWithOriginals([{ bytes: await samplePdf(1), fileName: 'giay.pdf', contentType: 'application/pdf' }]);
    const key = `key-bodiless-${Date.now()}`;

    // Act
    const first = await api('POST', `/api/requests/${id}/submit`, { token, headers: { 'idempotency-key': key } });
    const retry = await api('POST', `/api/requests/${id}/submit`, { token, headers: { 'idempotency-key': key } });

    // Assess
    expect(first.status, first.text).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  it('scopes keys to the method and path: the same key on two documents makes two share links', async () => {
    // Prepare: two issued copies of one citizen
    const a = await submittedRequest();
    const b = await submittedRequest();
    const docA = (await certify(a.id)).documentId;
    const docB = (await certify(b.id)).documentId;
    const key = `key-two-paths-${Date.now()}`;

    // Act
    const shareA = await api('POST', `/api/documents/${docA}/shares`, { token: a.token, json: { expiresInHours: 72 }, headers: { 'idempotency-key': key } });
    const shareB = await api('POST', `/api/documents/${docB}/shares`, { token: b.token, json: { expiresInHours: 72 }, headers: { 'idempotency-key': key } });

    // Assess
    expect(shareA.status, shareA.text).toBe(201);
    expect(shareB.status, shareB.text).toBe(201);
    expect(shareB.body.shareUrl).not.toBe(shareA.body.shareUrl);
    const shared = await api('GET', `/api/shares/${shareB.body.token}`);
    expect(shared.status).toBe(200);
    expect(shared.body.id).toBe(docB);
  });
});

describe('Abuse limits', () => {
  it('answers a caller over the per-minute limit of code lookups with 429 and Retry-After', async () => {
    // The admin's bucket: no other test looks codes up as admin, so none is starved by this one.
    const token = await login('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await api('GET', '/api/verify/AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', { token })).status);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(120)).toContain(429);
    const limited = await api('GET', '/api/verify/AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
