import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ValidationError } from '../../../shared/domain/errors';
import { composeRegisterCopy, type RegisterCopyInput } from '../../../shared/pdf/compose-register-copy';
import { pdfInfo, pdfToText, qpdfCheck } from './support/tools';

const CODE = 'QRST2345EFGH6789JKMNPABC';

function input(extra: Partial<RegisterCopyInput> = {}): RegisterCopyInput {
  return {
    agency: { name: 'Ủy ban nhân dân phường Ba Đình', parentName: 'Ủy ban nhân dân thành phố Hà Nội' },
    copyTitle: 'Trích lục khai sinh',
    fields: [
      { label: 'Họ, chữ đệm, tên', value: 'Nguyễn Thị Ánh Tuyết' },
      { label: 'Ngày, tháng, năm sinh', value: '05/02/2020' },
      { label: 'Nơi sinh', value: 'Bệnh viện Phụ sản Hà Nội, quận Ba Đình, thành phố Hà Nội' },
      { label: 'Quê quán', value: 'Xã Đông Hòa, huyện Đông Sơn, tỉnh Thanh Hóa' },
    ],
    entryNo: '125/2020',
    registerTitle: 'Sổ đăng ký khai sinh năm 2020',
    verifyCode: CODE,
    verifyUrl: `https://bansao.example.gov.vn/verify/${CODE}`,
    number: 5,
    book: '01/2026-TLKS/BS',
    issuedAtText: 'Ngày 27 tháng 11 năm 2026',
    issuerStatement: [
      'Bản sao được cấp từ sổ gốc: Sổ đăng ký khai sinh năm 2020, số 125/2020.',
      'Số: 5/01-2026-SG/BS',
      'Ngày 27 tháng 11 năm 2026',
      'Ủy ban nhân dân phường Ba Đình',
    ],
    createdAt: new Date('2026-11-27T03:00:00Z'),
    ...extra,
  };
}

describe('Function: composeRegisterCopy', () => {
  it('writes the entry’s number as the register’s form does and names the signer with their title under the seal', async () => {
    // Act
    const copy = await composeRegisterCopy(input({ numberLabel: 'Số', signer: { name: 'Trần Thị Bình', title: 'Phó Chủ tịch' } }));

    // Assess
    const text = pdfToText(copy.pdf);
    expect(text).toContain('Số: 125/2020');
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('Phó Chủ tịch');
    expect(text.indexOf('Số: 125/2020')).toBeLessThan(text.indexOf('Họ, chữ đệm, tên:'));
  });

  it('renders the heading, the title marked BẢN SAO and every field with its value', async () => {
    // Act
    const copy = await composeRegisterCopy(input());

    // Assess
    expect(copy.pages).toBe(1);
    const text = pdfToText(copy.pdf);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH');
    expect(text).toContain('TRÍCH LỤC KHAI SINH');
    expect(text).toContain('(BẢN SAO)');
    for (const value of ['Nguyễn Thị Ánh Tuyết', '05/02/2020', 'Xã Đông Hòa, huyện Đông Sơn, tỉnh Thanh Hóa', 'Họ, chữ đệm, tên:']) {
      expect(text).toContain(value);
    }
    expect(text).toContain('Trang 1/1');
    expect(text).toContain(`Mã kiểm tra: ${CODE}`);
    expect(text).not.toContain('Chữ ký số của');
  });

  it('states once that the copy is issued from the master register, with the entry number', async () => {
    // Act
    const copy = await composeRegisterCopy(input());

    // Assess
    const text = pdfToText(copy.pdf);
    expect(text.match(/Bản sao được cấp từ sổ gốc: Sổ đăng ký khai sinh năm 2020, số 125\/2020\./g)).toHaveLength(1);
    expect(text.match(/Ngày 27 tháng 11 năm 2026/g)).toHaveLength(1);
  });

  it('writes the statement itself when the domain lines do not name the register entry', async () => {
    // Act
    const copy = await composeRegisterCopy(input({ issuerStatement: [], entryNo: 77 }));

    // Assess
    expect(pdfToText(copy.pdf)).toContain('Bản sao được cấp từ sổ gốc: Sổ đăng ký khai sinh năm 2020, số 77.');
  });

  it('prints decomposed (NFD) input as composed (NFC) text with every diacritic', async () => {
    // Prepare
    const nfd = 'Trần Thị Hồng Nhung, Đắk Lắk, Quảng Ngãi'.normalize('NFD');

    // Act
    const copy = await composeRegisterCopy(input({ fields: [{ label: 'Họ tên người mẹ'.normalize('NFD'), value: nfd }] }));

    // Assess
    const text = pdfToText(copy.pdf);
    expect(text).toContain('Trần Thị Hồng Nhung, Đắk Lắk, Quảng Ngãi'.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
  });

  it('wraps long values and spills onto more pages, with the seal area on the last one', async () => {
    // Prepare
    const long = Array.from({ length: 400 }, (_, i) => `mục${i}`).join(' ');

    // Act
    const copy = await composeRegisterCopy(input({ fields: [...input().fields, { label: 'Ghi chú', value: long }] }));

    // Assess
    expect(copy.pages).toBeGreaterThan(1);
    const text = pdfToText(copy.pdf);
    expect(text).toContain('mục0');
    expect(text).toContain('mục399');
    expect(text).toContain(`Trang ${copy.pages}/${copy.pages}`);
    expect(text.match(/BẢN SAO/g)!.length).toBeGreaterThanOrEqual(copy.pages + 1);
    expect(copy.fields.agency.pageIndex).toBe(copy.pages - 1);
    expect(copy.fields.official).toBeUndefined();
  });

  it('breaks a value with no spaces (a URL, a code) inside the word rather than overflowing', async () => {
    // Act
    const copy = await composeRegisterCopy(input({ fields: [{ label: 'Mã', value: 'X'.repeat(300) }] }));

    // Assess
    const longest = Math.max(...pdfToText(copy.pdf).split('\n').map((l) => (l.match(/X+/)?.[0].length ?? 0)));
    expect(longest).toBeGreaterThan(10);
    expect(longest).toBeLessThan(300);
  });

  it('returns the agency seal spot inside the page and writes a clean, classic-xref file with metadata', async () => {
    // Act
    const copy = await composeRegisterCopy(input());

    // Assess
    const [x0, y0, x1, y1] = copy.fields.agency.rect;
    expect(copy.fields.agency).toMatchObject({ name: 'sig-agency', pageIndex: 0 });
    expect(x0).toBeGreaterThan(0);
    expect(y0).toBeGreaterThan(28);
    expect(x1).toBeLessThan(595.28);
    expect(y1).toBeLessThan(841.89);
    expect(qpdfCheck(copy.pdf).status).toBe(0);
    expect(Buffer.from(copy.pdf).toString('latin1')).not.toContain('/ObjStm');
    const info = pdfInfo(copy.pdf);
    expect(info.Producer).toBe('Bản sao điện tử');
    expect(info.Subject).toBe('Bản sao điện tử được cấp từ sổ gốc');
    expect(info.Keywords).toContain(`verify-code:${CODE}`);
    const doc = await PDFDocument.load(copy.pdf);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('refuses to compose without a register title', async () => {
    await expect(composeRegisterCopy(input({ registerTitle: '' }))).rejects.toBeInstanceOf(ValidationError);
  });
});
