import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import {
  MAX_REFUSAL_DETAIL_LENGTH,
  REFUSAL_REASON_LABELS,
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
