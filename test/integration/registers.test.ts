import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { downloadPdf } from '../helpers/flows';
import { nssDbTrusting, pdfText, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';

const REG = 'khai-sinh-ba-dinh';
let official: string;

beforeAll(async () => {
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
    const got = await api('GET', `/api/registers/${REG}/entries/900`, { token: official });
    expect(got.body.data.hoTen).toBe('Bùi Thị Lan');
    const found = await api('GET', `/api/registers/${REG}/entries?q=bui thi lan`, { token: official });
    expect(found.body.items.map((e: { entryNo: string }) => e.entryNo)).toEqual(['900']);
    // Seeded entries are searchable too, by name without diacritics.
    const seeded = await api('GET', `/api/registers/${REG}/entries?q=dang quoc viet`, { token: official });
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
    expect((await api('GET', `/api/registers/${REG}/entries/2299`, { token: official })).status).toBe(200);
    expect((await api('GET', `/api/registers/${REG}/entries/2300`, { token: official })).status).toBe(404);
  });

  it('hides another agency’s register (404) and forbids citizens (403)', async () => {
    expect((await api('GET', `/api/registers/${REG}/entries/125`, { token: await login('official2') })).status).toBe(404);
    expect((await api('GET', '/api/registers', { token: await login('citizen') })).status).toBe(403);
  });
});

describe('Copies from master registers: request, issue, download', () => {
  it('issues a signed copy of an entry that shows its data and BẢN SAO', async () => {
    const citizen = await login('citizen');
    const created = await api('POST', '/api/requests', { token: citizen, json: { kind: 'register-copy', agencyId: 'ubnd-phuong-ba-dinh', registerId: REG, entryNo: '125', title: 'Trích lục khai sinh' } });
    expect(created.status).toBe(201);
    const submitted = await api('POST', `/api/requests/${created.body.id}/submit`, { token: citizen });
    expect(submitted.status).toBe(200);
    expect(submitted.body.fee).toBe(8000);
    const issued = await api('POST', `/api/requests/${created.body.id}/issue`, { token: official });
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBeGreaterThan(0);
    expect(issued.body.book).toMatch(/^01\/\d{4}-TLKS\/BS$/);

    const pdf = await downloadPdf(issued.body.documentId);
    const verified = await api('POST', '/api/verify', { body: pdf, contentType: 'application/pdf' });
    expect(verified.body.verdict).toBe('authentic');
    expect(verified.body.signatures).toHaveLength(1);
    const file = tempFile(pdf);
    expect(qpdfCheck(file).status).toBe(0);
    const report = pdfsig(file, nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text()));
    expect(report.match(/Signature is Valid\./g)?.length).toBe(1);
    expect(report).toMatch(/Certificate is Trusted\./);
    expect(report).toMatch(/Total document signed/);
    const text = pdfText(file).normalize('NFC');
    for (const s of ['BẢN SAO', 'TRÍCH LỤC KHAI SINH', 'Nguyễn Văn An', '15/03/1990', 'Bệnh viện Phụ sản Hà Nội', 'Trần Thị Cúc', issued.body.verifyCode]) {
      expect(text).toContain(s);
    }
  });

  it('refuses a request for an entry that does not exist (422) and issuing a certify-copy request (409)', async () => {
    const citizen = await login('citizen');
    const missing = await api('POST', '/api/requests', { token: citizen, json: { kind: 'register-copy', agencyId: 'ubnd-phuong-ba-dinh', registerId: REG, entryNo: '99999', title: 'x' } });
    expect(missing.status).toBe(422);
  });
});
