import { describe, expect, it } from 'vitest';
import {
  ATTESTATION_SIGNER_CAPTION_INDEX,
  attestationLines,
  registerCopyStatement,
} from '../../../shared/domain/attestation';
import { vnDate } from '../../../shared/domain/dates';
import { ValidationError } from '../../../shared/domain/errors';

const input = {
  sequenceNo: 123,
  book: '01/2026-SCT/BS',
  certifiedAt: vnDate(2026, 11, 27, 10, 15),
  official: { fullName: 'Nguyễn Thị Lan', title: 'Phó Chủ tịch' },
  agencyName: 'Ủy ban nhân dân phường Ba Đình',
};

describe('Function: attestationLines', () => {
  it('gives the lời chứng lines in the template wording and order', () => {
    // Prepare: input above
    // Act
    const lines = attestationLines(input);
    // Assess
    expect(lines).toEqual([
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực 123, quyển số 01/2026-SCT/BS',
      'Ngày 27 tháng 11 năm 2026',
      'Người thực hiện chứng thực',
      'Nguyễn Thị Lan',
      'Phó Chủ tịch',
      'Ủy ban nhân dân phường Ba Đình',
    ]);
    expect(lines[ATTESTATION_SIGNER_CAPTION_INDEX]).toBe('Người thực hiện chứng thực');
  });

  it('dates the statement on the Vietnam day of certification', () => {
    // Prepare: 18:00 UTC on 31/12/2026 is 01:00 on 1/1/2027 in Vietnam
    const lines = attestationLines({ ...input, certifiedAt: new Date('2026-12-31T18:00:00Z') });
    // Assess
    expect(lines[2]).toBe('Ngày 01 tháng 01 năm 2027');
  });

  it('collapses stray whitespace in names', () => {
    const lines = attestationLines({ ...input, official: { fullName: '  Trần   Văn Nam ', title: 'Chủ tịch' } });
    expect(lines[4]).toBe('Trần Văn Nam');
  });

  it('refuses a missing name, title or agency and a bad number', () => {
    expect(() => attestationLines({ ...input, official: { fullName: ' ', title: 'Chủ tịch' } })).toThrow(ValidationError);
    expect(() => attestationLines({ ...input, official: { fullName: 'A', title: '' } })).toThrow(ValidationError);
    expect(() => attestationLines({ ...input, agencyName: '' })).toThrow(ValidationError);
    expect(() => attestationLines({ ...input, sequenceNo: 0 })).toThrow(ValidationError);
  });
});

describe('Function: registerCopyStatement', () => {
  it('names the master register and the entry, then the date', () => {
    // Prepare / Act
    const lines = registerCopyStatement({
      registerTitle: 'Sổ đăng ký khai sinh năm 2020',
      entryNo: 125,
      issuedAt: vnDate(2026, 3, 2, 9, 0),
    });
    // Assess
    expect(lines).toEqual(['Bản sao được cấp từ sổ gốc: Sổ đăng ký khai sinh năm 2020, số 125.', 'Ngày 02 tháng 3 năm 2026']);
  });

  it('adds the copy number and the agency when given', () => {
    const lines = registerCopyStatement({
      registerTitle: 'Sổ gốc cấp văn bằng',
      entryNo: 'VB-0042',
      issuedAt: vnDate(2026, 11, 27, 9, 0),
      copy: { number: 5, book: '01/2026-SG/BS' },
      agencyName: 'Trường Đại học Luật Hà Nội',
    });
    expect(lines).toEqual([
      'Bản sao được cấp từ sổ gốc: Sổ gốc cấp văn bằng, số VB-0042.',
      'Số 5, quyển số 01/2026-SG/BS',
      'Ngày 27 tháng 11 năm 2026',
      'Trường Đại học Luật Hà Nội',
    ]);
  });

  it('refuses an empty register title or entry number', () => {
    expect(() => registerCopyStatement({ registerTitle: '', entryNo: 1, issuedAt: vnDate(2026, 1, 1) })).toThrow(ValidationError);
    expect(() => registerCopyStatement({ registerTitle: 'Sổ', entryNo: ' ', issuedAt: vnDate(2026, 1, 1) })).toThrow(ValidationError);
  });
});
