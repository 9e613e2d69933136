/**
 * Revocation webhooks (issue 21 item 5; docs/webhooks.md): the limits and the retry schedule. The
 * event's shape is a contract (shared/contracts/subscriptions.ts), its signature is
 * shared/domain/webhook-signature.ts.
 */

/** How many subscriptions one receiving agency may hold: each one is a delivery per revocation. */
export const MAX_SUBSCRIPTIONS_PER_AGENCY = 5;

/** A delivery attempt waits at most this long for the receiver's answer. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Failed deliveries are retried until this long after the event, then parked as dead. */
export const RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * The wait after the n-th failed attempt (n = 1, 2, …); after the last entry, every 8 h. The window
 * above ends it: 30 s … 8 h add up to about 16 h, one more wait of 8 h, then a last attempt at the 24 h mark.
 */
export const RETRY_DELAYS_MS: readonly number[] = [30, 60, 120, 300, 900, 1800, 3600, 7200, 14400, 28800].map((s) => s * 1000);

/**
 * When to try again after `attempts` failed attempts, or `'dead'`. `scale` compresses time in the
 * local stack only (tests cannot wait 30 s); 1 everywhere else.
 */
export function nextAttemptAt(occurredAt: Date, attempts: number, failedAt: Date, scale = 1): Date | 'dead' {
  const deadline = occurredAt.getTime() + RETRY_WINDOW_MS * scale;
  if (failedAt.getTime() >= deadline) return 'dead';
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] * scale;
  return new Date(Math.min(failedAt.getTime() + delay, deadline));
}

