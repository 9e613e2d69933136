import { lang, locale, t } from '../i18n';

/** Dates and times are shown in Vietnam time (UTC+7), whatever the device's zone. */
const ZONE = 'Asia/Ho_Chi_Minh';

export function dateTime(iso: string | undefined): string {
  if (!iso) return t('common.dash');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE }).format(d);
}

export function date(iso: string | undefined): string {
  if (!iso) return t('common.dash');
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00+07:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: ZONE }).format(d);
}

/**
 * The number and the book as the form writes them (Decree 23/2015 Art. 13(2), Art. 20(3)):
 * "Số chứng thực 17, quyển số 01/2026-SCT/BS" — never one compound; a closed book's PDF has no number.
 */
export function numberAndBook(kind: string, number: number | undefined, book: string): string {
  if (number === undefined) return t('doc.bookOnly', { book });
  return t(kind === 'register-copy' ? 'doc.registerNumberAndBook' : 'doc.numberAndBook', { no: String(number), book });
}

/** Money in đồng: "4.000 đồng" / "4,000 VND". */
export function money(amount: number | undefined): string {
  if (amount === undefined) return t('common.dash');
  const n = new Intl.NumberFormat(locale()).format(amount);
  return lang() === 'vi' ? `${n} đồng` : `${n} VND`;
}

export function percent(ratio: number | undefined): string {
  if (ratio === undefined || Number.isNaN(ratio)) return t('common.dash');
  // Rates may come as 0..1 or as 0..100.
  const value = ratio <= 1 ? ratio * 100 : ratio;
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value)} %`;
}

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}

/** Today in Vietnam as YYYY-MM-DD, shifted by `days`. */
export function isoDay(days = 0, now = new Date()): string {
  const shifted = new Date(now.getTime() + 7 * 3600_000 + days * 86_400_000);
  return shifted.toISOString().slice(0, 10);
}

export const isOverdue = (dueAt: string | undefined, now = Date.now()): boolean => !!dueAt && Date.parse(dueAt) < now;
