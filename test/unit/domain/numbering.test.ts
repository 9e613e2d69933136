import { describe, expect, it } from 'vitest';
import { vnDate } from '../../../shared/domain/dates';
import { ValidationError } from '../../../shared/domain/errors';
import {
  DEFAULT_NUMBERING_CONFIG,
  bookCodeFor,
  bookLabel,
  counterKeyParts,
  formatCertificationNo,
  nextSequence,
  numberingYear,
  parseCertificationNo,
} from '../../../shared/domain/numbering';

describe('Function: bookLabel', () => {
  it('defaults to book 01', () => {
    expect(bookLabel({ year: 2026, bookCode: 'SCT/BS' })).toBe('01-2026-SCT/BS');
  });

  it('pads a numeric book number to two digits', () => {
    expect(bookLabel({ bookNo: 2, year: 2026, bookCode: 'SCT/BS' })).toBe('02-2026-SCT/BS');
  });

  it('refuses a malformed book code, year or book number', () => {
    expect(() => bookLabel({ year: 2026, bookCode: 'sct bs' })).toThrow(ValidationError);
    expect(() => bookLabel({ year: 26, bookCode: 'SCT/BS' })).toThrow(ValidationError);
    expect(() => bookLabel({ bookNo: '0', year: 2026, bookCode: 'SCT/BS' })).toThrow(ValidationError);
  });
});

describe('Function: formatCertificationNo', () => {
  it('begins with the sequence number followed by the book label', () => {
    // Prepare
    const label = bookLabel({ year: 2026, bookCode: 'SCT/BS' });
    // Act
    const no = formatCertificationNo(123, label);
    // Assess
    expect(no).toBe('123/01-2026-SCT/BS');
    expect(no.startsWith('123')).toBe(true);
  });

  it.each([0, -5, 1.5])('refuses the sequence number %s', (seq) => {
    expect(() => formatCertificationNo(seq, '01-2026-SCT/BS')).toThrow(ValidationError);
  });

  it('refuses a malformed label', () => {
    expect(() => formatCertificationNo(1, 'whatever')).toThrow(ValidationError);
  });
});

describe('Function: parseCertificationNo', () => {
  it('round-trips a formatted number', () => {
    const parsed = parseCertificationNo(formatCertificationNo(7, '03-2027-SG/BS'));
    expect(parsed).toEqual({ seq: 7, bookNo: '03', year: 2027, bookCode: 'SG/BS', bookLabel: '03-2027-SG/BS' });
  });

  it.each(['', '123', '0/01-2026-SCT/BS', '12/01-26-SCT/BS', 'abc/01-2026-SCT/BS', '12/01-2026-'])(
    'returns null for "%s"',
    (text) => {
      expect(parseCertificationNo(text)).toBeNull();
    },
  );
});

describe('Function: counterKeyParts', () => {
  it('identifies one counter per agency, book and year', () => {
    expect(counterKeyParts('ubnd-ba-dinh', 'SCT/BS', 2026)).toEqual({
      agencyId: 'ubnd-ba-dinh',
      bookCode: 'SCT/BS',
      year: 2026,
      key: 'ubnd-ba-dinh#SCT/BS#2026',
    });
  });

  it('refuses an empty agency id or one containing the key separator', () => {
    expect(() => counterKeyParts('', 'SCT/BS', 2026)).toThrow(ValidationError);
    expect(() => counterKeyParts('a#b', 'SCT/BS', 2026)).toThrow(ValidationError);
  });
});

describe('Function: nextSequence', () => {
  it('starts at 1 when there is no number yet this year', () => {
    expect(nextSequence(undefined)).toBe(1);
    expect(nextSequence(0)).toBe(1);
  });

  it('adds one to the current number', () => {
    expect(nextSequence(122)).toBe(123);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER])('refuses the counter value %s', (current) => {
    expect(() => nextSequence(current)).toThrow(ValidationError);
  });
});

describe('Function: numberingYear / bookCodeFor', () => {
  it('restarts with the Vietnam year, not the UTC year', () => {
    // Prepare: 17:30 UTC on 31/12/2026 is 00:30 on 1/1/2027 in Vietnam
    const instant = new Date('2026-12-31T17:30:00Z');
    // Act / Assess
    expect(numberingYear(instant)).toBe(2027);
    expect(numberingYear(vnDate(2026, 12, 31, 23, 59))).toBe(2026);
  });

  it('uses SCT/BS for certified copies and the configured code for register copies', () => {
    expect(bookCodeFor('certify-copy')).toBe('SCT/BS');
    expect(bookCodeFor('register-copy')).toBe(DEFAULT_NUMBERING_CONFIG.registerCopyBookCode);
    expect(bookCodeFor('register-copy', { ...DEFAULT_NUMBERING_CONFIG, registerCopyBookCode: 'HT/BS' })).toBe('HT/BS');
  });
});
