import { describe, expect, it } from 'vitest';
import {
  addDaysToIsoDay,
  formatVnDate,
  formatVnDateTime,
  isIsoDay,
  isoVnDay,
  vnDate,
  vnDateParts,
  weekdayOfIsoDay,
} from '../../../shared/domain/dates';
import { ValidationError } from '../../../shared/domain/errors';

describe('Function: vnDate', () => {
  it('is seven hours ahead of UTC', () => {
    // Prepare / Act
    const d = vnDate(2026, 11, 27, 15, 0);
    // Assess
    expect(d.toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });

  it('places Vietnam midnight on the previous UTC day', () => {
    expect(vnDate(2026, 1, 1).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it.each([
    [2026, 2, 29],
    [2026, 13, 1],
    [2026, 4, 31],
    [2026, 1, 0],
  ])('refuses the impossible date %i-%i-%i', (y, m, d) => {
    expect(() => vnDate(y, m, d)).toThrow(ValidationError);
  });

  it('refuses an hour of 24 and a fractional minute', () => {
    expect(() => vnDate(2026, 1, 1, 24)).toThrow(ValidationError);
    expect(() => vnDate(2026, 1, 1, 10, 0.5)).toThrow(ValidationError);
  });
});

describe('Function: vnDateParts', () => {
  it('reads a late-evening UTC instant as the next Vietnam day', () => {
    // Prepare: 20:30 UTC on Friday 27/11/2026 is 03:30 on Saturday 28/11 in Vietnam
    const instant = new Date('2026-11-27T20:30:00Z');
    // Act
    const p = vnDateParts(instant);
    // Assess
    expect(p).toEqual({ year: 2026, month: 11, day: 28, hour: 3, minute: 30, second: 0, weekday: 6 });
  });

  it('round-trips with vnDate', () => {
    const p = vnDateParts(vnDate(2027, 2, 6, 23, 59));
    expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual([2027, 2, 6, 23, 59]);
  });

  it('refuses an invalid Date', () => {
    expect(() => vnDateParts(new Date('nope'))).toThrow(ValidationError);
  });
});

describe('Function: isoVnDay', () => {
  it('uses the Vietnam day, not the UTC day, around midnight', () => {
    expect(isoVnDay(new Date('2026-11-26T16:59:59Z'))).toBe('2026-11-26');
    expect(isoVnDay(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
  });
});

describe('Function: formatVnDate', () => {
  it('writes the Vietnam date in words', () => {
    expect(formatVnDate(vnDate(2026, 11, 27, 9, 0))).toBe('Ngày 27 tháng 11 năm 2026');
  });

  it('pads days below 10 and the months 1 and 2 with a zero (Decree 30/2020)', () => {
    expect(formatVnDate(vnDate(2026, 1, 5))).toBe('Ngày 05 tháng 01 năm 2026');
    expect(formatVnDate(vnDate(2026, 2, 14))).toBe('Ngày 14 tháng 02 năm 2026');
    expect(formatVnDate(vnDate(2026, 3, 9))).toBe('Ngày 09 tháng 3 năm 2026');
  });

  it('writes the date of the Vietnam day even when the UTC day differs', () => {
    expect(formatVnDate(new Date('2026-12-31T18:00:00Z'))).toBe('Ngày 01 tháng 01 năm 2027');
  });
});

describe('Function: formatVnDateTime', () => {
  it('writes the hour and the date for an appointment slip', () => {
    expect(formatVnDateTime(vnDate(2026, 11, 27, 17, 0))).toBe('17 giờ 00, ngày 27 tháng 11 năm 2026');
  });
});

describe('Function: ISO day helpers', () => {
  it('adds days across months and years', () => {
    expect(addDaysToIsoDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToIsoDay('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('knows the weekday of a day', () => {
    expect(weekdayOfIsoDay('2026-11-27')).toBe(5);
  });

  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-2-1')).toBe(false);
    expect(isIsoDay(20260101)).toBe(false);
  });
});
