import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, draftWithOriginals, samplePdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfText, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';

let nssDir: string;

beforeAll(async () => {
  const pem = await (await fetch(`${baseUrl()}/api/trust-list`)).text();
  nssDir = nssDbTrusting(pem);
});

describe('Certified e-copy: the citizen → official → citizen path', () => {
  it('issues a copy that independent validators accept, with the lời chứng, number and verify code', async () => {
    // Prepare: a citizen files a 2-page PDF and submits it
    const { id, request } = await submittedRequest({ pages: 2 });
    expect(request.status).toBe('submitted');
    expect(request.pages).toBe(2);
    expect(request.fee).toBe(4000);
    expect(Date.parse(request.dueAt)).toBeGreaterThan(Date.parse(request.submittedAt));

    // Act: the official certifies, the citizen downloads
    const issued = await certify(id);
    const pdf = await downloadPdf(issued.documentId);

    // Assess
    expect(issued.number).toBeGreaterThan(0);
    expect(issued.book).toMatch(/^01\/\d{4}-SCT\/BS-ĐT$/);
    expect(issued.verifyCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(issued.verifyUrl).toBe(`${baseUrl()}/verify/${issued.verifyCode}`);
    const file = tempFile(pdf);
    expect(qpdfCheck(file).status).toBe(0);
    const report = pdfsig(file, nssDir);
    expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
    expect(report.match(/Certificate is Trusted\./g)?.length).toBe(2);
    expect(report).toMatch(/ETSI\.CAdES\.detached/);
    const sigs = report.split(/Signature #\d+:/).slice(1);
    expect(sigs).toHaveLength(2);
    expect(sigs[1]).toMatch(/Total document signed/);
    const text = pdfText(file).normalize('NFC');
    expect(text).toContain('Chứng thực bản sao đúng với bản chính');
    // Decree 23/2015 Art. 13(2), 20(3): the number and the book as the form writes them, in the
    // lời chứng and the footer; never the compound "{n}/01-{year}-…".
    expect(text).toContain(`Số chứng thực ${issued.number}, quyển số ${issued.book}`);
    expect(text).not.toMatch(new RegExp(`\\b${issued.number}/01-\\d{4}`));
    expect(text).toContain(issued.verifyCode);
    expect(text).toContain('Trần Thị Bình');

    const after = await api('GET', `/api/requests/${id}`, { token: await login('citizen') });
    expect(after.body.status).toBe('issued');
    expect(after.body.documentId).toBe(issued.documentId);
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'issue']);
  });

  it('gives the next certification number to the next certification', async () => {
    const a = await certify((await submittedRequest()).id);
    const b = await certify((await submittedRequest()).id);
    expect(b.number).toBe(a.number + 1);
    expect(b.book).toBe(a.book);
  });

  it('refuses a text file posing as a PDF at submit with a 422, and the request stays a draft', async () => {
    const { id, token } = await draftWithOriginals([{ bytes: new TextEncoder().encode('Day khong phai PDF'), fileName: 'giay-to.pdf', contentType: 'application/pdf' }]);
    const res = await api('POST', `/api/requests/${id}/submit`, { token });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.detail).toContain('giay-to.pdf');
    expect((await api('GET', `/api/requests/${id}`, { token })).body.status).toBe('draft');
  });

  it('lets no one but the owner and the issuing agency download the copy', async () => {
    const { documentId } = await certify((await submittedRequest()).id);
    for (const user of ['citizen2', 'official2']) {
      const res = await api('GET', `/api/documents/${documentId}/download`, { token: await login(user) });
      expect(res.status, user).toBe(403);
    }
    expect((await api('GET', `/api/documents/${documentId}/download`, { token: await login('official') })).status).toBe(200);
    expect((await api('GET', `/api/documents/${documentId}/download`)).status).toBe(401);
  });

  it('answers certifying a request that is not submitted with 409', async () => {
    const { id } = await draftWithOriginals([{ bytes: await samplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]);
    const res = await api('POST', `/api/requests/${id}/certify`, { token: await login('official') });
    expect(res.status).toBe(409);
  });

  it('forbids an official of another agency to certify', async () => {
    const { id } = await submittedRequest();
    expect((await api('POST', `/api/requests/${id}/certify`, { token: await login('official2') })).status).toBe(403);
  });

  it('lets the official reject with a legal reason the citizen then sees', async () => {
    const { id, token } = await submittedRequest();
    const res = await api('POST', `/api/requests/${id}/reject`, { token: await login('official'), json: { reasonCode: 'damaged' } });
    expect(res.status).toBe(200);
    const seen = await api('GET', `/api/requests/${id}`, { token });
    expect(seen.body.status).toBe('rejected');
    expect(seen.body.rejection.text).toMatch(/hư hỏng|cũ nát/);
    const other = await api('POST', `/api/requests/${(await submittedRequest()).id}/reject`, { token: await login('official'), json: { reasonCode: 'other' } });
    expect(other.status).toBe(422);
  });

  it('lets the citizen cancel a submitted request but not an issued one', async () => {
    const { id, token } = await submittedRequest();
    expect((await api('POST', `/api/requests/${id}/cancel`, { token })).body.status).toBe('cancelled');
    const issued = await submittedRequest();
    await certify(issued.id);
    expect((await api('POST', `/api/requests/${issued.id}/cancel`, { token })).status).toBe(409);
  });

  it('shows the official the agency queue oldest due first, and the citizen only their own', async () => {
    const mine = await submittedRequest();
    const queue = await api('GET', '/api/requests?status=submitted&limit=100', { token: await login('official') });
    expect(queue.status).toBe(200);
    const due = queue.body.items.map((r: { dueAt: string }) => r.dueAt);
    expect([...due].sort()).toEqual(due);
    expect(queue.body.items.some((r: { id: string }) => r.id === mine.id)).toBe(true);
    const other = await api('GET', '/api/requests', { token: await login('citizen2') });
    expect(other.body.items.some((r: { id: string }) => r.id === mine.id)).toBe(false);
    expect((await api('GET', `/api/requests/${mine.id}`, { token: await login('citizen2') })).status).toBe(403);
  });

  it('shares a copy through an expiring link that works without an account', async () => {
    const { documentId } = await certify((await submittedRequest()).id);
    const share = await api('POST', `/api/documents/${documentId}/shares`, { token: await login('citizen'), json: { expiresInHours: 24 } });
    expect(share.status).toBe(201);
    const token = share.body.shareUrl.split('/s/')[1];
    const meta = await api('GET', `/api/shares/${token}`);
    expect(meta.status).toBe(200);
    expect(meta.body.id).toBe(documentId);
    const dl = await api('GET', `/api/shares/${token}/download`);
    expect((await fetch(dl.body.url)).status).toBe(200);
    expect((await api('GET', '/api/shares/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await api('POST', `/api/documents/${documentId}/shares`, { token: await login('citizen2'), json: { expiresInHours: 1 } })).status).toBe(403);
  });
});
