import { VN_UTC_OFFSET_MINUTES, isoVnDay } from './dates';

/**
 * The per-item verification quota of one caller (issue 21): the route's rate limit counts
 * requests, so a batch of 100 would cost what one check costs; this counts the items checked.
 * Two fixed windows: a minute (what a burst may take) and a Vietnam calendar day (what one
 * caller may take of the service in a day).
 */
export interface ItemQuotaLimits {
  perMinute: number;
  perDay: number;
}

/** 1,000 items a minute (one largest asynchronous batch) and 20,000 a day, unless configured. */
export const DEFAULT_ITEM_QUOTA: ItemQuotaLimits = { perMinute: 1_000, perDay: 20_000 };

export interface QuotaWindow {
  name: 'minute' | 'day';
  /** The window's own id: the UTC minute ('2026-12-06T01:02') or the Vietnam day ('2026-12-06'). */
  key: string;
  limit: number;
  /** When the window ends and its count starts again from zero. */
  resetsAt: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;
const VN_OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;

/** The windows `now` falls in. */
export function quotaWindows(now: Date, limits: ItemQuotaLimits): QuotaWindow[] {
  const t = now.getTime();
  const minuteStart = Math.floor(t / MINUTE_MS) * MINUTE_MS;
  // A Vietnam day starts at 17:00 UTC of the day before.
  const dayStart = Math.floor((t + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
  return [
    { name: 'minute', key: new Date(minuteStart).toISOString().slice(0, 16), limit: limits.perMinute, resetsAt: new Date(minuteStart + MINUTE_MS) },
    { name: 'day', key: isoVnDay(now), limit: limits.perDay, resetsAt: new Date(dayStart + DAY_MS) },
  ];
}

/** Whole seconds until the window resets (at least 1): the `Retry-After` of a refusal. */
export const retryAfterSeconds = (window: QuotaWindow, now: Date): number => Math.max(1, Math.ceil((window.resetsAt.getTime() - now.getTime()) / 1000));

/** The Vietnamese refusal: how many items were asked, the window's limit and when to come back. */
export function quotaRefusal(window: QuotaWindow, items: number, now: Date): string {
  const per = window.name === 'minute' ? 'mỗi phút' : 'mỗi ngày';
  const wait = retryAfterSeconds(window, now);
  if (items > window.limit) return `Lô ${items} mục vượt hạn mức ${window.limit} mục ${per} của hệ thống này; hãy chia thành các lô nhỏ hơn.`;
  return `Đã dùng hết hạn mức kiểm tra ${window.limit} mục ${per} của hệ thống này; vui lòng thử lại sau ${wait} giây.`;
}
