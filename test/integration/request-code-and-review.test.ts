import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { api, login } from '../helpers/api';
import { certify, draftWithOriginals, samplePdf, submittedRequest } from '../helpers/flows';
import { pdfText, tempFile } from '../helpers/tools';
import { AGENCY } from './hostile/support';

/**
 * Issue #20 items 4 and 5 through the real handlers: the short request code given at creation
 * (no two alike, even filed at the same instant) and found by the official's search; the quote a
 * citizen reviews before submitting; the official's view of how much extension is left, the
 * watermarked preview of the lời chứng, and the official's download written to the trail.
 */
const CODE = /^UPBD-\d{6}-\d{4,}$/;

describe('The request code', () => {
  it('gives every request filed at the same moment its own code of the agency and the day', async () => {
    // Prepare
    const token = await login('citizen');
    const body = { kind: 'certify-copy', agencyId: AGENCY, title: 'Giấy khai sinh' };

    // Act: 12 filings at once
    const created = await Promise.all(Array.from({ length: 12 }, () => api('POST', '/api/requests', { token, json: body })));

    // Assess
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const codes = created.map((r) => r.body.code as string);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(new Set(codes).size).toBe(12);
    const days = new Set(codes.map((c) => c.split('-')[1]));
    expect(days.size).toBe(1);
    const again = await api('GET', `/api/requests/${created[0].body.id}`, { token });
    expect(again.body.code).toBe(codes[0]);
  });

  it('is found by the official of the agency however it is typed, and by nobody else', async () => {
    // Prepare
    const { id } = await submittedRequest({ checked: false });
    const code = (await api('GET', `/api/requests/${id}`, { token: await login('citizen') })).body.code as string;
    const [prefix, day, seq] = code.split('-');
    const typed = `${prefix.toLowerCase()} ${day} ${Number(seq)}`;

    // Act
    const mine = await api('GET', `/api/requests?code=${encodeURIComponent(typed)}`, { token: await login('official') });
    const other = await api('GET', `/api/requests?code=${encodeURIComponent(code)}`, { token: await login('official2') });
    const otherCitizen = await api('GET', `/api/requests?code=${encodeURIComponent(code)}`, { token: await login('citizen2') });
    const unknown = await api('GET', `/api/requests?code=${encodeURIComponent(`${prefix}-${day}-9999`)}`, { token: await login('official') });

    // Assess
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(other.body.items).toEqual([]);
    expect(otherCitizen.body.items).toEqual([]);
    expect(unknown.body.items).toEqual([]);
  });
});

describe('The review before submit', () => {
  it('quotes the pages, the fee and the due time that submit then records', async () => {
    // Prepare: 3 pages → 2 × 2.000 + 1 × 1.000 đồng (Circular 226/2016/TT-BTC Art. 4)
    const { id, token } = await draftWithOriginals([{ bytes: await samplePdf(3), fileName: 'ba-trang.pdf', contentType: 'application/pdf' }]);

    // Act
    const quote = await api('GET', `/api/requests/${id}/quote`, { token });
    const submitted = await api('POST', `/api/requests/${id}/submit`, { token });
    const late = await api('GET', `/api/requests/${id}/quote`, { token });

    // Assess
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ pages: 3, fee: 5_000 });
    expect(submitted.body.fee).toBe(quote.body.fee);
    expect(submitted.body.pages).toBe(quote.body.pages);
    expect(submitted.body.dueAt).toBe(quote.body.dueAt);
    expect(late.status).toBe(409);
  });

  it('refuses another citizen the quote of a draft', async () => {
    // Prepare
    const { id } = await draftWithOriginals([{ bytes: await samplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]);

    // Act
    const res = await api('GET', `/api/requests/${id}/quote`, { token: await login('citizen2') });

    // Assess
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe("The official's request screen, from the API", () => {
  it('says how many working days of extension are left, and none once the limit is reached', async () => {
    // Prepare
    const { id } = await submittedRequest({ checked: false });
    const official = await login('official');

    // Act
    const before = await api('GET', `/api/requests/${id}`, { token: official });
    await api('POST', `/api/requests/${id}/extend`, { token: official, json: { workingDays: 2, reason: 'Hồ sơ nhiều trang cần đối chiếu.' } });
    const after = await api('GET', `/api/requests/${id}`, { token: official });

    // Assess (Decree 23/2015 Art. 21(4): 2 working days on the official's decision)
    expect(before.body.extensionDaysLeft).toBe(2);
    expect(after.body.extensionDaysLeft).toBe(0);
  });

  it('previews the lời chứng watermarked, without a number, for the agency only', async () => {
    // Prepare
    const { id } = await submittedRequest();

    // Act
    const res = await api('GET', `/api/requests/${id}/attestation-preview`, { token: await login('official') });
    const foreign = await api('GET', `/api/requests/${id}/attestation-preview`, { token: await login('official2') });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(tempFile(res.bytes, 'preview.pdf')).replace(/\s+/g, ' ');
    // The banner's words (the diagonal copies of the mark interleave with the text extraction).
    expect(text).toContain('BẢN XEM TRƯỚC — CHƯA CÓ GIÁ TRỊ PHÁP');
    expect((await PDFDocument.load(res.bytes, { updateMetadata: false })).getTitle()).toBe('BẢN XEM TRƯỚC — CHƯA CÓ GIÁ TRỊ PHÁP LÝ');
    expect(text).toContain('Chứng thực bản sao đúng với bản chính.');
    expect(text).toContain('Số chứng thực: ……, quyển số: ……');
    expect(text).not.toMatch(/Số chứng thực:? \d/);
    expect(text).not.toContain('Mã kiểm tra');
    expect(foreign.status).toBe(403);
  });

  it("writes the official's download of an issued copy to the request's history", async () => {
    // Prepare
    const { id } = await submittedRequest();
    const { documentId } = await certify(id);
    const official = await login('official');

    // Act
    const res = await api('GET', `/api/documents/${documentId}/download`, { token: official });
    const detail = await api('GET', `/api/requests/${id}`, { token: official });

    // Assess
    expect(res.status).toBe(200);
    expect(detail.body.history.map((e: { action: string }) => e.action)).toContain('download-copy');
  });
});
