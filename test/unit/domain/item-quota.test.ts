import { describe, expect, it } from 'vitest';
import { quotaRefusal, quotaWindows, retryAfterSeconds } from '../../../shared/domain/item-quota';
import { chargeItems } from '../../../shared/use-cases/item-quota';
import { InMemoryItemQuotaStore } from '../support/in-memory-batch';
import { TooManyRequestsError } from '../../../shared/domain/errors';

const LIMITS = { perMinute: 150, perDay: 400 };

describe('Per-item quota windows', () => {
  it('are the UTC minute and the Vietnam day, each ending when the next begins', () => {
    // Prepare: 16:59:30 UTC is 23:59:30 in Vietnam.
    const now = new Date('2026-12-05T16:59:30.000Z');
    // Act
    const [minute, day] = quotaWindows(now, LIMITS);
    // Assess
    expect(minute).toEqual({ name: 'minute', key: '2026-12-05T16:59', limit: 150, resetsAt: new Date('2026-12-05T17:00:00.000Z') });
    expect(day).toEqual({ name: 'day', key: '2026-12-05', limit: 400, resetsAt: new Date('2026-12-05T17:00:00.000Z') });
    expect(retryAfterSeconds(minute, now)).toBe(30);
    // A second later it is the next Vietnam day.
    expect(quotaWindows(new Date('2026-12-05T17:00:00.000Z'), LIMITS)[1].key).toBe('2026-12-06');
  });

  it('answers at least one second of Retry-After, and says in Vietnamese what ran out', () => {
    const now = new Date('2026-12-05T10:00:59.999Z');
    const [minute] = quotaWindows(now, LIMITS);
    expect(retryAfterSeconds(minute, now)).toBe(1);
    expect(quotaRefusal(minute, 10, now)).toMatch(/hạn mức kiểm tra 150 mục mỗi phút.*1 giây/);
    expect(quotaRefusal(minute, 151, now)).toMatch(/Lô 151 mục vượt hạn mức 150 mục mỗi phút/);
  });
});

describe('Charging items', () => {
  const client = { sub: 'client-1', role: 'client' } as const;
  const at = (iso: string) => ({ itemQuota: store, now: () => new Date(iso) });
  let store: InMemoryItemQuotaStore;

  it('takes items until the minute runs out, refuses with Retry-After without counting, and starts again the next minute', async () => {
    // Prepare
    store = new InMemoryItemQuotaStore();
    await chargeItems(at('2026-12-05T03:00:10Z'), client, 100, LIMITS);
    // Act: 51 more is over the minute's 150.
    const refused = await chargeItems(at('2026-12-05T03:00:20Z'), client, 51, LIMITS).catch((e: unknown) => e);
    // Assess
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(40);
    expect([...store.used.values()]).toEqual([100, 100]);
    await chargeItems(at('2026-12-05T03:00:30Z'), client, 50, LIMITS);
    await chargeItems(at('2026-12-05T03:01:00Z'), client, 150, LIMITS);
    expect(store.used.get('client#client-1|day#2026-12-05')).toBe(300);
  });

  it('refuses on the day when the minutes still have room, until the Vietnam day ends', async () => {
    // Prepare: 400 a day, spent over three minutes.
    store = new InMemoryItemQuotaStore();
    for (const m of ['01', '02', '03']) await chargeItems(at(`2026-12-05T03:${m}:00Z`), client, m === '03' ? 100 : 150, LIMITS);
    // Act
    const refused = (await chargeItems(at('2026-12-05T16:00:00Z'), client, 1, LIMITS).catch((e: unknown) => e)) as TooManyRequestsError;
    // Assess: an hour to Vietnam midnight; another caller is not concerned.
    expect(refused.status).toBe(429);
    expect(refused.retryAfterSeconds).toBe(3600);
    expect(refused.detail).toMatch(/400 mục mỗi ngày/);
    await chargeItems(at('2026-12-05T16:00:00Z'), { sub: 'client-2', role: 'client' }, 1, LIMITS);
    await chargeItems(at('2026-12-05T17:00:00Z'), client, 1, LIMITS);
  });
});
