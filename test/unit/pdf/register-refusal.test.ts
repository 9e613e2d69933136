import { describe, expect, it } from 'vitest';
import { REGISTER_REFUSAL_GROUNDS } from '../../../shared/domain/entitlement';
import { composeRegisterRefusal, type RegisterRefusalInput } from '../../../shared/pdf/register-refusal';
import { pdfToText, qpdfCheck } from './support/tools';

const input = (over: Partial<RegisterRefusalInput> = {}): RegisterRefusalInput => ({
  agency: { name: 'UBND phường Ba Đình', parentName: 'UBND thành phố Hà Nội' },
  place: 'Hà Nội',
  dateText: 'Ngày 5 tháng 12 năm 2026',
  requesterId: '001199012345',
  requestId: 'req-9',
  registerTitle: 'Sổ đăng ký khai sinh 2026',
  entryNo: '99999',
  ground: REGISTER_REFUSAL_GROUNDS['no-information'],
  note: 'Sổ không có mục số 99999',
  signer: { name: 'Trần Thị Bình', title: 'Phó Chủ tịch' },
  createdAt: new Date('2026-12-05T02:00:00Z'),
  ...over,
});

const textOf = (pdf: Uint8Array) => pdfToText(pdf).normalize('NFC').replace(/\s+/g, ' ');

describe('Function: composeRegisterRefusal', () => {
  it('writes the agency heading with place and date, the Art. 17 ground and the signer under the seal', async () => {
    // Act
    const composed = await composeRegisterRefusal(input());

    // Assess
    const text = textOf(composed.pdf);
    for (const s of ['VĂN BẢN TRẢ LỜI', 'V/v trả lời yêu cầu cấp bản sao từ sổ gốc', 'Hà Nội, ngày 5 tháng 12 năm 2026', 'Khoản 2 Điều 17', 'Sổ không có mục số 99999', 'TM. UBND PHƯỜNG BA ĐÌNH', 'Trần Thị Bình', 'Phó Chủ tịch']) {
      expect(text).toContain(s);
    }
    expect(qpdfCheck(composed.pdf).status).toBe(0);
  });

  it('gives the signature field the agency seal appearance, as every written answer of the agency', async () => {
    // Act
    const composed = await composeRegisterRefusal(input());

    // Assess
    const [x0, y0, x1, y1] = composed.fields.agency.rect;
    expect(composed.fields.agency.appearance).toBeDefined();
    expect(composed.fields.agency.pageIndex).toBe(composed.pages - 1);
    expect(x0).toBeGreaterThan(0);
    expect(y0).toBeGreaterThan(0);
    expect(x1).toBeLessThan(595.28);
    expect(y1).toBeLessThan(841.89);
  });
});
