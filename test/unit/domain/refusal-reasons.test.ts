import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import {
  MAX_REFUSAL_DETAIL_LENGTH,
  REFUSAL_REASON_LABELS,
  art22Ground,
  RefusalReasonCodeSchema,
  RefusalSchema,
  refusalText,
  type RefusalReasonCode,
} from '../../../shared/domain/refusal-reasons';

describe('Function: refusalText', () => {
  it('states the Article 22 ground with its legal basis', () => {
    // Prepare / Act
    const text = refusalText('damaged');
    // Assess
    expect(text).toBe('Bản chính bị hư hỏng, cũ nát, không xác định được nội dung (Điều 22 Nghị định số 23/2015/NĐ-CP).');
  });

  it('appends a detail to a listed ground', () => {
    const text = refusalText('altered', '  Trang 2 bị sửa   ngày sinh. ');
    expect(text).toBe(
      'Bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ (Điều 22 Nghị định số 23/2015/NĐ-CP). Trang 2 bị sửa ngày sinh.',
    );
  });

  it('uses the free text as the reason for `other`', () => {
    expect(refusalText('other', 'Người yêu cầu không xuất trình bản chính.')).toBe('Người yêu cầu không xuất trình bản chính.');
  });

  it.each([undefined, '', '   '])('refuses `other` without a detail (%j)', (detail) => {
    expect(() => refusalText('other', detail)).toThrow(ValidationError);
  });

  it('refuses an unknown code and an over-long detail', () => {
    expect(() => refusalText('bogus' as RefusalReasonCode)).toThrow(ValidationError);
    expect(() => refusalText('other', 'x'.repeat(MAX_REFUSAL_DETAIL_LENGTH + 1))).toThrow(ValidationError);
  });

  it('has a Vietnamese label for every code', () => {
    for (const code of RefusalReasonCodeSchema.options) {
      expect(REFUSAL_REASON_LABELS[code].length).toBeGreaterThan(5);
      if (code !== 'other') expect(refusalText(code)).toContain(REFUSAL_REASON_LABELS[code]);
    }
  });

  it('covers the six grounds of Article 22 plus `other`', () => {
    expect(RefusalReasonCodeSchema.options).toEqual([
      'altered',
      'damaged',
      'secret-or-no-copy',
      'unlawful-content',
      'foreign-not-legalised',
      'self-made-unconfirmed',
      'other',
    ]);
  });
});

describe('Schema: RefusalSchema', () => {
  it('accepts a listed code without detail', () => {
    expect(RefusalSchema.safeParse({ code: 'foreign-not-legalised' }).success).toBe(true);
  });

  it('rejects `other` without a detail, pointing at the detail field', () => {
    const r = RefusalSchema.safeParse({ code: 'other', detail: '  ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['detail']);
  });

  it('rejects an unknown code', () => {
    expect(RefusalSchema.safeParse({ code: 'nope' }).success).toBe(false);
  });
});

describe('Function: art22Ground', () => {
  // Decree 23/2015/NĐ-CP Art. 22, clause by clause, as the decree words them.
  const DECREE: [RefusalReasonCode, string][] = [
    ['altered', 'Khoản 1 Điều 22 Nghị định số 23/2015/NĐ-CP: Bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ.'],
    ['damaged', 'Khoản 2 Điều 22 Nghị định số 23/2015/NĐ-CP: Bản chính bị hư hỏng, cũ nát, không xác định được nội dung.'],
    ['secret-or-no-copy', 'Khoản 3 Điều 22 Nghị định số 23/2015/NĐ-CP: Bản chính đóng dấu mật của cơ quan, tổ chức có thẩm quyền hoặc không đóng dấu mật nhưng ghi rõ không được sao chụp.'],
    ['foreign-not-legalised', 'Khoản 5 Điều 22 Nghị định số 23/2015/NĐ-CP: Bản chính do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp, công chứng hoặc chứng nhận chưa được hợp pháp hóa lãnh sự theo quy định tại Khoản 1 Điều 20 của Nghị định này.'],
    ['self-made-unconfirmed', 'Khoản 6 Điều 22 Nghị định số 23/2015/NĐ-CP: Giấy tờ, văn bản do cá nhân tự lập nhưng không có xác nhận và đóng dấu của cơ quan, tổ chức có thẩm quyền.'],
  ];

  it.each(DECREE)('quotes the clause for %s word for word', (code, expected) => {
    expect(art22Ground(code)).toBe(expected);
  });

  it('cites no clause for a reason outside Art. 22', () => {
    expect(art22Ground('other')).toBeUndefined();
  });
});
