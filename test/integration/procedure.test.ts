import { describe, expect, it } from 'vitest';
import { api, login } from '../helpers/api';
import { certify, downloadPdf, draftWithOriginals, recordOriginalCheck, samplePdf, submittedRequest } from '../helpers/flows';
import { pdfText, tempFile } from '../helpers/tools';

/**
 * Issue #17 items 1–3: the check of the paper original is a recorded step before certifying
 * (Decree 45/2020 Art. 10(3)); only a competent signer of the agency signs, under the title of
 * their signer record (Decree 23 Art. 5 as amended by Decree 280/2025); one original, one copy,
 * one fee (Art. 20(3), Circular 226/2016 Art. 4).
 */
const AGENCY = 'ubnd-phuong-ba-dinh';
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

function expectProblem(res: { status: number; headers: Headers; body: { status: number; detail: string } }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
  expect(res.body.detail).toMatch(VIETNAMESE);
}

describe('The check of the paper original', () => {
  it('refuses to certify before the check is recorded with a 409, then certifies once it is, showing who and how', async () => {
    // Prepare
    const { id, token } = await submittedRequest({ checked: false });
    const official = await login('official');

    // Act
    const early = await api('POST', `/api/requests/${id}/certify`, { token: official });
    const check = await api('POST', `/api/requests/${id}/original-check`, { token: official, json: { method: 'presented-at-counter', note: 'Đã đối chiếu bản chính 2 trang.' } });
    const again = await api('POST', `/api/requests/${id}/original-check`, { token: official, json: { method: 'captured-by-official' } });
    const issued = await certify(id);

    // Assess
    expectProblem(early, 409);
    expect(early.body.detail).toMatch(/bản chính/);
    expect(check.status, check.text).toBe(200);
    expect(check.body.originalCheck).toMatchObject({ method: 'presented-at-counter', note: 'Đã đối chiếu bản chính 2 trang.', by: { sub: 'dev-official', role: 'official' } });
    expect(Date.parse(check.body.originalCheck.at)).not.toBeNaN();
    expectProblem(again, 409);
    expect(issued.book).toMatch(/SCT\/BS-ĐT$/);
    const seen = await api('GET', `/api/requests/${id}`, { token });
    expect(seen.body.originalCheck.method).toBe('presented-at-counter');
  });

  it('lets only an official of the agency record it, with a method from the list', async () => {
    // Prepare
    const { id, token } = await submittedRequest({ checked: false });

    // Act
    const byCitizen = await api('POST', `/api/requests/${id}/original-check`, { token, json: { method: 'presented-at-counter' } });
    const byOtherAgency = await api('POST', `/api/requests/${id}/original-check`, { token: await login('official2'), json: { method: 'presented-at-counter' } });
    const unknownMethod = await api('POST', `/api/requests/${id}/original-check`, { token: await login('official'), json: { method: 'looked-at-it' } });

    // Assess
    expectProblem(byCitizen, 403);
    expectProblem(byOtherAgency, 403);
    expectProblem(unknownMethod, 422);
    expect((await api('GET', `/api/requests/${id}`, { token })).body.originalCheck).toBeUndefined();
  });

  it('records the check at submit for a counter request filed by an official with their own scan', async () => {
    // Prepare: the official files at the counter for the citizen and uploads the scan they made
    const official = await login('official');
    const created = await api('POST', '/api/requests', { token: official, json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Giấy khai sinh', citizenId: '001090012345', requesterName: 'Trần Thị Khai' } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const bytes = await samplePdf(1);
    const o = await api('POST', `/api/requests/${id}/originals`, { token: official, json: { fileName: 'khai-sinh.pdf', contentType: 'application/pdf', size: bytes.length } });
    await fetch(o.body.uploadUrl, { method: 'PUT', headers: o.body.uploadHeaders, body: bytes as BodyInit });

    // Act
    const submitted = await api('POST', `/api/requests/${id}/submit`, { token: official });

    // Assess
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.originalCheck).toMatchObject({ method: 'captured-by-official', by: { sub: 'dev-official' } });
    expect((await certify(id)).documentId).toBeTruthy();
  });
});

describe('Competent signers', () => {
  it('refuses certification by an official who is not a signer (clerk) with a 403 and issues nothing', async () => {
    // Prepare
    const { id, token } = await submittedRequest();

    // Act
    const res = await api('POST', `/api/requests/${id}/certify`, { token: await login('clerk') });

    // Assess
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/thẩm quyền ký/);
    expect((await api('GET', `/api/requests/${id}`, { token })).body.status).toBe('submitted');
  });

  it('prints the title of the signer record under the signer’s name', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 1 });

    // Act
    const issued = await certify(id);
    const text = pdfText(tempFile(await downloadPdf(issued.documentId))).normalize('NFC');

    // Assess: the seeded record of `official` (a vice-chairman); there is no default title.
    const lines = text.split('\n').map((l) => l.trim());
    const name = lines.indexOf('Trần Thị Bình');
    expect(name).toBeGreaterThan(-1);
    expect(lines.slice(name + 1, name + 3)).toContain('Phó Chủ tịch');
    expect(text).not.toContain('Cán bộ');
  });

  it('refuses a register copy issued by the clerk with a 403, and prints the signer of the one issued by the vice-chairman', async () => {
    // Prepare
    const citizen = await login('citizen');
    const created = await api('POST', '/api/requests', { token: citizen, json: { kind: 'register-copy', agencyId: AGENCY, registerId: 'khai-sinh-ba-dinh', entryNo: '125', title: 'Trích lục khai sinh' } });
    await api('POST', `/api/requests/${created.body.id}/submit`, { token: citizen });

    // Act
    const byClerk = await api('POST', `/api/requests/${created.body.id}/issue`, { token: await login('clerk') });
    const byOfficial = await api('POST', `/api/requests/${created.body.id}/issue`, { token: await login('official') });

    // Assess
    expectProblem(byClerk, 403);
    expect(byOfficial.status, byOfficial.text).toBe(201);
    const text = pdfText(tempFile(await downloadPdf(byOfficial.body.documentId))).normalize('NFC');
    expect(text).toContain('Phó Chủ tịch');
    expect(text).toContain('Trần Thị Bình');
  });

  it('lists the agency’s signers to its admin and officials, and to no other agency', async () => {
    // Act
    const asAdmin = await api('GET', `/api/agencies/${AGENCY}/signers`, { token: await login('admin') });
    const asClerk = await api('GET', `/api/agencies/${AGENCY}/signers`, { token: await login('clerk') });
    const asOtherOfficial = await api('GET', `/api/agencies/${AGENCY}/signers`, { token: await login('official2') });
    const otherAgencyAsAdmin = await api('GET', '/api/agencies/ubnd-xa-tan-hung/signers', { token: await login('admin') });
    const asCitizen = await api('GET', `/api/agencies/${AGENCY}/signers`, { token: await login('citizen') });

    // Assess
    expect(asAdmin.status, asAdmin.text).toBe(200);
    expect(asAdmin.body.items).toContainEqual(
      expect.objectContaining({ userSub: 'dev-official', title: 'Phó Chủ tịch', basis: { decisionNo: '12/QĐ-UBND', decisionDate: '2025-07-01' } }),
    );
    expect(asAdmin.body.items.filter((s: { userSub: string; validTo?: string }) => s.userSub === 'dev-clerk' && s.validTo === undefined)).toEqual([]);
    expect(asClerk.status).toBe(200);
    expectProblem(asOtherOfficial, 403);
    expectProblem(otherAgencyAsAdmin, 403);
    expectProblem(asCitizen, 403);
  });

  it('lets the admin record a signer and end it, keeping the ended record; officials and other agencies cannot', async () => {
    // Prepare: a record for the clerk that begins only in 2098, so that the clerk stays no signer today
    const admin = await login('admin');
    const record = { userSub: 'dev-clerk', title: 'Công chức Tư pháp - Hộ tịch', basis: { decisionNo: '33/QĐ-UBND', decisionDate: '2098-01-01' }, validFrom: '2098-01-01T00:00:00+07:00' };

    // Act
    const byOfficial = await api('POST', `/api/agencies/${AGENCY}/signers`, { token: await login('official'), json: record });
    const elsewhere = await api('POST', '/api/agencies/ubnd-xa-tan-hung/signers', { token: admin, json: { ...record, userSub: 'dev-official-2' } });
    const notOurs = await api('POST', `/api/agencies/${AGENCY}/signers`, { token: admin, json: { ...record, userSub: 'dev-official-2' } });
    const added = await api('POST', `/api/agencies/${AGENCY}/signers`, { token: admin, json: record });
    const ended = await api('POST', `/api/agencies/${AGENCY}/signers/${added.body.signerId}/end`, { token: admin, json: { validTo: '2098-06-01T00:00:00+07:00', reason: 'Điều động công tác khác.' } });
    const endedAgain = await api('POST', `/api/agencies/${AGENCY}/signers/${added.body.signerId}/end`, { token: admin, json: {} });
    const list = await api('GET', `/api/agencies/${AGENCY}/signers`, { token: admin });

    // Assess
    expectProblem(byOfficial, 403);
    expectProblem(elsewhere, 403);
    expectProblem(notOurs, 422);
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ agencyId: AGENCY, userSub: 'dev-clerk', fullName: 'Ngô Thị Lan', title: record.title, validFrom: '2097-12-31T17:00:00.000Z', recordedBy: { sub: 'dev-admin' } });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.validTo).toBe('2098-05-31T17:00:00.000Z');
    expectProblem(endedAgain, 409);
    expect(list.body.items).toContainEqual(expect.objectContaining({ signerId: added.body.signerId, validTo: '2098-05-31T17:00:00.000Z', endedBy: expect.objectContaining({ sub: 'dev-admin' }) }));
  });
});

describe('One original, one copy', () => {
  it('refuses more than one copy at creation with a 422', async () => {
    // Act
    const res = await api('POST', '/api/requests', { token: await login('citizen'), json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Bằng tốt nghiệp', copies: 3 } });

    // Assess
    expectProblem(res, 422);
  });

  it('charges the per-page fee of the one original over all its files, for one copy', async () => {
    // Prepare: an ID card scanned as two files (front and back) plus a 3-page scan: one original of 5 pages
    const { id, token } = await draftWithOriginals([
      { bytes: await samplePdf(1, 'Mat truoc'), fileName: 'mat-truoc.pdf', contentType: 'application/pdf' },
      { bytes: await samplePdf(1, 'Mat sau'), fileName: 'mat-sau.pdf', contentType: 'application/pdf' },
      { bytes: await samplePdf(3), fileName: 'phu-luc.pdf', contentType: 'application/pdf' },
    ]);

    // Act
    const submitted = await api('POST', `/api/requests/${id}/submit`, { token });
    await recordOriginalCheck(id);
    const issued = await certify(id);

    // Assess: 2 × 2.000 + 3 × 1.000 (Circular 226/2016 Art. 4), one copy, one number
    expect(submitted.body).toMatchObject({ pages: 5, fee: 7000, copies: 1 });
    const doc = await api('GET', `/api/documents/${issued.documentId}`, { token });
    expect(doc.body).toMatchObject({ copies: 1, number: issued.number, book: issued.book });
  });
});
