/**
 * Fees, in whole đồng.
 *
 * Certifying a copy from the original: Circular 226/2016/TT-BTC Art. 4 — 2.000 đồng per page for
 * the first and second page, 1.000 đồng per page from the third, at most 200.000 đồng per copy;
 * pages are counted on the original. Copies from a master register: the fee depends on the
 * register (e.g. Circular 281/2016/TT-BTC: 8.000 đồng per copy of a civil-status extract; many
 * registers charge nothing), so it is configured per register type. All amounts are defaults
 * that a new circular may change: pass a different schedule rather than editing the rule.
 */
import * as z from 'zod';
import { ValidationError } from './errors';

const Dong = z.number().int().min(0);

/** The fee schedule for certifying copies (Circular 226/2016/TT-BTC Art. 4). */
export const FeeScheduleSchema = z.object({
  /** How many leading pages are charged at `firstPagesFee` (2). */
  firstPagesCount: z.number().int().min(0),
  /** Fee per page for the leading pages (2.000 đồng). */
  firstPagesFee: Dong,
  /** Fee per page for every later page (1.000 đồng). */
  laterPagesFee: Dong,
  /** Ceiling per copy (200.000 đồng). */
  maxPerCopy: Dong,
});
export type FeeSchedule = z.infer<typeof FeeScheduleSchema>;

/** Circular 226/2016/TT-BTC Art. 4 as in force: 2.000 đ (pages 1–2), 1.000 đ (page 3+), ≤ 200.000 đ per copy. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = {
  firstPagesCount: 2,
  firstPagesFee: 2_000,
  laterPagesFee: 1_000,
  maxPerCopy: 200_000,
};

/** Fee per copy for copies from a master register, by register type; types not listed are free. */
export const RegisterCopyFeesSchema = z.record(z.string().min(1), Dong);
export type RegisterCopyFees = z.infer<typeof RegisterCopyFeesSchema>;

/** Default register-copy fees: civil-status extracts 8.000 đ per copy (Circular 281/2016/TT-BTC). */
export const DEFAULT_REGISTER_COPY_FEES: RegisterCopyFees = {
  'civil-status': 8_000,
};

function positiveInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`${what} phải là số nguyên dương (nhận được: ${String(value)}).`);
  }
}

/** The fee for one copy of an original with `pages` pages (Circular 226/2016/TT-BTC Art. 4). */
export function certifyCopyFeePerCopy(pages: number, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): number {
  positiveInt(pages, 'Số trang');
  const first = Math.min(pages, schedule.firstPagesCount);
  const later = pages - first;
  return Math.min(schedule.maxPerCopy, first * schedule.firstPagesFee + later * schedule.laterPagesFee);
}

/** The fee for certifying `copies` copies of an original of `pages` pages, in đồng (cap applies per copy). */
export function certifyCopyFee(pages: number, copies: number, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE): number {
  positiveInt(copies, 'Số bản sao');
  return certifyCopyFeePerCopy(pages, schedule) * copies;
}

/** The fee for `copies` copies from a master register at `feePerCopy` đồng each. */
export function registerCopyFee(feePerCopy: number, copies: number): number {
  if (!Number.isSafeInteger(feePerCopy) || feePerCopy < 0) {
    throw new ValidationError(`Mức phí mỗi bản sao không hợp lệ: ${String(feePerCopy)}.`);
  }
  positiveInt(copies, 'Số bản sao');
  return feePerCopy * copies;
}

/** The fee per copy configured for a register type (0 when the type has no fee). */
export function registerCopyFeePerCopy(registerType: string, fees: RegisterCopyFees = DEFAULT_REGISTER_COPY_FEES): number {
  return Object.hasOwn(fees, registerType) ? fees[registerType] : 0;
}

/** An amount of money in Vietnamese style: 4000 → "4.000 đồng". */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new ValidationError(`Số tiền không hợp lệ: ${String(amount)}.`);
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đồng`;
}
