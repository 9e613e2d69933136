import { TooManyRequestsError } from '../domain/errors';
import { quotaRefusal, quotaWindows, retryAfterSeconds, type ItemQuotaLimits } from '../domain/item-quota';
import type { Caller } from '../domain/roles';
import { limits } from '../runtime/config';
import type { Services } from '../runtime/services';

/**
 * Takes `items` from the caller's per-item quota (a minute's and a day's) before anything is
 * checked: over quota, a 429 with `Retry-After` and nothing verified, logged or counted. Each
 * client (or person) has their own counters, kept in the table so they hold across every Lambda
 * instance — not in a gateway.
 */
export async function chargeItems(services: Pick<Services, 'itemQuota' | 'now'>, caller: Pick<Caller, 'sub' | 'role'>, items: number, quota: ItemQuotaLimits = limits().itemQuota): Promise<void> {
  const now = services.now();
  const windows = quotaWindows(now, quota);
  const charged = await services.itemQuota.charge(`${caller.role}#${caller.sub}`, windows, items);
  if (!charged.ok) {
    throw new TooManyRequestsError(quotaRefusal(charged.window, items, now), { retryAfterSeconds: retryAfterSeconds(charged.window, now) });
  }
}

/** Whether the items of a call were already taken from the quota (a batch takes them all at once, before its items). */
export interface QuotaOptions {
  quotaCharged?: boolean;
}

/**
 * A single-item route called by a machine client counts one item, like each item of a batch; people
 * and anonymous callers of the public routes are held by the per-address rate limit instead.
 */
export async function chargeClientItem(services: Pick<Services, 'itemQuota' | 'now'>, caller: Caller | undefined, options: QuotaOptions = {}): Promise<void> {
  if (caller?.role === 'client' && !options.quotaCharged) await chargeItems(services, caller, 1);
}
