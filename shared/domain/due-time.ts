/**
 * When a request must be finished (the hour and day printed on the appointment slip, phiếu hẹn).
 *
 * Decree 23/2015/NĐ-CP Art. 7 (time limits) and Art. 21 (procedure for certifying a copy from the
 * original): a request received before 15:00 on a working day is handled the same day; one
 * received at or after 15:00 — or on a day off — by the end of the next working day. When there
 * are many originals, many pages or many copies, the official may extend the time limit (here: by
 * at most 2 working days, with a written reason and a new appointment slip). All times are
 * Vietnam time; inputs and outputs are UTC instants.
 */
import * as z from 'zod';
import { ValidationError } from './errors';
import { addWorkingDays, isWorkingDay, nextWorkingDay, type WorkingCalendar } from './calendar';
import { isoVnDay, vnDateAt, vnDateParts } from './dates';

const TimeOfDaySchema = z.object({
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
});

/** The numbers of the due-time rule, configurable because the law may change them. */
export const DueTimeConfigSchema = z.object({
  /** Requests received strictly before this Vietnam time on a working day are due the same day (Art. 7: 15:00). */
  cutoff: TimeOfDaySchema,
  /** The time of day a request falls due: the close of office hours (default 17:00). */
  officeClose: TimeOfDaySchema,
  /** The longest extension an official may grant, in working days (default 2). */
  maxExtensionWorkingDays: z.number().int().min(0).max(30),
});
export type DueTimeConfig = z.infer<typeof DueTimeConfigSchema>;

/** Defaults: cut-off 15:00 (Decree 23 Art. 7), office closes 17:00, extension up to 2 working days. */
export const DEFAULT_DUE_TIME_CONFIG: DueTimeConfig = {
  cutoff: { hour: 15, minute: 0 },
  officeClose: { hour: 17, minute: 0 },
  maxExtensionWorkingDays: 2,
};

/** An extension, in working days, that the official may grant (Decree 23 Art. 7). */
export type ExtensionWorkingDays = 1 | 2;

const minutesOf = (t: { hour: number; minute: number }): number => t.hour * 60 + t.minute;

/** The due instant of a request received at `receivedAt` (Decree 23 Art. 7, 21). */
export function computeDueAt(
  receivedAt: Date,
  calendar: WorkingCalendar,
  config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG,
): Date {
  const parts = vnDateParts(receivedAt);
  const day = isoVnDay(receivedAt);
  const beforeCutoff = parts.hour * 60 + parts.minute < minutesOf(config.cutoff);
  const dueDay = isWorkingDay(day, calendar) && beforeCutoff ? day : nextWorkingDay(day, calendar);
  return vnDateAt(dueDay, config.officeClose);
}

/** Moves a due instant `workingDays` (1 or 2) working days later, to the close of office hours (Decree 23 Art. 7). */
export function extendDueAt(
  dueAt: Date,
  workingDays: ExtensionWorkingDays,
  calendar: WorkingCalendar,
  config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG,
): Date {
  const n: unknown = workingDays;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > config.maxExtensionWorkingDays) {
    throw new ValidationError(
      `Chỉ được gia hạn từ 1 đến ${config.maxExtensionWorkingDays} ngày làm việc (nhận được: ${String(n)}).`,
    );
  }
  return vnDateAt(addWorkingDays(isoVnDay(dueAt), n, calendar), config.officeClose);
}

/** Whether a request due at `dueAt` and finished (or still open) at `at` is late. */
export function isOverdue(dueAt: Date, at: Date): boolean {
  return at.getTime() > dueAt.getTime();
}

/**
 * Whether the procedure lets the official extend the time limit. Certification: yes (Decree
 * 23/2015 Art. 7, Art. 21). A copy from a master register: no — Art. 17(3) sets its own limit
 * (the same day, or the next working day when received after 15:00) and provides no extension;
 * the time a requester's right takes to establish is spent in `awaiting-entitlement`.
 */
export function extensionAllowed(kind: 'certify-copy' | 'register-copy'): boolean {
  return kind === 'certify-copy';
}
