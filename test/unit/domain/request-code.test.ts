import { describe, expect, it } from 'vitest';
import { extensionDaysLeft } from '../../../shared/domain/due-time';
import { displayRequestCode, formatRequestCode, normaliseRequestCode, requestCodePrefix } from '../../../shared/domain/request-code';

describe('The request code (issue #20 item 4)', () => {
  it('is the agency prefix, the Vietnam day as yymmdd and the day’s sequence', () => {
    // Prepare
    const prefix = requestCodePrefix('ubnd-phuong-ba-dinh');

    // Act
    const code = formatRequestCode(prefix, '2026-12-05', 7);

    // Assess
    expect(prefix).toBe('UPBD');
    expect(code).toBe('UPBD-261205-0007');
    expect(formatRequestCode(prefix, '2026-12-05', 12345)).toBe('UPBD-261205-12345');
  });

  it('keeps prefixes speakable: at least two, at most six letters, no diacritics', () => {
    expect(requestCodePrefix('x')).toBe('XX');
    expect(requestCodePrefix('a-b-c-d-e-f-g-h')).toBe('ABCDEF');
    expect(requestCodePrefix('đại-học')).toBe('DH');
  });

  it('refuses a sequence or a day that is not one', () => {
    expect(() => formatRequestCode('UPBD', '2026-12-05', 0)).toThrow();
    expect(() => formatRequestCode('UPBD', '05/12/2026', 1)).toThrow();
  });

  it('reads the code however a person types it', () => {
    expect(normaliseRequestCode(' upbd 261205 7 ')).toBe('UPBD-261205-0007');
    expect(normaliseRequestCode('UPBD-261205-0007')).toBe('UPBD-261205-0007');
    expect(normaliseRequestCode('UPBD261205-0007')).toBe('UPBD-261205-0007');
    expect(normaliseRequestCode('6f1c2b9e-0000-4000-8000-000000000000')).toBeUndefined();
    expect(normaliseRequestCode('')).toBeUndefined();
  });

  it('shows a request filed before codes by the first characters of its id', () => {
    expect(displayRequestCode({ id: '6f1c2b9e-0000-4000-8000-000000000000' })).toBe('6F1C2B9E');
    expect(displayRequestCode({ id: 'x', code: 'UPBD-261205-0007' })).toBe('UPBD-261205-0007');
  });
});

describe('What is left to extend (Decree 23/2015 Art. 21(4), 17(3))', () => {
  it('is 2 working days, less what was used, none for a register copy, the agreed bound once agreed', () => {
    expect(extensionDaysLeft({ kind: 'certify-copy' })).toBe(2);
    expect(extensionDaysLeft({ kind: 'certify-copy', extension: { workingDays: 1 } })).toBe(1);
    expect(extensionDaysLeft({ kind: 'certify-copy', extension: { workingDays: 2 } })).toBe(0);
    expect(extensionDaysLeft({ kind: 'register-copy' })).toBe(0);
    expect(extensionDaysLeft({ kind: 'certify-copy', extension: { workingDays: 5, agreement: { date: '2026-12-01', note: 'Thỏa thuận' } } })).toBe(25);
  });
});
