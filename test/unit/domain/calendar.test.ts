import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOLIDAYS,
  addWorkingDays,
  calendarFromHolidaysEnv,
  createWorkingCalendar,
  holidayOf,
  isWorkingDay,
  mergeHolidayConfig,
  nextWorkingDay,
  parseHolidayList,
} from '../../../shared/domain/calendar';
import { weekdayOfIsoDay, vnDate } from '../../../shared/domain/dates';
import { ValidationError } from '../../../shared/domain/errors';

const calendar = createWorkingCalendar();

describe('Function: isWorkingDay', () => {
  it('treats an ordinary weekday as a working day and a weekend as not', () => {
    expect(isWorkingDay('2026-11-27', calendar)).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28', calendar)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29', calendar)).toBe(false); // Sunday
  });

  it('treats configured public holidays as days off', () => {
    for (const day of ['2026-01-01', '2026-02-17', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(isWorkingDay(day, calendar)).toBe(false);
    }
  });

  it('treats a compensatory working Saturday as a working day', () => {
    expect(isWorkingDay('2026-01-10', calendar)).toBe(true);
    expect(isWorkingDay('2026-08-22', calendar)).toBe(true);
  });

  it('reads an instant on its Vietnam day', () => {
    // Prepare: 18:00 UTC on Thursday 31/12/2026 is already Friday 1/1/2027 (a holiday) in Vietnam
    const instant = new Date('2026-12-31T18:00:00Z');
    // Act / Assess
    expect(isWorkingDay(instant, calendar)).toBe(false);
    expect(isWorkingDay(vnDate(2026, 12, 31, 23, 0), calendar)).toBe(true);
  });
});

describe('Function: nextWorkingDay / addWorkingDays', () => {
  it('skips the whole Tết 2026 block', () => {
    expect(nextWorkingDay('2026-02-13', calendar)).toBe('2026-02-23');
  });

  it('skips the 30/4 – 1/5 holidays and the weekend after them', () => {
    expect(nextWorkingDay('2026-04-29', calendar)).toBe('2026-05-04');
  });

  it('counts working days across a weekend', () => {
    expect(addWorkingDays('2026-11-27', 2, calendar)).toBe('2026-12-01');
  });

  it('starts from the next working day when counting from a day off', () => {
    expect(addWorkingDays('2026-11-28', 0, calendar)).toBe('2026-11-30');
  });

  it('refuses a negative count', () => {
    expect(() => addWorkingDays('2026-11-27', -1, calendar)).toThrow(ValidationError);
  });
});

describe('Constant: DEFAULT_HOLIDAYS', () => {
  it('lists weekday holidays and weekend working days only, each named', () => {
    for (const e of DEFAULT_HOLIDAYS.holidays) {
      expect([1, 2, 3, 4, 5]).toContain(weekdayOfIsoDay(e.day));
      expect(e.name.length).toBeGreaterThan(0);
    }
    for (const e of DEFAULT_HOLIDAYS.workingDays) expect(weekdayOfIsoDay(e.day)).toBe(6);
  });

  it('gives five weekdays off for Tết in each year and marks 2027 Tết as provisional', () => {
    const tet = (year: string) => DEFAULT_HOLIDAYS.holidays.filter((e) => e.day.startsWith(year) && e.name.startsWith('Tết Nguyên đán'));
    expect(tet('2026')).toHaveLength(5);
    expect(tet('2027')).toHaveLength(5);
    expect(tet('2027').every((e) => e.provisional === true)).toBe(true);
  });

  it('explains why a day is off', () => {
    expect(holidayOf('2026-04-30', calendar)?.name).toBe('Ngày Chiến thắng');
    expect(holidayOf('2026-11-27', calendar)).toBeUndefined();
  });
});

describe('Function: parseHolidayList', () => {
  it('accepts a plain list of days', () => {
    // Prepare
    const json = '["2028-01-01", "2028-01-26"]';
    // Act
    const config = parseHolidayList(json);
    // Assess
    expect(config.holidays.map((e) => e.day)).toEqual(['2028-01-01', '2028-01-26']);
    expect(config.workingDays).toEqual([]);
  });

  it('accepts holidays and working days, with names', () => {
    const config = parseHolidayList(
      JSON.stringify({ holidays: [{ day: '2028-01-26', name: 'Tết', provisional: true }], workingDays: ['2028-02-05'] }),
    );
    expect(config.holidays).toEqual([{ day: '2028-01-26', name: 'Tết', provisional: true }]);
    expect(config.workingDays.map((e) => e.day)).toEqual(['2028-02-05']);
  });

  it('accepts lists per year', () => {
    const config = parseHolidayList(JSON.stringify({ '2028': ['2028-01-01'], '2029': { holidays: ['2029-01-01'], workingDays: [] } }));
    expect(config.holidays.map((e) => e.day)).toEqual(['2028-01-01', '2029-01-01']);
  });

  it.each([
    ['not JSON', '{oops'],
    ['an impossible date', '["2026-02-30"]'],
    ['a badly written date', '["1/1/2026"]'],
    ['a day filed under the wrong year', '{"2026": ["2027-01-01"]}'],
    ['a number', '42'],
  ])('refuses %s with a ValidationError', (_what, json) => {
    expect(() => parseHolidayList(json)).toThrow(ValidationError);
  });
});

describe('Function: mergeHolidayConfig / calendarFromHolidaysEnv', () => {
  it('replaces only the years the override names', () => {
    // Prepare
    const override = parseHolidayList('["2026-11-24"]');
    // Act
    const merged = createWorkingCalendar(mergeHolidayConfig(DEFAULT_HOLIDAYS, override));
    // Assess
    expect(isWorkingDay('2026-11-24', merged)).toBe(false);
    expect(isWorkingDay('2026-04-30', merged)).toBe(true); // 2026 defaults replaced
    expect(isWorkingDay('2027-04-30', merged)).toBe(false); // 2027 defaults kept
  });

  it('uses the defaults when HOLIDAYS is unset or blank', () => {
    expect(isWorkingDay('2026-09-02', calendarFromHolidaysEnv(undefined))).toBe(false);
    expect(isWorkingDay('2026-09-02', calendarFromHolidaysEnv('  '))).toBe(false);
  });

  it('refuses a day that is both a holiday and a working day', () => {
    expect(() =>
      createWorkingCalendar({ holidays: [{ day: '2028-01-08', name: 'x' }], workingDays: [{ day: '2028-01-08', name: 'y' }] }),
    ).toThrow(ValidationError);
  });
});
