import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { awaitingEntitlement, createRegisterCopy, downloadPdf, uploadEvidence } from '../helpers/flows';
import { realServices, useTestStack } from './hostile/support';
import { nssDbTrusting, pdfText, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';

const REG = 'khai-sinh-ba-dinh';
let official: string;

beforeAll(async () => {
  useTestStack();
  official = await login('official');
});

describe('Master registers: entries', () => {
  it('lists the agency’s registers with their fields', async () => {
    const res = await api('GET', '/api/registers', { token: official });
    expect(res.status).toBe(200);
    const reg = res.body.find((r: { id: string }) => r.id === REG);
    expect(reg).toMatchObject({ agencyId: 'ubnd-phuong-ba-dinh', type: 'birth', title: 'Sổ đăng ký khai sinh' });
    expect(reg.fields.map((f: { name: string }) => f.name)).toContain('hoTenMe');
    expect(reg.fields[0]).toEqual({ name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true });
    const other = await api('GET', '/api/registers', { token: await login('registrar') });
    expect(other.body.map((r: { id: string }) => r.id)).toEqual(['van-bang-phan-dinh-phung']);
  });

  it('adds an entry, refuses the same number with 409 and bad fields with 422 naming them', async () => {
    const data = { hoTen: 'Bùi Thị Lan', ngaySinh: '2001-06-01', gioiTinh: 'Nữ', noiSinh: 'Hà Nội', danToc: 'Kinh', quocTich: 'Việt Nam', soDangKy: '900', ngayDangKy: '2001-06-05' };
    const created = await api('POST', `/api/registers/${REG}/entries`, { token: official, json: { entryNo: '900', data } });
    expect(created.status).toBe(201);
    expect((await api('POST', `/api/registers/${REG}/entries`, { token: official, json: { entryNo: '900', data } })).status).toBe(409);
    const bad = await api('POST', `/api/registers/${REG}/entries`, { token: official, json: { entryNo: '901', data: { ...data, ngaySinh: '01/06/2001', gioiTinh: 'X' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['gioiTinh', 'ngaySinh']);
    const got = await api('GET', `/api/registers/${REG}/entries/900?reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: official });
    expect(got.body.data.hoTen).toBe('Bùi Thị Lan');
    const found = await api('GET', `/api/registers/${REG}/entries?q=bui thi lan&reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: official });
    expect(found.body.items.map((e: { entryNo: string }) => e.entryNo)).toEqual(['900']);
    // Seeded entries are searchable too, by name without diacritics.
    const seeded = await api('GET', `/api/registers/${REG}/entries?q=dang quoc viet&reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: official });
    expect(seeded.body.items.map((e: { entryNo: string }) => e.entryNo)).toEqual(['127']);
  });

  it('imports a CSV keeping every valid line and reporting exactly the bad ones', async () => {
    const header = 'entryNo,hoTen,ngaySinh,gioiTinh,noiSinh,danToc,quocTich,hoTenCha,hoTenMe,soDangKy,ngayDangKy';
    const good = (n: number) => `${n},Người Số ${n},2000-01-01,Nam,"Ba Đình, Hà Nội",Kinh,Việt Nam,,,${n},2000-01-05`;
    const lines = [header];
    for (let n = 2000; n < 2300; n++) lines.push(good(n));
    lines.push('2300,Sai Ngày,2000-13-01,Nam,Hà Nội,Kinh,Việt Nam,,,2300,2000-01-05'); // line 302
    lines.push(good(2001)); // line 303: duplicate in the file
    lines.push('125,Đã Có,2000-01-01,Nam,Hà Nội,Kinh,Việt Nam,,,125,2000-01-05'); // line 304: already in the register
    const res = await api('POST', `/api/registers/${REG}/import`, { token: official, body: `\uFEFF${lines.join('\r\n')}\r\n`, contentType: 'text/csv; charset=utf-8' });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(300);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([302, 303, 304]);
    expect((await api('GET', `/api/registers/${REG}/entries/2299?reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: official })).status).toBe(200);
    expect((await api('GET', `/api/registers/${REG}/entries/2300?reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: official })).status).toBe(404);
  });

  it('hides another agency’s register (404) and forbids citizens (403)', async () => {
    expect((await api('GET', `/api/registers/${REG}/entries/125?reason=Ki%E1%BB%83m%20tra%20s%E1%BB%95`, { token: await login('official2') })).status).toBe(404);
    expect((await api('GET', '/api/registers', { token: await login('citizen') })).status).toBe(403);
  });
});

describe('Copies from master registers: who may ask (Decree 23/2015 Art. 16, 17)', () => {
  it('issues the dev citizen a copy of their own entry 125 without evidence: authentic, trusted, in the register’s form, naming the signer', async () => {
    const citizen = await login('citizen');
    const created = await createRegisterCopy('citizen', { entryNo: '125' });
    expect(created.status).toBe(201);
    expect(created.body.entitlement).toEqual({ ground: 'self', status: 'verified' });
    const submitted = await api('POST', `/api/requests/${created.body.id}/submit`, { token: citizen });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.fee).toBe(8000);
    const issued = await api('POST', `/api/requests/${created.body.id}/issue`, { token: official });
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBeGreaterThan(0);
    expect(issued.body.book).toMatch(/^01\/\d{4}-TLKS\/BS$/);

    const pdf = await downloadPdf(issued.body.documentId);
    const verified = await api('POST', '/api/verify', { body: pdf, contentType: 'application/pdf' });
    expect(verified.body.verdict).toBe('authentic');
    const file = tempFile(pdf);
    expect(qpdfCheck(file).status).toBe(0);
    const report = pdfsig(file, nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text()));
    expect(report).toMatch(/Signature is Valid\./);
    expect(report).toMatch(/Certificate is Trusted\./);
    expect(report).toMatch(/Total document signed/);
    const text = pdfText(file).normalize('NFC');
    for (const s of ['BẢN SAO', 'TRÍCH LỤC KHAI SINH', 'Số: 125', 'Nguyễn Văn An', '15/03/1990', 'Số định danh cá nhân', 'Trần Thị Cúc', 'Trần Thị Bình', issued.body.verifyCode]) {
      expect(text).toContain(s);
    }
    // The extract form's order: name, date of birth, sex… before the parents.
    expect(text.indexOf('Ngày, tháng, năm sinh')).toBeLessThan(text.indexOf('Họ, chữ đệm, tên người mẹ'));
  });

  it('holds citizen2’s request for entry 125 until an official accepts the evidence, and records who decided and why', async () => {
    const citizen2 = await login('citizen2');
    const id = await awaitingEntitlement('citizen2', { entryNo: '125' });
    expect((await api('GET', `/api/requests/${id}`, { token: citizen2 })).body.status).toBe('awaiting-entitlement');
    const early = await api('POST', `/api/requests/${id}/issue`, { token: official });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/application\/problem\+json/);

    // The official looks at the entry for this request (the read is audited), then decides.
    expect((await api('GET', `/api/registers/${REG}/entries/125`, { token: official })).status).toBe(422);
    expect((await api('GET', `/api/registers/${REG}/entries/125?requestId=${id}`, { token: official })).status).toBe(200);
    const reads = await realServices().audit.history(`REG#${REG}`);
    expect(reads.find((r) => r.action === 'read-entry' && r.data?.requestId === id)).toMatchObject({ actor: { sub: 'dev-official' }, reason: expect.stringContaining(id) });

    const accepted = await api('POST', `/api/requests/${id}/entitlement`, { token: official, json: { decision: 'accepted', note: 'Đã đối chiếu văn bản ủy quyền có chứng thực' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('submitted');
    const issued = await api('POST', `/api/requests/${id}/issue`, { token: official });
    expect(issued.status).toBe(201);
    const history = (await api('GET', `/api/requests/${id}`, { token: citizen2 })).body.history;
    expect(history.find((h: { action: string }) => h.action === 'entitlement-accepted')).toMatchObject({ reason: 'Đã đối chiếu văn bản ủy quyền có chứng thực', from: 'awaiting-entitlement', to: 'submitted' });
  });

  it('answers a request for an entry that does not exist, someone else’s, or with wrong details the same way', async () => {
    const claims = [
      { entryNo: '99999' },
      { entryNo: '126', subjectName: 'Lê Thị Hồng Nhung', subjectBirthDate: '1990-04-02' },
      { entryNo: '125', subjectName: 'Nguyễn Văn Ân', subjectBirthDate: '1991-01-01' },
    ];
    const shape = (body: Record<string, unknown>) => {
      // The id and the short request code are the request's own, like its times.
      const { id: _id, code: _code, createdAt: _c, updatedAt: _u, submittedAt: _s, dueAt: _d, entryNo: _e, createdBy: _b, entitlement, ...rest } = body;
      const { subjectName: _n, subjectBirthDate: _bd, ...ent } = entitlement as Record<string, unknown>;
      return { keys: Object.keys(body).sort(), rest, ent };
    };
    const citizen2 = await login('citizen2');
    for (const ground of ['self', 'authorised-representative'] as const) {
      const created = await Promise.all(claims.map((c) => createRegisterCopy('citizen2', { ground, subjectName: 'X Y', subjectBirthDate: '2000-01-01', ...c })));
      expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(created.map((r) => JSON.stringify(shape(r.body)))).size).toBe(1);
      expect(created[0].body.entitlement.status).toBe('pending');
      for (const r of created) await uploadEvidence(r.body.id, 'citizen2');
      const submitted = await Promise.all(created.map((r) => api('POST', `/api/requests/${r.body.id}/submit`, { token: citizen2 })));
      expect(submitted.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(submitted.map((r) => JSON.stringify(shape(r.body)))).size).toBe(1);
      expect(submitted[0].body.status).toBe('awaiting-entitlement');
    }
  });

  it('refuses in writing on Art. 17’s ground: a signed, trusted reply the citizen can download; Art. 22 refusals and extensions do not apply', async () => {
    const citizen2 = await login('citizen2');
    const id = await awaitingEntitlement('citizen2', { entryNo: '99999' });
    expect((await api('POST', `/api/requests/${id}/reject`, { token: official, json: { reasonCode: 'damaged' } })).status).toBe(409);
    const refused = await api('POST', `/api/requests/${id}/entitlement`, { token: official, json: { decision: 'refused', refusalGround: 'no-information', note: 'Sổ không có mục số 99999' } });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('rejected');
    expect((await api('POST', `/api/requests/${id}/issue`, { token: official })).status).toBe(409);
    const reply = await api('GET', `/api/requests/${id}/refusal`, { token: citizen2 });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/application\/pdf/);
    // Recorded like a refusal of Art. 22: the document's id and digest on the request, its path in the detail.
    expect(refused.body.rejection).toMatchObject({ documentId: expect.any(String), sha256: createHash('sha256').update(reply.bytes).digest('hex') });
    expect((await api('GET', `/api/requests/${id}`, { token: citizen2 })).body.refusalUrl).toBe(`/api/requests/${id}/refusal`);
    const file = tempFile(reply.bytes);
    const report = pdfsig(file, nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text()));
    expect(report).toMatch(/Signature is Valid\./);
    expect(report).toMatch(/Certificate is Trusted\./);
    const text = pdfText(file).normalize('NFC');
    for (const s of ['VĂN BẢN TRẢ LỜI', 'Khoản 2 Điều 17', 'Sổ không có mục số 99999', 'Trần Thị Bình', 'Kính gửi: Ông/Bà Hoàng Thị Em, số định danh cá nhân 079195067890.']) expect(text).toContain(s);
    const history = (await api('GET', `/api/requests/${id}`, { token: citizen2 })).body.history;
    expect(history.find((h: { action: string }) => h.action === 'entitlement-refused')).toMatchObject({ reason: 'Sổ không có mục số 99999' });

    const own = await createRegisterCopy('citizen', { entryNo: '125' });
    await api('POST', `/api/requests/${own.body.id}/submit`, { token: await login('citizen') });
    expect((await api('POST', `/api/requests/${own.body.id}/extend`, { token: official, json: { workingDays: 1, reason: 'Cần xác minh thêm' } })).status).toBe(409);
  });

  it('keeps register search official-only and refuses a read without a purpose', async () => {
    expect((await api('GET', `/api/registers/${REG}/entries?q=nguyen`, { token: await login('citizen') })).status).toBe(403);
    expect((await api('GET', `/api/registers/${REG}/entries?q=nguyen`, { token: official })).status).toBe(422);
  });
});
