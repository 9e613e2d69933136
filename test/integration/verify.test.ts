import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoVnDay } from '../../shared/domain/dates';
import { verifyByCode } from '../../shared/use-cases/verify';
import { api, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { expectProblem, realServices, useTestStack } from './hostile/support';

async function issuedCopy() {
  const { id } = await submittedRequest();
  const issued = await certify(id);
  return { ...issued, pdf: await downloadPdf(issued.documentId) };
}

const verifyFile = (bytes: Uint8Array, token?: string) => api('POST', '/api/verify', { body: bytes, contentType: 'application/pdf', token });

describe('Verification by file and by code', () => {
  it('calls an untouched certified copy authentic / TOTAL_PASSED with named checks, and its QR URL valid', async () => {
    const copy = await issuedCopy();
    const res = await verifyFile(copy.pdf);
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('authentic');
    expect(res.body.indication).toBe('TOTAL_PASSED');
    const passed = res.body.checks.filter((c: { passed: boolean }) => c.passed).map((c: { id: string }) => c.id);
    expect(passed.length).toBeGreaterThanOrEqual(5);
    expect(passed).toEqual(expect.arrayContaining(['cms-digest', 'cms-signature', 'chain-trust', 'file-hash', 'revocation-status']));
    for (const c of res.body.checks) expect(typeof c.detail).toBe('string');
    // The official's signature and the seal, then the document time-stamp of B-LTA (docs/long-term-validation.md).
    expect(res.body.signatures.filter((s: { docTimeStamp?: boolean }) => !s.docTimeStamp)).toHaveLength(2);
    expect(res.body.signatures.filter((s: { docTimeStamp?: boolean }) => s.docTimeStamp)).toHaveLength(1);
    expect(res.body.document).toMatchObject({ number: copy.number, book: copy.book });

    const byCode = await api('GET', `/api/verify/${copy.verifyCode}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.document.status).toBe('valid');
    expect(byCode.body.verdict).toBe('authentic');
    expect(byCode.body.howToCheck).toMatch(/PDF/);
    // Codes are matched exactly, case and dashes aside.
    expect((await api('GET', `/api/verify/${copy.verifyCode.toLowerCase().replace(/-/g, '')}`)).status).toBe(200);
    expect((await api('GET', '/api/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ')).status).toBe(404);
  });

  it('never calls a forgery authentic, and an appended revision tampered', async () => {
    const { pdf } = await issuedCopy();
    const changed = pdf.slice();
    changed[Math.floor(changed.length / 3)] ^= 0x01;
    const appended = new Uint8Array([...pdf, ...new TextEncoder().encode('\n1 0 obj\n<< /Type /Annot >>\nendobj\ntrailer\n<< >>\n%%EOF\n')]);
    const truncated = pdf.slice(0, pdf.length - 100);
    const zeroed = new TextDecoder('latin1').decode(pdf).replace(/\/Contents\s*<([0-9a-fA-F]+)>/, (_m, hex: string) => `/Contents <${'0'.repeat(hex.length)}>`);
    for (const [name, bytes] of [
      ['changed byte', changed],
      ['appended revision', appended],
      ['truncated', truncated],
      ['zeroed signature', Uint8Array.from(zeroed, (c) => c.charCodeAt(0))],
    ] as const) {
      const res = await verifyFile(bytes);
      expect(res.status, name).toBe(200);
      expect(res.body.verdict, name).not.toBe('authentic');
    }
    expect((await verifyFile(appended)).body.verdict).toBe('tampered');
  });

  it('answers garbage with a 4xx problem, never a 500', async () => {
    const garbage = await verifyFile(new TextEncoder().encode('this is not a pdf'));
    expect([415, 422]).toContain(garbage.status);
    expect(garbage.headers.get('content-type')).toMatch(/problem\+json/);
    const empty = await api('POST', '/api/verify', { body: new Uint8Array(), contentType: 'application/pdf' });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
  });

  it('verifies a large file uploaded through a presigned URL bound to its declared size', async () => {
    const copy = await issuedCopy();
    const up = await api('POST', '/api/verify/uploads', { json: { size: copy.pdf.length } });
    expect(up.status).toBe(201);
    expect(up.body.uploadHeaders).toEqual({ 'content-type': 'application/pdf', 'content-length': String(copy.pdf.length) });
    expect(new URL(up.body.uploadUrl).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type']));
    expect((await fetch(up.body.uploadUrl, { method: 'PUT', headers: up.body.uploadHeaders, body: copy.pdf as BodyInit })).ok).toBe(true);
    const res = await api('POST', '/api/verify', { json: { uploadId: up.body.uploadId } });
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('authentic');
  });

  it('refuses a verify upload declared above MAX_VERIFY_UPLOAD_BYTES (413) or without a size (422), making no URL', async () => {
    const tooLarge = await api('POST', '/api/verify/uploads', { json: { size: 50 * 1024 * 1024 + 1 } });
    expect(tooLarge.status, tooLarge.text).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/problem\+json/);
    expect(tooLarge.body.uploadUrl).toBeUndefined();
    const noSize = await api('POST', '/api/verify/uploads', { json: {} });
    expect(noSize.status, noSize.text).toBe(422);
    expect(noSize.body.uploadUrl).toBeUndefined();
  });

  it('revokes: both routes say revoked at once and the public list shows it; a citizen cannot revoke', async () => {
    const copy = await issuedCopy();
    expect((await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: await login('citizen'), json: { reason: 'Tôi muốn hủy' } })).status).toBe(403);
    expect((await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: await login('official2'), json: { reason: 'Không phải cơ quan cấp' } })).status).toBe(403);
    const revoked = await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: await login('official'), json: { reason: 'Cấp nhầm người yêu cầu' } });
    expect(revoked.status).toBe(200);
    const byFile = await verifyFile(copy.pdf);
    expect(byFile.body.verdict).toBe('revoked');
    expect(byFile.body.indication).toBe('TOTAL_FAILED');
    const byCode = await api('GET', `/api/verify/${copy.verifyCode}`);
    expect(byCode.body.verdict).toBe('revoked');
    expect(byCode.body.document.status).toBe('revoked');
    const list = await api('GET', '/api/revocations');
    expect(list.body.items[0]).toMatchObject({ verifyCode: copy.verifyCode, reason: 'Cấp nhầm người yêu cầu', issuer: 'Ủy ban nhân dân phường Ba Đình' });
    expect(JSON.stringify(list.body)).not.toMatch(/001090012345/);
    expect((await api('POST', `/api/documents/${copy.documentId}/revoke`, { token: await login('official'), json: { reason: 'Lần hai' } })).status).toBe(409);
  });

  it('logs each verification so the owner sees who checked the copy', async () => {
    const copy = await issuedCopy();
    const before = isoVnDay(new Date());
    await verifyFile(copy.pdf, await login('verifier'));
    await api('GET', `/api/verify/${copy.verifyCode}`);
    const log = await api('GET', `/api/documents/${copy.documentId}/verifications`, { token: await login('citizen') });
    expect(log.status).toBe(200);
    // The signed-in verifier one by one; the anonymous look-up as a count for the day.
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ via: 'file', verdict: 'authentic', verifierAgencyId: 'nh-vietcom-hoan-kiem' });
    expect(log.body.anonymousByDay).toHaveLength(1);
    expect(log.body.anonymousByDay[0].count).toBe(1);
    expect([before, isoVnDay(new Date())]).toContain(log.body.anonymousByDay[0].day);
    expect((await api('GET', `/api/documents/${copy.documentId}/verifications`, { token: await login('citizen2') })).status).toBe(403);
  });
});

describe('The verification log of a copy', () => {
  beforeAll(() => useTestStack());

  it('keeps the signed-in verifiers however many anonymous checks come, counting those on one item per day', async () => {
    // Prepare: one named verifier, then more anonymous checks than the old log's 100 entries.
    const copy = await issuedCopy();
    const services = realServices();
    const before = isoVnDay(new Date());
    expect((await api('GET', `/api/verify/${copy.verifyCode}`, { token: await login('verifier') })).status).toBe(200);
    for (let i = 0; i < 101; i++) await verifyByCode(services, undefined, copy.verifyCode);
    expect((await api('GET', `/api/verify/${copy.verifyCode}`)).status).toBe(200);
    const after = isoVnDay(new Date());

    // Act
    const log = await api('GET', `/api/documents/${copy.documentId}/verifications`, { token: await login('citizen') });

    // Assess
    expect(log.status, log.text).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ via: 'code', verdict: 'authentic', verifierAgencyId: 'nh-vietcom-hoan-kiem', verifierName: 'Lê Minh Châu' });
    const days = log.body.anonymousByDay as { day: string; count: number }[];
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(102);
    for (const d of days) expect([before, after]).toContain(d.day);
    const stored = await services.db.send(
      new QueryCommand({ TableName: services.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `DOC#${copy.documentId}` } }),
    );
    const sortKeys = (stored.Items ?? []).map((i) => String(i.SK));
    expect(sortKeys.filter((k) => k.startsWith('VERIFY#'))).toHaveLength(1);
    expect(sortKeys.filter((k) => k.startsWith('VANON#')).length).toBe(days.length);
  });

  it('pages the signed-in verifiers with a cursor, and answers 400 to a cursor outside the log', async () => {
    // Prepare: three checks by a signed-in verifier.
    const copy = await issuedCopy();
    const verifier = await login('verifier');
    for (let i = 0; i < 3; i++) expect((await api('GET', `/api/verify/${copy.verifyCode}`, { token: verifier })).status).toBe(200);
    const owner = await login('citizen');
    const path = `/api/documents/${copy.documentId}/verifications`;

    // Act
    const first = await api('GET', `${path}?limit=2`, { token: owner });
    const second = await api('GET', `${path}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: owner });

    // Assess
    expect(first.status, first.text).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.items, ...second.body.items].map((v: { at: string }) => v.at)).toEqual(
      [...first.body.items, ...second.body.items].map((v: { at: string }) => v.at).sort().reverse(),
    );
    // A key of the same document's day counters, or of another document: refused, not a 500.
    const cursorOf = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    expectProblem(await api('GET', `${path}?cursor=${cursorOf({ PK: `DOC#${copy.documentId}`, SK: 'VANON#2026-01-01' })}`, { token: owner }), 400);
    expectProblem(await api('GET', `${path}?cursor=${cursorOf({ PK: 'DOC#another', SK: 'VERIFY#2026-01-01T00:00:00.000Z#00' })}`, { token: owner }), 400);
    expectProblem(await api('GET', `${path}?limit=0`, { token: owner }), 400, 422);
  });
});
