import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEE_SCHEDULE,
  DEFAULT_REGISTER_COPY_FEES,
  certifyCopyFee,
  certifyCopyFeePerCopy,
  formatVnd,
  registerCopyFee,
  registerCopyFeePerCopy,
} from '../../../shared/domain/fee';
import { ValidationError } from '../../../shared/domain/errors';

describe('Function: certifyCopyFee', () => {
  it.each([
    [1, 1, 2_000],
    [2, 1, 4_000],
    [3, 1, 5_000],
    [10, 1, 12_000],
    [198, 1, 200_000],
    [199, 1, 200_000],
    [250, 1, 200_000],
  ])('charges %i page(s) × %i copy %i đồng', (pages, copies, expected) => {
    // Prepare: the default schedule of Circular 226/2016
    // Act
    const fee = certifyCopyFee(pages, copies);
    // Assess
    expect(fee).toBe(expected);
  });

  it('multiplies the per-copy fee by the number of copies', () => {
    // Prepare
    const pages = 3;
    // Act
    const fee = certifyCopyFee(pages, 4);
    // Assess
    expect(fee).toBe(4 * 5_000);
  });

  it('applies the 200.000 đồng cap per copy, not to the total', () => {
    // Prepare
    const pages = 250;
    // Act
    const fee = certifyCopyFee(pages, 3);
    // Assess
    expect(fee).toBe(600_000);
    expect(certifyCopyFeePerCopy(250)).toBe(DEFAULT_FEE_SCHEDULE.maxPerCopy);
  });

  it('follows a different schedule when one is passed', () => {
    // Prepare
    const schedule = { firstPagesCount: 1, firstPagesFee: 5_000, laterPagesFee: 500, maxPerCopy: 6_000 };
    // Act
    const fees = [certifyCopyFee(1, 1, schedule), certifyCopyFee(3, 2, schedule), certifyCopyFee(100, 1, schedule)];
    // Assess
    expect(fees).toEqual([5_000, 12_000, 6_000]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s pages with a ValidationError', (pages) => {
    // Prepare / Act / Assess
    expect(() => certifyCopyFee(pages, 1)).toThrow(ValidationError);
  });

  it.each([0, -2, 2.5])('refuses %s copies with a ValidationError', (copies) => {
    expect(() => certifyCopyFee(2, copies)).toThrow(ValidationError);
  });

  it('always returns an integer not above the cap times the copies', () => {
    for (let pages = 1; pages <= 400; pages += 1) {
      const fee = certifyCopyFee(pages, 2);
      expect(Number.isInteger(fee)).toBe(true);
      expect(fee).toBeLessThanOrEqual(400_000);
      expect(fee).toBeGreaterThanOrEqual(4_000);
    }
  });
});

describe('Function: registerCopyFee', () => {
  it('multiplies the configured fee by the number of copies', () => {
    // Prepare
    const feePerCopy = registerCopyFeePerCopy('civil-status');
    // Act
    const fee = registerCopyFee(feePerCopy, 3);
    // Assess
    expect(feePerCopy).toBe(DEFAULT_REGISTER_COPY_FEES['civil-status']);
    expect(fee).toBe(24_000);
  });

  it('charges nothing for a register type without a configured fee', () => {
    // Prepare / Act
    const fee = registerCopyFee(registerCopyFeePerCopy('diploma'), 2);
    // Assess
    expect(fee).toBe(0);
  });

  it('does not read inherited properties as fees', () => {
    expect(registerCopyFeePerCopy('toString')).toBe(0);
  });

  it('refuses a negative or fractional fee and zero copies', () => {
    expect(() => registerCopyFee(-1, 1)).toThrow(ValidationError);
    expect(() => registerCopyFee(1.5, 1)).toThrow(ValidationError);
    expect(() => registerCopyFee(8_000, 0)).toThrow(ValidationError);
  });
});

describe('Function: formatVnd', () => {
  it.each([
    [0, '0 đồng'],
    [999, '999 đồng'],
    [4_000, '4.000 đồng'],
    [200_000, '200.000 đồng'],
    [1_234_567, '1.234.567 đồng'],
    [-8_000, '-8.000 đồng'],
  ])('writes %i as "%s"', (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it('refuses a fractional amount', () => {
    expect(() => formatVnd(1.5)).toThrow(ValidationError);
  });
});
