import * as z from 'zod';
import { isoVnDay } from './dates';
import type { RequestKind } from './request';
import type { RequestStatus } from './request-state';

/**
 * The figures a province steers by (issue "Operations"): counted per agency and Vietnam day, at
 * the moment each event happens, so the report never scans requests.
 */
export const COUNTERS = ['received', 'submittedOnline', 'issued', 'rejected', 'cancelled', 'onTime', 'late', 'revoked'] as const;
export type Counter = (typeof COUNTERS)[number];
export type CounterDelta = Partial<Record<Counter | `received:${RequestKind}` | `issued:${RequestKind}`, number>>;

/** The Vietnam day an event counts on. */
export const statsDay = (at: Date): string => isoVnDay(at);

/** A request was received (submitted) — online or at the counter. */
export function receivedDelta(kind: RequestKind, channel: 'online' | 'counter'): CounterDelta {
  return { received: 1, [`received:${kind}`]: 1, ...(channel === 'online' ? { submittedOnline: 1 } : {}) };
}

/** A request was finished (issued or rejected), on time or late against its due time. */
export function finishedDelta(kind: RequestKind, outcome: 'issued' | 'rejected', finishedAt: Date, dueAt: string | undefined): CounterDelta {
  const late = dueAt !== undefined && finishedAt.getTime() > Date.parse(dueAt);
  return { [outcome]: 1, ...(outcome === 'issued' ? { [`issued:${kind}`]: 1 } : {}), ...(late ? { late: 1 } : { onTime: 1 }) };
}

/**
 * An issued copy was cancelled (Circular 01/2020/TT-BTP Art. 7): counted on the day of the
 * decision, apart from the issuance it undoes, so the figures of the day it was issued stay.
 */
export function revokedDelta(): CounterDelta {
  return { revoked: 1 };
}

/** The statuses in which a request waits for the agency's decision ("đang giải quyết"). */
export const PENDING_STATUSES = ['submitted', 'awaiting-entitlement'] as const satisfies readonly RequestStatus[];

export const DailyStatsSchema = z.object({ day: z.string() }).catchall(z.number());
export type DailyStats = z.infer<typeof DailyStatsSchema>;

/** A share in [0, 1]; 0 when there is nothing to divide. */
export const rate = (part: number, whole: number): number => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);
