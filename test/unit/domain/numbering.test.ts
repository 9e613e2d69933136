import { describe, expect, it } from 'vitest';
import { vnDate } from '../../../shared/domain/dates';
import { ValidationError } from '../../../shared/domain/errors';
import { bookId, bookLabel, counterKeyParts, nextSequence, numberAndBook, numberingYear, parseBookId } from '../../../shared/domain/numbering';

describe('Function: bookLabel (Decree 23/2015 Art. 13(2): book number, year and kind code, as on the cover)', () => {
  it('writes the book as on its cover, "{bookNo}/{year}-{code}", book 01 by default', () => {
    expect(bookLabel({ year: 2026, bookCode: 'SCT/BS' })).toBe('01/2026-SCT/BS');
  });

  it("pads the book number to two digits and keeps an agency's electronic book code", () => {
    expect(bookLabel({ bookNo: 2, year: 2026, bookCode: 'SCT/BS-ĐT' })).toBe('02/2026-SCT/BS-ĐT');
  });

  it('refuses a malformed book code, year or book number', () => {
    expect(() => bookLabel({ year: 2026, bookCode: 'sct bs' })).toThrow(ValidationError);
    expect(() => bookLabel({ year: 26, bookCode: 'SCT/BS' })).toThrow(ValidationError);
    expect(() => bookLabel({ bookNo: 0, year: 2026, bookCode: 'SCT/BS' })).toThrow(ValidationError);
    expect(() => bookLabel({ bookNo: 1.5, year: 2026, bookCode: 'SCT/BS' })).toThrow(ValidationError);
  });
});

describe('Function: numberAndBook (Art. 20(3): the number and the book as the form writes them)', () => {
  it('names the number and the book apart, never as one compound', () => {
    // Prepare
    const book = bookLabel({ year: 2026, bookCode: 'SCT/BS' });
    // Act
    const text = numberAndBook('certify-copy', 17, book);
    // Assess
    expect(text).toBe('Số chứng thực 17, quyển số 01/2026-SCT/BS');
    expect(text).not.toMatch(/17\/01/);
  });

  it('says "Số" for a copy from a master register', () => {
    expect(numberAndBook('register-copy', 5, '01/2026-TLKS/BS')).toBe('Số 5, quyển số 01/2026-TLKS/BS');
  });

  it.each([0, -5, 1.5])('refuses the sequence number %s', (seq) => {
    expect(() => numberAndBook('certify-copy', seq, '01/2026-SCT/BS')).toThrow(ValidationError);
  });
});

describe('Function: bookId / parseBookId', () => {
  it('identifies agency, book code, year and book number, and reads back', () => {
    // Prepare
    const parts = { agencyId: 'ubnd-phuong-ba-dinh', bookCode: 'SCT/BS-ĐT', year: 2026, bookNo: 2 };
    // Act
    const id = bookId(parts);
    // Assess
    expect(id).toBe('ubnd-phuong-ba-dinh~2026~02~SCT_BS-ĐT');
    expect(parseBookId(id)).toEqual(parts);
  });

  it.each(['', 'ubnd~2026~01', 'ubnd~26~01~SCT_BS', 'UBND~2026~01~SCT_BS', 'ubnd~2026~00~SCT_BS', 'ubnd~2026~01~sct'])('returns null for "%s"', (text) => {
    expect(parseBookId(text)).toBeNull();
  });
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

describe('Function: numberingYear', () => {
  it('restarts with the Vietnam year, not the UTC year', () => {
    // Prepare: 17:30 UTC on 31/12/2026 is 00:30 on 1/1/2027 in Vietnam
    const instant = new Date('2026-12-31T17:30:00Z');
    // Act / Assess
    expect(numberingYear(instant)).toBe(2027);
    expect(numberingYear(vnDate(2026, 12, 31, 23, 59))).toBe(2026);
  });
});
