import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../shared/domain/calendar';
import { vnDate } from '../../../shared/domain/dates';
import { DEFAULT_DUE_TIME_CONFIG, computeDueAt, extendDueAt, formatAppointmentSlipNo, isOverdue, needsAppointmentSlip } from '../../../shared/domain/due-time';
import { ValidationError } from '../../../shared/domain/errors';

const calendar = createWorkingCalendar();
const closeOf = (y: number, m: number, d: number) => vnDate(y, m, d, 17, 0);

describe('Function: computeDueAt', () => {
  it('makes a request received at 14:59 on a working day due the same day at 17:00', () => {
    // Prepare: Wednesday 25/11/2026
    const receivedAt = vnDate(2026, 11, 25, 14, 59);
    // Act
    const dueAt = computeDueAt(receivedAt, calendar);
    // Assess
    expect(dueAt).toEqual(closeOf(2026, 11, 25));
    expect(dueAt.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('makes a request received at 15:00 sharp due the same day (Art. 7(1) moves only "sau 15 giờ")', () => {
    // Prepare: Wednesday 25/11/2026, 15:00:00.000 Vietnam time
    const receivedAt = vnDate(2026, 11, 25, 15, 0);
    // Act
    const dueAt = computeDueAt(receivedAt, calendar);
    // Assess
    expect(dueAt).toEqual(closeOf(2026, 11, 25));
  });

  it('makes a request received one millisecond after 15:00 due the next working day', () => {
    const dueAt = computeDueAt(new Date(vnDate(2026, 11, 25, 15, 0).getTime() + 1), calendar);
    expect(dueAt).toEqual(closeOf(2026, 11, 26));
  });

  it('makes a request received at 15:30 due the next working day', () => {
    expect(computeDueAt(vnDate(2026, 11, 25, 15, 30), calendar)).toEqual(closeOf(2026, 11, 26));
  });

  it('makes a request received at 15:00:30 due the next working day', () => {
    const dueAt = computeDueAt(new Date(vnDate(2026, 11, 25, 15, 0).getTime() + 30_000), calendar);
    expect(dueAt).toEqual(closeOf(2026, 11, 26));
  });

  it('moves a Friday 16:00 request to Monday', () => {
    const dueAt = computeDueAt(vnDate(2026, 11, 27, 16, 0), calendar);
    expect(dueAt).toEqual(closeOf(2026, 11, 30));
  });

  it('makes a request received on Saturday morning due on Monday', () => {
    const dueAt = computeDueAt(vnDate(2026, 11, 28, 9, 0), calendar);
    expect(dueAt).toEqual(closeOf(2026, 11, 30));
  });

  it('makes a request received on a public holiday due on the next working day', () => {
    // Prepare: Thursday 30/4/2026; 1/5 is a holiday too, then a weekend
    const receivedAt = vnDate(2026, 4, 30, 9, 0);
    // Act
    const dueAt = computeDueAt(receivedAt, calendar);
    // Assess
    expect(dueAt).toEqual(closeOf(2026, 5, 4));
  });

  it('carries a request received on the afternoon before Tết past the whole Tết block', () => {
    expect(computeDueAt(vnDate(2026, 2, 13, 15, 30), calendar)).toEqual(closeOf(2026, 2, 23));
    expect(computeDueAt(vnDate(2026, 2, 18, 10, 0), calendar)).toEqual(closeOf(2026, 2, 23));
  });

  it('uses the Vietnam day when the UTC day is still the day before', () => {
    // Prepare: 17:30 UTC Thursday = 00:30 Friday 27/11 in Vietnam, before 15:00
    const receivedAt = new Date('2026-11-26T17:30:00Z');
    // Act
    const dueAt = computeDueAt(receivedAt, calendar);
    // Assess
    expect(dueAt).toEqual(closeOf(2026, 11, 27));
  });

  it('treats 08:00 UTC as 15:00 in Vietnam', () => {
    expect(computeDueAt(new Date('2026-11-27T08:00:01Z'), calendar)).toEqual(closeOf(2026, 11, 30));
    expect(computeDueAt(new Date('2026-11-27T08:00:00Z'), calendar)).toEqual(closeOf(2026, 11, 27));
    expect(computeDueAt(new Date('2026-11-27T07:59:59Z'), calendar)).toEqual(closeOf(2026, 11, 27));
  });

  it('treats a compensatory working Saturday as a working day', () => {
    expect(computeDueAt(vnDate(2026, 8, 21, 16, 0), calendar)).toEqual(closeOf(2026, 8, 22));
    expect(computeDueAt(vnDate(2026, 1, 10, 9, 0), calendar)).toEqual(closeOf(2026, 1, 10));
  });

  it('follows a configured cut-off and closing time', () => {
    // Prepare
    const config = { ...DEFAULT_DUE_TIME_CONFIG, cutoff: { hour: 16, minute: 0 }, officeClose: { hour: 16, minute: 30 } };
    // Act
    const dueAt = computeDueAt(vnDate(2026, 11, 25, 15, 30), calendar, config);
    // Assess
    expect(dueAt).toEqual(vnDate(2026, 11, 25, 16, 30));
  });
});

describe('Function: extendDueAt', () => {
  it('extends a Friday due date by one working day to Monday', () => {
    expect(extendDueAt(closeOf(2026, 11, 27), 1, calendar)).toEqual(closeOf(2026, 11, 30));
  });

  it('extends a Friday due date by two working days to Tuesday', () => {
    expect(extendDueAt(closeOf(2026, 11, 27), 2, calendar)).toEqual(closeOf(2026, 12, 1));
  });

  it('skips holidays when extending', () => {
    expect(extendDueAt(closeOf(2026, 2, 13), 1, calendar)).toEqual(closeOf(2026, 2, 23));
  });

  it.each([0, 3, 1.5, -1])('refuses an extension of %s working days', (days) => {
    expect(() => extendDueAt(closeOf(2026, 11, 27), days as 1, calendar)).toThrow(ValidationError);
  });

  it('extends beyond 2 working days only with a written agreement (Art. 21(4))', () => {
    // Prepare: Friday 27/11/2026
    const dueAt = closeOf(2026, 11, 27);
    // Act
    const agreed = extendDueAt(dueAt, 5, calendar, DEFAULT_DUE_TIME_CONFIG, true);
    // Assess
    expect(agreed).toEqual(closeOf(2026, 12, 4));
    expect(() => extendDueAt(dueAt, 5, calendar)).toThrow(/thỏa thuận bằng văn bản/);
    expect(() => extendDueAt(dueAt, 31, calendar, DEFAULT_DUE_TIME_CONFIG, true)).toThrow(ValidationError);
  });
});

describe('Function: needsAppointmentSlip', () => {
  it('gives no slip when the result is due the day the request was received', () => {
    // Prepare: received 15:00 sharp, due 17:00 the same day
    const receivedAt = vnDate(2026, 11, 25, 15, 0);
    // Act
    const needed = needsAppointmentSlip(receivedAt, computeDueAt(receivedAt, calendar));
    // Assess
    expect(needed).toBe(false);
  });

  it('gives a slip to a request received at 15:30 (due the next working day)', () => {
    const receivedAt = vnDate(2026, 11, 25, 15, 30);
    expect(needsAppointmentSlip(receivedAt, computeDueAt(receivedAt, calendar))).toBe(true);
  });

  it('gives a slip to a request received on a Saturday', () => {
    const receivedAt = vnDate(2026, 11, 28, 9, 0);
    expect(needsAppointmentSlip(receivedAt, computeDueAt(receivedAt, calendar))).toBe(true);
  });

  it('gives a slip once a same-day request is extended', () => {
    const receivedAt = vnDate(2026, 11, 25, 9, 0);
    const extended = extendDueAt(computeDueAt(receivedAt, calendar), 1, calendar);
    expect(needsAppointmentSlip(receivedAt, extended)).toBe(true);
  });

  it('compares Vietnam days, not UTC days', () => {
    // Prepare: 23:30 UTC on 24/11 is 06:30 on 25/11 in Vietnam; due 17:00 that day
    const receivedAt = new Date('2026-11-24T23:30:00Z');
    expect(needsAppointmentSlip(receivedAt, computeDueAt(receivedAt, calendar))).toBe(false);
  });
});

describe('Function: formatAppointmentSlipNo', () => {
  it('writes the sequence, the year and the code', () => {
    expect(formatAppointmentSlipNo(12, 2026)).toBe('12/2026/PH');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %s', (seq) => {
    expect(() => formatAppointmentSlipNo(seq, 2026)).toThrow(ValidationError);
  });
});

describe('Function: isOverdue', () => {
  it('is late only after the due instant', () => {
    const due = closeOf(2026, 11, 27);
    expect(isOverdue(due, due)).toBe(false);
    expect(isOverdue(due, new Date(due.getTime() + 1))).toBe(true);
  });
});
