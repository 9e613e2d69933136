/**
 * The working calendar of state agencies: which Vietnam calendar days are working days.
 *
 * Source: Labour Code 2019 Art. 112 (public holidays: Tết Dương lịch 1 day, Tết Âm lịch 5 days,
 * Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 plus an adjacent day; a holiday on a
 * weekly rest day gives a compensatory day off) and the yearly notices of the Ministry of Home
 * Affairs / Prime Minister that fix the actual days off for the public sector and any swapped
 * working days (a Saturday worked "in compensation"). Public sector offices rest on Saturday and
 * Sunday (Decree 23/2015 counts deadlines in working days, Art. 7).
 *
 * THE HOLIDAY LIST BELOW IS CONFIGURATION, NOT LAW: it must be checked against the official
 * announcement every year (usually published in October–December for the following year) and
 * corrected through the `HOLIDAYS` environment variable (see `parseHolidayList`). A year with no
 * entries is treated as having weekends only.
 */
import * as z from 'zod';
import { ValidationError } from './errors';
import { addDaysToIsoDay, isIsoDay, isoVnDay, weekdayOfIsoDay, type IsoDay } from './dates';

/** One configured day: a public holiday (day off) or a swapped working day. */
export interface CalendarEntry {
  day: IsoDay;
  name: string;
  /** True when the day is our forecast, not yet (or not known to be) officially announced. */
  provisional?: boolean;
}

/** The configurable part of the calendar: days off on weekdays and working days on weekends. */
export interface HolidayConfig {
  /** Days off for public agencies (weekday entries matter; weekend ones are harmless). */
  holidays: readonly CalendarEntry[];
  /** Weekend days declared working days (ngày làm bù), e.g. a Saturday worked for a swapped Friday. */
  workingDays: readonly CalendarEntry[];
}

/** The built-in calendar for 2026 and 2027 — verify each year against the official notices. */
export const DEFAULT_HOLIDAYS: HolidayConfig = {
  holidays: [
    // ---- 2026 (announced) ----
    // Tết Dương lịch 1/1 (Thu); the Government swapped Fri 2/1 with Sat 10/1 (notice of 25/12/2025).
    { day: '2026-01-01', name: 'Tết Dương lịch' },
    { day: '2026-01-02', name: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' },
    // Tết Nguyên đán Bính Ngọ (mùng 1 = Tue 17/2): off Sat 14/2 – Sun 22/2, i.e. Mon 16/2 – Fri 20/2
    // on weekdays (Ministry of Home Affairs notice, October 2025).
    { day: '2026-02-16', name: 'Tết Nguyên đán (29 tháng Chạp)' },
    { day: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)' },
    { day: '2026-02-18', name: 'Tết Nguyên đán (mùng 2)' },
    { day: '2026-02-19', name: 'Tết Nguyên đán (mùng 3)' },
    { day: '2026-02-20', name: 'Tết Nguyên đán (mùng 4)' },
    // Giỗ Tổ Hùng Vương 10/3 âm lịch = Sun 26/4 → compensatory day off Mon 27/4.
    { day: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)' },
    // Ngày Chiến thắng 30/4 (Thu) and Quốc tế Lao động 1/5 (Fri).
    { day: '2026-04-30', name: 'Ngày Chiến thắng' },
    { day: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
    // Quốc khánh: off Sat 29/8 – Wed 2/9; Mon 31/8 swapped with Sat 22/8 (notice, October 2025).
    { day: '2026-08-31', name: 'Nghỉ hoán đổi Quốc khánh (làm bù thứ Bảy 22/08/2026)' },
    { day: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
    { day: '2026-09-02', name: 'Quốc khánh' },
    // Not included: Ngày Văn hóa Việt Nam 24/11 — announced by Politburo Resolution 80-NQ/TW
    // (2026) as a paid day off, pending an amendment of Labour Code Art. 112. Add it via HOLIDAYS
    // once it is law.

    // ---- 2027 (PROVISIONAL: computed from the lunar calendar, not yet announced) ----
    { day: '2027-01-01', name: 'Tết Dương lịch' },
    // Tết Nguyên đán Đinh Mùi: mùng 1 = Sat 6/2/2027. Assumed the usual 5 weekdays off around it:
    // Thu 4/2 (28 tháng Chạp) – Wed 10/2 (mùng 5).
    { day: '2027-02-04', name: 'Tết Nguyên đán (28 tháng Chạp)', provisional: true },
    { day: '2027-02-05', name: 'Tết Nguyên đán (29 tháng Chạp)', provisional: true },
    { day: '2027-02-08', name: 'Tết Nguyên đán (mùng 3)', provisional: true },
    { day: '2027-02-09', name: 'Tết Nguyên đán (mùng 4)', provisional: true },
    { day: '2027-02-10', name: 'Tết Nguyên đán (mùng 5)', provisional: true },
    // Giỗ Tổ Hùng Vương 10/3 âm lịch = Fri 16/4/2027.
    { day: '2027-04-16', name: 'Giỗ Tổ Hùng Vương', provisional: true },
    // 30/4 (Fri); 1/5 falls on Saturday → compensatory day off Mon 3/5.
    { day: '2027-04-30', name: 'Ngày Chiến thắng' },
    { day: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5 rơi vào thứ Bảy)', provisional: true },
    // Quốc khánh 2/9 (Thu) + one adjacent day, assumed Fri 3/9.
    { day: '2027-09-02', name: 'Quốc khánh' },
    { day: '2027-09-03', name: 'Quốc khánh (ngày liền kề)', provisional: true },
  ],
  workingDays: [
    { day: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026' },
    { day: '2026-08-22', name: 'Làm bù cho thứ Hai 31/08/2026' },
  ],
};

/** A configured day in the HOLIDAYS JSON: 'YYYY-MM-DD' or `{ day, name?, provisional? }`. */
const EntrySchema = z.union([
  z.string().refine(isIsoDay, 'Ngày phải có dạng YYYY-MM-DD và có thật.'),
  z.object({
    day: z.string().refine(isIsoDay, 'Ngày phải có dạng YYYY-MM-DD và có thật.'),
    name: z.string().max(200).optional(),
    provisional: z.boolean().optional(),
  }),
]);
const ListsSchema = z.object({ holidays: z.array(EntrySchema), workingDays: z.array(EntrySchema).default([]) });

/** The HOLIDAYS JSON: a list of days off, `{holidays, workingDays}`, or either of those per year. */
export const HolidayListSchema = z.union([
  z.array(EntrySchema),
  ListsSchema,
  z.record(z.string().regex(/^\d{4}$/), z.union([z.array(EntrySchema), ListsSchema])),
]);
export type HolidayListInput = z.infer<typeof HolidayListSchema>;

type Entry = z.infer<typeof EntrySchema>;
const toEntry = (e: Entry): CalendarEntry =>
  typeof e === 'string' ? { day: e, name: 'Ngày nghỉ (cấu hình)' } : { name: 'Ngày nghỉ (cấu hình)', ...e };

/** Parses the HOLIDAYS JSON text into a HolidayConfig; ValidationError naming the problem if malformed. */
export function parseHolidayList(json: string): HolidayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new ValidationError('HOLIDAYS không phải JSON hợp lệ.', { cause });
  }
  const parsed = HolidayListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`HOLIDAYS không hợp lệ: ${issue?.message ?? 'sai cấu trúc'} (${issue?.path.join('.')}).`);
  }
  const value = parsed.data;
  if (Array.isArray(value)) return { holidays: value.map(toEntry), workingDays: [] };
  if ('holidays' in value && Array.isArray(value.holidays)) {
    const lists = value as z.infer<typeof ListsSchema>;
    return { holidays: lists.holidays.map(toEntry), workingDays: lists.workingDays.map(toEntry) };
  }
  const holidays: CalendarEntry[] = [];
  const workingDays: CalendarEntry[] = [];
  for (const [year, lists] of Object.entries(value as Record<string, Entry[] | z.infer<typeof ListsSchema>>)) {
    const l = Array.isArray(lists) ? { holidays: lists, workingDays: [] } : lists;
    for (const e of [...l.holidays, ...l.workingDays].map(toEntry)) {
      if (!e.day.startsWith(`${year}-`)) throw new ValidationError(`HOLIDAYS: ngày ${e.day} không thuộc năm ${year}.`);
    }
    holidays.push(...l.holidays.map(toEntry));
    workingDays.push(...l.workingDays.map(toEntry));
  }
  return { holidays, workingDays };
}

const yearOf = (e: CalendarEntry): string => e.day.slice(0, 4);

/** Overlays `override` on `base` year by year: a year named in `override` replaces that year of `base`. */
export function mergeHolidayConfig(base: HolidayConfig, override: HolidayConfig): HolidayConfig {
  const years = new Set([...override.holidays, ...override.workingDays].map(yearOf));
  const keep = (e: CalendarEntry) => !years.has(yearOf(e));
  return {
    holidays: [...base.holidays.filter(keep), ...override.holidays],
    workingDays: [...base.workingDays.filter(keep), ...override.workingDays],
  };
}

/** The calendar rules in force. Build it once with `createWorkingCalendar`. */
export interface WorkingCalendar {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday (public sector: Saturday and Sunday). */
  readonly weekendDays: ReadonlySet<number>;
  readonly holidays: ReadonlyMap<IsoDay, CalendarEntry>;
  readonly workingDays: ReadonlyMap<IsoDay, CalendarEntry>;
}

/** Builds a working calendar from a holiday config (default: the built-in 2026–2027 list). */
export function createWorkingCalendar(
  config: HolidayConfig = DEFAULT_HOLIDAYS,
  weekendDays: readonly number[] = [0, 6],
): WorkingCalendar {
  for (const e of [...config.holidays, ...config.workingDays]) {
    if (!isIsoDay(e.day)) throw new ValidationError(`Ngày trong lịch không hợp lệ: ${e.day}.`);
  }
  const holidays = new Map(config.holidays.map((e) => [e.day, e] as const));
  const clash = config.workingDays.find((e) => holidays.has(e.day));
  if (clash) throw new ValidationError(`Ngày ${clash.day} vừa là ngày nghỉ vừa là ngày làm bù.`);
  return {
    weekendDays: new Set(weekendDays),
    holidays,
    workingDays: new Map(config.workingDays.map((e) => [e.day, e] as const)),
  };
}

/** The calendar from the HOLIDAYS variable's raw value (years it names replace the defaults), or the defaults. */
export function calendarFromHolidaysEnv(raw: string | undefined): WorkingCalendar {
  if (raw === undefined || raw.trim() === '') return createWorkingCalendar(DEFAULT_HOLIDAYS);
  return createWorkingCalendar(mergeHolidayConfig(DEFAULT_HOLIDAYS, parseHolidayList(raw)));
}

/** Whether a Vietnam calendar day (ISO day or instant) is a working day for public agencies. */
export function isWorkingDay(day: IsoDay | Date, calendar: WorkingCalendar): boolean {
  const iso = typeof day === 'string' ? day : isoVnDay(day);
  if (calendar.holidays.has(iso)) return false;
  if (calendar.workingDays.has(iso)) return true;
  return !calendar.weekendDays.has(weekdayOfIsoDay(iso));
}

/** The first working day strictly after the given day. */
export function nextWorkingDay(day: IsoDay, calendar: WorkingCalendar): IsoDay {
  // 60 days is far beyond any real run of days off; a longer run means a broken calendar.
  let d = day;
  for (let i = 0; i < 60; i += 1) {
    d = addDaysToIsoDay(d, 1);
    if (isWorkingDay(d, calendar)) return d;
  }
  throw new ValidationError(`Lịch làm việc không có ngày làm việc nào trong 60 ngày sau ${day}.`);
}

/** The working day `n` (≥ 0) working days after `day`; n = 0 gives `day` itself if it is a working day, else the next one. */
export function addWorkingDays(day: IsoDay, n: number, calendar: WorkingCalendar): IsoDay {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`Số ngày làm việc không hợp lệ: ${n}.`);
  let d = isWorkingDay(day, calendar) ? day : nextWorkingDay(day, calendar);
  for (let i = 0; i < n; i += 1) d = nextWorkingDay(d, calendar);
  return d;
}

/** The configured entry that makes a day a day off, if any (to explain a due date). */
export function holidayOf(day: IsoDay, calendar: WorkingCalendar): CalendarEntry | undefined {
  return calendar.holidays.get(day);
}
