import { execFileSync } from 'node:child_process';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, draftWithOriginals, recordOriginalCheck, samplePdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfText, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';
import { makePng } from '../unit/pdf/support/originals';
import { countPixels, renderArea } from '../unit/pdf/support/tools';

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
    // The official, the seal, then the document time-stamp of B-LTA (docs/long-term-validation.md), which covers everything.
    expect(sigs).toHaveLength(3);
    expect(sigs[2]).toMatch(/Signature Field Name: timestamp-1/);
    expect(sigs[2]).toMatch(/Total document signed/);
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
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'original-check', 'issue']);
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

/** A PDF whose pages are A4 portrait, A4 landscape and a small 300 × 200 pt slip. */
async function mixedSizePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const size of [[595.28, 841.89], [841.89, 595.28], [300, 200]] as [number, number][]) {
    doc.addPage(size).drawText(`Trang ${size.join('x')}`, { x: 20, y: size[1] - 40, size: 14, font });
  }
  return doc.save();
}

describe('Certified e-copy as printed (issue #17 item 8)', () => {
  it('keeps the original pages at their size and shows signer, title and time in the signatures, still valid and trusted', async () => {
    // Prepare
    const { id, token } = await draftWithOriginals([{ bytes: await mixedSizePdf(), fileName: 'giay-to.pdf', contentType: 'application/pdf' }]);
    expect((await api('POST', `/api/requests/${id}/submit`, { token })).status).toBe(200);
    await recordOriginalCheck(id);

    // Act
    const issued = await certify(id);
    const pdf = await downloadPdf(issued.documentId);

    // Assess: page sizes as pdfinfo reads them, the attestation page after the three.
    const file = tempFile(pdf);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '4', file], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/gm)].map((m) => m[1]);
    expect(sizes).toEqual(['595.28 x 841.89', '841.89 x 595.28', '300 x 200', '595.28 x 841.89']);
    const report = pdfsig(file, nssDir);
    expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
    expect(report.match(/Certificate is Trusted\./g)?.length).toBe(2);
    // The signature widgets, as a viewer draws them.
    const doc = await PDFDocument.load(pdf);
    const widgets = doc.getForm().getFields().map((f) => f.acroField.getWidgets()[0].getRectangle());
    // The two signatures are drawn; the document time-stamp (B-LTA) has an invisible, zero-size widget.
    const rects = widgets.filter((r) => r.width > 0 && r.height > 0);
    expect(rects).toHaveLength(2);
    expect(widgets).toHaveLength(3);
    for (const r of rects) {
      const pixels = renderArea(pdf, 4, 841.89, [r.x, r.y, r.x + r.width, r.y + r.height]);
      expect(countPixels(pixels, (red, green, blue) => red + green + blue < 600)).toBeGreaterThan(200);
    }
    const text = pdfText(file).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Người ký: Trần Thị Bình');
    expect(text).toContain('Chức danh: ');
    expect(text).toMatch(/Thời gian ký: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
    expect(text).toContain(`Mã kiểm tra: ${issued.verifyCode}`);
  });

  it('prints the two sides of an ID card on one A4 page', async () => {
    // Prepare: two 300-dpi scans of an ID-1 card, declared as its front and back.
    const card = makePng(1011, 638, 2, { dpi: 300 });
    const { id, token } = await draftWithOriginals([
      { bytes: card, fileName: 'cccd-truoc.png', contentType: 'image/png', side: 'id-card-front' },
      { bytes: card, fileName: 'cccd-sau.png', contentType: 'image/png', side: 'id-card-back' },
    ], { title: 'Căn cước công dân' });
    expect((await api('POST', `/api/requests/${id}/submit`, { token })).status).toBe(200);
    await recordOriginalCheck(id);

    // Act
    const issued = await certify(id);
    const pdf = await downloadPdf(issued.documentId);

    // Assess: one page holds both sides (and here the lời chứng too).
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });
});
