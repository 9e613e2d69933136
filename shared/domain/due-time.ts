/**
 * When a request must be finished (the hour and day printed on the appointment slip, phiếu hẹn).
 *
 * Decree 23/2015/NĐ-CP Art. 7(1) (time limits): the result is given "ngay trong ngày cơ quan, tổ
 * chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ" —
 * only a request received AFTER 15:00 waits for the next working day, so one received at 15:00
 * exactly is handled the same day (as is one received on a working day before it). A request
 * received on a day off is due the next working day. Art. 21(4): with many originals, many pages,
 * many copies or complex content the time limit is extended by "không quá 02 ngày làm việc hoặc
 * có thể dài hơn theo thỏa thuận bằng văn bản với người yêu cầu chứng thực" — up to 2 working days
 * on the official's decision, longer only with a written agreement with the requester.
 * Circular 01/2020/TT-BTP Art. 2: whenever the result is not given the same day, the requester
 * gets an appointment slip (phiếu hẹn). All times are Vietnam time; inputs and outputs are UTC
 * instants.
 */
import * as z from 'zod';
import { ValidationError } from './errors';
import { addWorkingDays, isWorkingDay, nextWorkingDay, type WorkingCalendar } from './calendar';
import { isoVnDay, vnDateAt } from './dates';

const TimeOfDaySchema = z.object({
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
});

/** The numbers of the due-time rule, configurable because the law may change them. */
export const DueTimeConfigSchema = z.object({
  /** Requests received on a working day up to and including this Vietnam time are due the same day (Art. 7(1): "sau 15 giờ"). */
  cutoff: TimeOfDaySchema,
  /** The time of day a request falls due: the close of office hours (default 17:00). */
  officeClose: TimeOfDaySchema,
  /** The longest extension an official may grant alone, in working days (default 2; Art. 21(4)). */
  maxExtensionWorkingDays: z.number().int().min(0).max(30),
  /** The longest extension accepted even with a written agreement (a bound on input, not a legal limit). */
  maxAgreedExtensionWorkingDays: z.number().int().min(0).max(60),
});
export type DueTimeConfig = z.infer<typeof DueTimeConfigSchema>;

/** Defaults: cut-off 15:00 (Decree 23 Art. 7(1)), office closes 17:00, extension up to 2 working days (Art. 21(4)). */
export const DEFAULT_DUE_TIME_CONFIG: DueTimeConfig = {
  cutoff: { hour: 15, minute: 0 },
  officeClose: { hour: 17, minute: 0 },
  maxExtensionWorkingDays: 2,
  maxAgreedExtensionWorkingDays: 30,
};

/** The due instant of a request received at `receivedAt` (Decree 23 Art. 7(1)). */
export function computeDueAt(
  receivedAt: Date,
  calendar: WorkingCalendar,
  config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG,
): Date {
  const day = isoVnDay(receivedAt);
  // Art. 7(1) moves only a request received "sau 15 giờ" (after 15:00) to the next working day:
  // 15:00:00.000 itself is still the same day, 15:00:00.001 is not.
  const notAfterCutoff = receivedAt.getTime() <= vnDateAt(day, config.cutoff).getTime();
  const dueDay = isWorkingDay(day, calendar) && notAfterCutoff ? day : nextWorkingDay(day, calendar);
  return vnDateAt(dueDay, config.officeClose);
}

/**
 * Moves a due instant `workingDays` working days later, to the close of office hours. Up to
 * `maxExtensionWorkingDays` (2) the official decides alone; beyond, only with a written agreement
 * with the requester (`agreed`), and never past `maxAgreedExtensionWorkingDays` (Decree 23 Art. 21(4)).
 */
export function extendDueAt(
  dueAt: Date,
  workingDays: number,
  calendar: WorkingCalendar,
  config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG,
  agreed = false,
): Date {
  const n: unknown = workingDays;
  const max = agreed ? config.maxAgreedExtensionWorkingDays : config.maxExtensionWorkingDays;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
    throw new ValidationError(
      agreed
        ? `Chỉ được gia hạn từ 1 đến ${max} ngày làm việc (nhận được: ${String(n)}).`
        : `Không có thỏa thuận bằng văn bản với người yêu cầu, chỉ được gia hạn từ 1 đến ${max} ngày làm việc (nhận được: ${String(n)}).`,
    );
  }
  return vnDateAt(addWorkingDays(isoVnDay(dueAt), n, calendar), config.officeClose);
}

/**
 * Whether the requester is given an appointment slip: whenever the result is not due on the day
 * the request was received — received after 15:00 or on a day off, or extended (Circular
 * 01/2020/TT-BTP Art. 2; Decree 23/2015 Art. 7(1), 21(4)).
 */
export function needsAppointmentSlip(receivedAt: Date, dueAt: Date): boolean {
  return isoVnDay(dueAt) !== isoVnDay(receivedAt);
}

/** Code after the number of an appointment slip: "12/2026/PH" (PH = phiếu hẹn). */
export const APPOINTMENT_SLIP_CODE = 'PH';

/**
 * The printed number of an appointment slip: a sequence per agency restarting each (Vietnam)
 * year, with the year and the code, e.g. "12/2026/PH". The slip is an internal receipt, not a
 * register entry: no article prescribes its numbering, this one is the service's choice.
 */
export function formatAppointmentSlipNo(seq: number, year: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new ValidationError(`Số phiếu hẹn phải là số nguyên dương (nhận được: ${String(seq)}).`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new ValidationError(`Năm của phiếu hẹn không hợp lệ: ${String(year)}.`);
  return `${seq}/${year}/${APPOINTMENT_SLIP_CODE}`;
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

/**
 * How many more working days the official may extend a request by alone: none for a copy from a
 * master register (Art. 17(3)), else what is left of the 2 working days of Decree 23/2015 Art.
 * 21(4) — or of the agreed bound once a written agreement with the requester is recorded.
 */
export function extensionDaysLeft(
  request: { kind: 'certify-copy' | 'register-copy'; extension?: { workingDays: number; agreement?: unknown } },
  config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG,
): number {
  if (!extensionAllowed(request.kind)) return 0;
  return Math.max(0, extensionLimit(request.extension?.agreement !== undefined, config) - (request.extension?.workingDays ?? 0));
}

/** The most working days a request may be extended by in total (Decree 23/2015 Art. 21(4)): 2 alone, more with a written agreement. */
export function extensionLimit(agreed: boolean, config: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG): number {
  return agreed ? config.maxAgreedExtensionWorkingDays : config.maxExtensionWorkingDays;
}
