import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfsig, pdfText, tempFile } from '../helpers/tools';

/** Issue #21 items 1, 2 and 6: what a code shows, the signed receipts, a share link's file verified on the server. */

const TITLE = 'Bằng tốt nghiệp đại học ngành Luật';

async function issuedCopy() {
  const { id } = await submittedRequest({ title: TITLE });
  const issued = await certify(id);
  return { ...issued, pdf: await downloadPdf(issued.documentId) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const verifyFile = (bytes: Uint8Array, token?: string) => api('POST', '/api/verify', { body: bytes, contentType: 'application/pdf', token });

describe('A code lookup shows what was issued', () => {
  it('gives the title, the holder and the issued PDF itself, until the owner turns the content off', async () => {
    // Prepare
    const copy = await issuedCopy();

    // Act
    const byCode = await api('GET', `/api/verify/${copy.verifyCode}`);
    const preview = await api('GET', `/api/verify/${copy.verifyCode}/document`);

    // Assess
    expect(byCode.status).toBe(200);
    expect(byCode.body.contentShown).toBe(true);
    expect(byCode.body.content).toEqual({ title: TITLE, holderName: 'Nguyễn Văn An', documentUrl: `/api/verify/${copy.verifyCode}/document` });
    expect(byCode.body.document).toMatchObject({ kind: 'certify-copy', number: copy.number, book: copy.book, pages: expect.any(Number), issuer: expect.any(String) });
    expect(byCode.body.receiptUrl).toBe(`/api/verify/${copy.verifyCode}/receipt`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(sha256(preview.bytes)).toBe(sha256(copy.pdf));

    // Only the owner decides; another citizen and the issuing official are refused.
    const docPath = `/api/documents/${copy.documentId}/disclosure`;
    expect((await api('PUT', docPath, { token: await login('citizen2'), json: { showContent: false } })).status).toBe(403);
    expect((await api('PUT', docPath, { token: await login('official'), json: { showContent: false } })).status).toBe(403);
    expect((await api('PUT', docPath, { token: await login('citizen'), json: { showContent: 'no' } })).status).toBe(422);
    const off = await api('PUT', docPath, { token: await login('citizen'), json: { showContent: false } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ documentId: copy.documentId, showContent: false });
    const hidden = await api('GET', `/api/verify/${copy.verifyCode}`);
    expect(hidden.body.verdict).toBe('authentic');
    expect(hidden.body.contentShown).toBe(false);
    expect(hidden.body.content).toBeUndefined();
    expect(JSON.stringify(hidden.body)).not.toContain(TITLE);
    const refused = await api('GET', `/api/verify/${copy.verifyCode}/document`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);

    const on = await api('PUT', docPath, { token: await login('citizen'), json: { showContent: true } });
    expect(on.body.showContent).toBe(true);
    expect((await api('GET', `/api/verify/${copy.verifyCode}`)).body.content.title).toBe(TITLE);
    expect((await api('GET', '/api/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ/document')).status).toBe(404);
  });
});

describe('Verification receipts', () => {
  it('seals a receipt of a code lookup that names the document, the verifier\'s agency, and verifies as authentic itself', async () => {
    // Prepare
    const copy = await issuedCopy();
    const verifier = await login('verifier');

    // Act
    const res = await api('GET', `/api/verify/${copy.verifyCode}/receipt`, { token: verifier });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = tempFile(res.bytes, 'receipt.pdf');
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU KẾT QUẢ KIỂM TRA BẢN SAO ĐIỆN TỬ');
    expect(text).toContain(copy.verifyCode);
    expect(text).toContain(TITLE);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain(sha256(copy.pdf));
    expect(text).toContain('XÁC THỰC');
    expect(text).toMatch(/giờ Việt Nam/);
    expect(text).toContain('Ngân hàng');
    const report = pdfsig(file, nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text()));
    expect(report).toMatch(/Signature is Valid\./);
    expect(report).toMatch(/Certificate is Trusted\./);

    const itself = await verifyFile(res.bytes);
    expect(itself.body.verdict).toBe('authentic');
    expect(itself.body.document).toMatchObject({ kind: 'receipt', issuer: 'Hệ thống Bản sao điện tử' });
    expect(itself.body.document.verifyCode).not.toBe(copy.verifyCode);
    expect(text).toContain(itself.body.document.verifyCode);
  });

  it('seals a receipt of a file check: the file\'s hash and a tampered verdict for a changed file', async () => {
    // Prepare
    const copy = await issuedCopy();
    const changed = copy.pdf.slice();
    changed[Math.floor(changed.length / 3)] ^= 0x01;

    // Act
    const good = await api('POST', '/api/verify/receipt', { body: copy.pdf, contentType: 'application/pdf' });
    const bad = await api('POST', '/api/verify/receipt', { body: changed, contentType: 'application/pdf' });

    // Assess
    expect(good.status).toBe(200);
    const goodText = pdfText(tempFile(good.bytes)).replace(/\s+/g, ' ');
    expect(goodText).toContain(sha256(copy.pdf));
    expect(goodText).toContain('XÁC THỰC');
    expect(goodText).toContain('không đăng nhập');
    expect(bad.status).toBe(200);
    const badText = pdfText(tempFile(bad.bytes)).replace(/\s+/g, ' ');
    expect(badText).toContain(sha256(changed));
    expect(badText).not.toContain('XÁC THỰC —');
    expect((await verifyFile(bad.bytes)).body.verdict).toBe('authentic');
    expect((await api('POST', '/api/verify/receipt', { body: new TextEncoder().encode('not a pdf'), contentType: 'application/pdf' })).status).toBeGreaterThanOrEqual(400);
  });
});

describe('A share link\'s file, verified on the server', () => {
  it('reports the stored file authentic without any upload, and 404 for an unknown link', async () => {
    // Prepare
    const copy = await issuedCopy();
    const share = await api('POST', `/api/documents/${copy.documentId}/shares`, { token: await login('citizen'), json: { expiresInHours: 1 } });
    expect(share.status).toBe(201);

    // Act
    const res = await api('GET', `/api/shares/${share.body.token}/verify`);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('authentic');
    expect(res.body.sha256).toBe(sha256(copy.pdf));
    expect(res.body.document.verifyCode).toBe(copy.verifyCode);
    expect((await api('GET', `/api/shares/${'x'.repeat(32)}/verify`)).status).toBe(404);
  });
});
