import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfText, pdfsig, tempFile } from '../helpers/tools';

/**
 * The electronic sổ chứng thực (Decree 23/2015 Art. 13, 14) through the real handlers. The book
 * closed here is that of ubnd-xa-tan-hung (official2), so that the other files' certifications in
 * ubnd-phuong-ba-dinh stay in book 01.
 */
const AGENCY = 'ubnd-xa-tan-hung';
const year = () => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));

let nssDir: string;
beforeAll(async () => {
  nssDir = nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text());
});

async function bookYear(user = 'official2') {
  return api('GET', `/api/books?agencyId=${AGENCY}&year=${year()}`, { token: await login(user) });
}

describe('The electronic certification book', () => {
  it('writes a line with every column of the book form for a certified copy', async () => {
    // Prepare
    const { id } = await submittedRequest({ agencyId: AGENCY, official: 'official2', pages: 3, title: 'Học bạ THPT' });

    // Act
    const issued = await certify(id, 'official2');
    const res = await bookYear();

    // Assess
    expect(res.status).toBe(200);
    const open = res.body.books.at(-1);
    expect(open).toMatchObject({ status: 'open', book: issued.book });
    const line = open.lines.find((l: { verifyCode: string }) => l.verifyCode === issued.verifyCode);
    expect(line).toMatchObject({
      number: issued.number,
      requesterName: expect.any(String),
      requesterIdNo: expect.stringMatching(/^\d{12}$/),
      documentName: 'Học bạ THPT',
      pages: 3,
      copies: 1,
      signerName: 'Võ Văn Giang',
      signerTitle: 'Chủ tịch',
      fee: 5000,
      note: '',
      documentId: issued.documentId,
    });
    expect(Date.parse(line.date)).toBeGreaterThan(0);
    expect(line.requesterName).not.toBe('');
  });

  it('refuses a counter filing without the requester\'s name (422) and writes the name taken at the counter in the line', async () => {
    // Prepare: the official of the agency files at the counter for a citizen who has no account
    const official = await login('official2');
    const forRequester = { citizenId: '001090054321', requesterName: ' Lê\u200b Thị  Hoa ' };

    // Act
    const nameless = await api('POST', '/api/requests', { token: official, json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Giấy khai sinh', citizenId: forRequester.citizenId } });
    const { id } = await submittedRequest({ user: 'official2', agencyId: AGENCY, title: 'Giấy khai sinh', pages: 1, checked: false, forRequester });
    const issued = await certify(id, 'official2');
    const line = (await bookYear()).body.books.flatMap((b: { lines: { verifyCode: string }[] }) => b.lines).find((l: { verifyCode: string }) => l.verifyCode === issued.verifyCode);

    // Assess: cleaned as every plain-text field (zero-width removed, one line, trimmed)
    expect(nameless.status, nameless.text).toBe(422);
    expect(nameless.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(nameless.body.detail).toMatch(/họ và tên người yêu cầu/);
    expect(line).toMatchObject({ requesterName: 'Lê Thị Hoa', requesterIdNo: forRequester.citizenId });
  });

  it('answers CSV for format=csv and for Accept: text/csv, with the book as on its cover', async () => {
    // Prepare
    const issued = await certify((await submittedRequest({ agencyId: AGENCY, official: 'official2' })).id, 'official2');
    const token = await login('official2');

    // Act
    const byQuery = await api('GET', `/api/books?agencyId=${AGENCY}&year=${year()}&format=csv`, { token });
    const byAccept = await api('GET', `/api/books?agencyId=${AGENCY}&year=${year()}`, { token, headers: { accept: 'text/csv' } });

    // Assess
    for (const res of [byQuery, byAccept]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.text.split('\r\n')[0]).toContain('Số chứng thực');
      expect(res.text).toContain(`${issued.book},${issued.number},`);
    }
  });

  it("refuses another agency's official (403) and a book id that is none (404)", async () => {
    // Act
    const read = await bookYear('official');
    const close = await api('POST', `/api/books/${encodeURIComponent(`${AGENCY}~${year()}~01~SCT_BS-ĐT`)}/close`, { token: await login('official') });
    const unknown = await api('POST', '/api/books/not-a-book/close', { token: await login('official2') });

    // Assess
    expect(read.status).toBe(403);
    expect(close.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it('refuses an official of the agency who is not a competent signer (403), leaving the book open', async () => {
    // Prepare: `clerk` is an official of ubnd-phuong-ba-dinh with no signer record (Decree 23 Art. 5 as amended).
    const token = await login('clerk');
    const books = await api('GET', `/api/books?agencyId=ubnd-phuong-ba-dinh&year=${year()}`, { token });
    const open = books.body.books.at(-1);

    // Act
    const close = await api('POST', `/api/books/${encodeURIComponent(open.id)}/close`, { token });

    // Assess
    expect(books.status).toBe(200);
    expect(close.status, close.text).toBe(403);
    expect(close.body.detail).toMatch(/thẩm quyền ký/);
    const after = await api('GET', `/api/books?agencyId=ubnd-phuong-ba-dinh&year=${year()}`, { token });
    expect(after.body.books.at(-1)).toMatchObject({ id: open.id, status: 'open' });
  });

  it('closes a book with its total and a signed PDF that verifies; the next number goes into book 02', async () => {
    // Prepare
    const before = await certify((await submittedRequest({ agencyId: AGENCY, official: 'official2' })).id, 'official2');
    const open = (await bookYear()).body.books.at(-1);
    const token = await login('official2');

    // Act
    const closed = await api('POST', `/api/books/${encodeURIComponent(open.id)}/close`, { token });
    const after = await certify((await submittedRequest({ agencyId: AGENCY, official: 'official2' })).id, 'official2');
    const again = await api('POST', `/api/books/${encodeURIComponent(open.id)}/close`, { token });

    // Assess: the total and the PDF (Art. 14(1))
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ id: open.id, book: open.book, total: open.lines.length });
    expect(closed.body.total).toBeGreaterThan(0);
    const doc = await api('GET', `/api/documents/${closed.body.documentId}/download`, { token });
    expect(doc.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(doc.body.url)).arrayBuffer());
    const verdict = await api('POST', '/api/verify', { body: pdf, contentType: 'application/pdf' });
    expect(verdict.body.verdict).toBe('authentic');
    expect(verdict.body.document).toMatchObject({ kind: 'book', book: open.book });
    const file = tempFile(pdf);
    const report = pdfsig(file, nssDir);
    expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
    const text = pdfText(file).normalize('NFC');
    expect(text).toContain(`Quyển số ${open.book}`);
    expect(text).toContain(`Tổng số: ${closed.body.total} việc chứng thực`);
    // The title of the closer's signer record (Decree 23 Art. 5 as amended), not a profile field.
    expect(text).toContain('Võ Văn Giang, Chủ tịch');
    // Art. 13(2): the sequence continues in the next book of the same year.
    expect(after.number).toBe(before.number + 1);
    expect(after.book).toBe(open.book.replace(/^01\//, '02/'));
    const books = (await bookYear()).body.books;
    expect(books.map((b: { status: string }) => b.status)).toEqual(['closed', 'open']);
    expect(books[0]).toMatchObject({ total: closed.body.total, documentId: closed.body.documentId });
    expect(books[1].lines.map((l: { number: number }) => l.number)).toEqual([after.number]);
    expect(again.status).toBe(409);
  });
});
