/**
 * Vietnam-time helpers. Every instant in the service is a `Date` (a UTC instant); the law speaks
 * in Vietnam wall-clock time (ICT, UTC+7, no daylight saving since 1975). These helpers convert
 * between the two with plain arithmetic on the fixed offset — no `Intl`, no host time zone — so
 * the result is the same on a Lambda in UTC and on a developer laptop in Hà Nội.
 *
 * A Vietnam calendar day is written as an ISO day string 'YYYY-MM-DD' (`IsoDay`).
 */
import { ValidationError } from './errors';

/** Vietnam's offset from UTC in minutes (UTC+7, no DST). */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Vietnam calendar day as 'YYYY-MM-DD'. */
export type IsoDay = string;

/** The Vietnam wall-clock reading of an instant; `weekday` is 0 = Sunday … 6 = Saturday. */
export interface VnDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A wall-clock time of day (Vietnam time). */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function assertValidInstant(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ValidationError('Thời điểm không hợp lệ.');
  }
}

/** The number of days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits an instant into its Vietnam wall-clock parts. */
export function vnDateParts(date: Date): VnDateParts {
  assertValidInstant(date);
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant at which Vietnam wall clocks read y-m-d h:min (month 1–12); rejects impossible dates. */
export function vnDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const ints = [year, month, day, hour, minute].every(Number.isInteger);
  if (
    !ints ||
    year < 1 ||
    year > 9999 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    throw new ValidationError(`Ngày giờ không hợp lệ: ${year}-${month}-${day} ${hour}:${minute}.`);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

/** The Vietnam calendar day of an instant, as 'YYYY-MM-DD'. */
export function isoVnDay(date: Date): IsoDay {
  const p = vnDateParts(date);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Whether a string is a real calendar day written 'YYYY-MM-DD'. */
export function isIsoDay(value: unknown): value is IsoDay {
  if (typeof value !== 'string') return false;
  const m = ISO_DAY_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Splits 'YYYY-MM-DD' into numbers; ValidationError when it is not a real day. */
export function parseIsoDay(isoDay: IsoDay): { year: number; month: number; day: number } {
  if (!isIsoDay(isoDay)) throw new ValidationError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(isoDay)}.`);
  const [y, m, d] = isoDay.split('-').map(Number);
  return { year: y, month: m, day: d };
}

/** The day `n` calendar days after (or before, if negative) an ISO day. */
export function addDaysToIsoDay(isoDay: IsoDay, n: number): IsoDay {
  const { year, month, day } = parseIsoDay(isoDay);
  const t = new Date(Date.UTC(year, month - 1, day) + n * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The weekday of an ISO day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfIsoDay(isoDay: IsoDay): number {
  const { year, month, day } = parseIsoDay(isoDay);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The instant at the given Vietnam time of day on an ISO day. */
export function vnDateAt(isoDay: IsoDay, time: TimeOfDay): Date {
  const { year, month, day } = parseIsoDay(isoDay);
  return vnDate(year, month, day, time.hour, time.minute);
}

/**
 * Day and month as written in administrative documents: Decree 30/2020/NĐ-CP, Annex I (thể thức
 * văn bản) — a day below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 01"), so
 * that a digit cannot be added afterwards.
 */
function adminDayMonth(day: number, month: number): [string, string] {
  return [day < 10 ? pad2(day) : String(day), month <= 2 ? pad2(month) : String(month)];
}

/** The Vietnam date of an instant in words: "Ngày 27 tháng 11 năm 2026" (Decree 30/2020 zero-padding). */
export function formatVnDate(date: Date): string {
  const p = vnDateParts(date);
  const [d, m] = adminDayMonth(p.day, p.month);
  return `Ngày ${d} tháng ${m} năm ${p.year}`;
}

/** The Vietnam time and date of an instant, for an appointment slip: "17 giờ 00, ngày 27 tháng 11 năm 2026". */
export function formatVnDateTime(date: Date): string {
  const p = vnDateParts(date);
  const [d, m] = adminDayMonth(p.day, p.month);
  return `${p.hour} giờ ${pad2(p.minute)}, ngày ${d} tháng ${m} năm ${p.year}`;
}

/**
 * An instant in Vietnam time as ISO 8601 with its offset: "2026-11-27T10:00:00+07:00". Decree
 * 30/2020/NĐ-CP Annex I asks for the signing time in this form (date; hour, minute, second;
 * the Vietnam time zone) beside a digital signature.
 */
export function isoVnDateTime(date: Date): string {
  const p = vnDateParts(date);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+07:00`;
}
