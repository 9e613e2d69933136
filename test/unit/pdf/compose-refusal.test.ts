import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { art22Ground, REFUSAL_REASON_LABELS } from '../../../shared/domain/refusal-reasons';
import { composeRefusal, type RefusalInput } from '../../../shared/pdf/compose-refusal';
import { pdfToText, qpdfCheck } from './support/tools';

const input = (over: Partial<RefusalInput> = {}): RefusalInput => ({
  agency: { name: 'UBND phường Ba Đình', parentName: 'UBND thành phố Hà Nội' },
  place: 'Hà Nội',
  dateText: 'Ngày 26 tháng 11 năm 2026',
  procedure: 'chứng thực bản sao từ bản chính',
  requester: { name: 'Nguyễn Văn An', citizenId: '001199012345' },
  requestTitle: 'Bằng tốt nghiệp THPT',
  requestId: 'req-1',
  receivedAtText: '15 giờ 30, ngày 25 tháng 11 năm 2026',
  legalGround: art22Ground('damaged'),
  officialName: 'Trần Thị Bình',
  createdAt: new Date('2026-11-26T02:00:00Z'),
  ...over,
});

const textOf = (pdf: Uint8Array) => pdfToText(pdf).normalize('NFC').replace(/\s+/g, ' ');

describe('Function: composeRefusal', () => {
  it('states the Art. 22 clause in the decree\'s words, the requester, the request, the place and date', async () => {
    // Act
    const composed = await composeRefusal(input({ detail: 'Trang 2 bị rách mất nửa.' }));
    // Assess
    const text = textOf(composed.pdf);
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain(`Khoản 2 Điều 22 Nghị định số 23/2015/NĐ-CP: ${REFUSAL_REASON_LABELS.damaged}.`);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('001199012345');
    expect(text).toContain('Bằng tốt nghiệp THPT');
    expect(text).toContain('Hà Nội, ngày 26 tháng 11 năm 2026');
    expect(text).toContain('Trang 2 bị rách mất nửa.');
    expect(qpdfCheck(composed.pdf).status).toBe(0);
  });

  it('puts the agency seal field on the last page, inside it', async () => {
    const composed = await composeRefusal(input());
    const [x0, y0, x1, y1] = composed.fields.agency.rect;
    expect(composed.fields.agency.pageIndex).toBe(composed.pages - 1);
    expect(x0).toBeGreaterThan(0);
    expect(y0).toBeGreaterThan(0);
    expect(x1).toBeLessThan(595.28);
    expect(y1).toBeLessThan(841.89);
  });

  it('states a reason outside Art. 22 in the official\'s words, without citing a clause', async () => {
    const composed = await composeRefusal(input({ legalGround: undefined, detail: 'Người yêu cầu không xuất trình bản chính.' }));
    const text = textOf(composed.pdf);
    expect(text).toContain('Người yêu cầu không xuất trình bản chính.');
    expect(text).not.toContain('Khoản');
  });

  it('continues on a second page when the detail is long, the seal after the text', async () => {
    const composed = await composeRefusal(input({ detail: 'Bản chính bị hư hỏng nặng ở nhiều trang. '.repeat(60) }));
    expect(composed.pages).toBe(2);
    expect(composed.fields.agency.pageIndex).toBe(1);
  });

  it('refuses a refusal without any reason', async () => {
    await expect(composeRefusal(input({ legalGround: undefined }))).rejects.toThrow(ValidationError);
  });
});
