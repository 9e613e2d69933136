import type { RevocationEvent } from '../contracts/subscriptions';
import { numberTextOf, type DocumentRecord } from '../domain/document';
import { nextAttemptAt } from '../domain/webhook';
import { webhookHeaders } from '../domain/webhook-signature';
import type { Services } from '../runtime/services';
import type { DeliveryRecord, SubscriptionRepository } from '../store/subscription-repo';

/**
 * The revocation event of a document (docs/webhooks.md "The event"). It goes only to agencies
 * that verified the copy, and names only what they saw when they did: the code printed on the
 * copy, its number, kind and title, and the issuing agency, plus the issuer's reason (public
 * anyway on GET /api/revocations). Never the holder's name or citizen id: a receiver matches the
 * event to its own file by the code or the number, and needs no personal data from us for that.
 */
export function revocationEventOf(doc: DocumentRecord, eventId: string, at: string, reason: string): RevocationEvent {
  return {
    id: eventId,
    type: 'document.revoked',
    occurredAt: at,
    document: { id: doc.id, verifyCode: doc.verifyCode, kind: doc.kind, number: numberTextOf(doc), title: doc.title, issuerAgencyId: doc.agencyId, issuerName: doc.agencyName },
    reason,
  };
}

export type WebhookStore = Pick<SubscriptionRepository, 'listByAgency' | 'addDelivery' | 'due' | 'claim' | 'settle' | 'get'>;
export type WebhookServices = Pick<Services, 'now'> & {
  subscriptions: WebhookStore;
  documents: Pick<Services['documents'], 'verifications'>;
};

/** Most verification log entries read to find the agencies of one event (a copy checked more often than this is a case to look at by hand). */
const MAX_LOG_ENTRIES = 10_000;

/** The agencies in a document's verification log (signed-in verifiers, officials and clients are logged under their agency). */
async function verifyingAgencies(services: WebhookServices, documentId: string): Promise<Set<string>> {
  const agencies = new Set<string>();
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await services.documents.verifications(documentId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const v of page.items) if (typeof v.verifierAgencyId === 'string') agencies.add(v.verifierAgencyId);
    read += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && read < MAX_LOG_ENTRIES);
  return agencies;
}

/**
 * The table stream's work on a revocation event (written in the revocation's own transaction): one
 * pending delivery, due now, per subscription of every agency that verified the document. Safe
 * to run twice (a replayed stream record): a delivery that exists is left as it is.
 */
export async function fanOutEvent(services: WebhookServices, item: { eventId: string; documentId: string; body: string }): Promise<number> {
  const event = JSON.parse(item.body) as RevocationEvent;
  const now = services.now().toISOString();
  let added = 0;
  for (const agencyId of await verifyingAgencies(services, item.documentId)) {
    for (const sub of await services.subscriptions.listByAgency(agencyId)) {
      const fresh = await services.subscriptions.addDelivery({
        subscriptionId: sub.id,
        agencyId,
        eventId: item.eventId,
        body: item.body,
        status: 'pending',
        attempts: 0,
        occurredAt: event.occurredAt,
        nextAttemptAt: now,
      });
      if (fresh) added++;
    }
  }
  return added;
}

/** The POST of one attempt (shared/notify/webhook-sender.ts: resolves, checks the address again, connects to it). */
export interface WebhookPoster {
  post(url: string, headers: Record<string, string>, body: string): Promise<{ ok: true; status: number } | { ok: false; error: string }>;
}

/**
 * An attempt's lease: a delivery claimed by a worker that then dies is due again this long after
 * the claim — longer than one attempt may take (DNS + a 5 s timeout), so a live worker keeps it.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface DeliveryRun {
  delivered: number;
  retried: number;
  dead: number;
}

/**
 * The scheduled worker's run: every pending delivery that is due, claimed one by one (two workers
 * never send the same attempt), signed afresh (Standard Webhooks: the timestamp is the attempt's),
 * POSTed; a 2xx ends it as delivered — never sent again — anything else schedules the next attempt
 * on the backoff, or parks it as dead 24 h after the event. `timeScale` is the local stack's.
 */
export async function deliverDue(services: WebhookServices, poster: WebhookPoster, options: { limit?: number; timeScale?: number; parallel?: number } = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, retried: 0, dead: 0 };
  const due = await services.subscriptions.due(services.now().toISOString(), options.limit ?? 50);
  const queue = [...due];
  const one = async (d: DeliveryRecord) => {
    const claimed = await services.subscriptions.claim(d, new Date(services.now().getTime() + CLAIM_LEASE_MS).toISOString());
    if (!claimed) return;
    const sub = await services.subscriptions.get(claimed.subscriptionId);
    if (!sub) {
      await services.subscriptions.settle(claimed, { dead: services.now().toISOString(), error: 'Đăng ký nhận sự kiện đã bị xóa.' });
      run.dead++;
      return;
    }
    const result = await poster.post(sub.url, webhookHeaders(sub.secret, claimed.eventId, services.now(), claimed.body), claimed.body);
    const at = services.now();
    if (result.ok) {
      await services.subscriptions.settle(claimed, { delivered: at.toISOString() });
      run.delivered++;
      return;
    }
    const next = nextAttemptAt(new Date(claimed.occurredAt), claimed.attempts, at, options.timeScale ?? 1);
    if (next === 'dead') {
      await services.subscriptions.settle(claimed, { dead: at.toISOString(), error: result.error });
      run.dead++;
    } else {
      await services.subscriptions.settle(claimed, { next: next.toISOString(), error: result.error });
      run.retried++;
    }
  };
  // One delivery's storage error must not stop the others; it is reported after the run (the function's error alarm).
  const errors: unknown[] = [];
  const lanes = Array.from({ length: Math.min(options.parallel ?? 10, queue.length) }, async () => {
    for (let d = queue.shift(); d; d = queue.shift()) await one(d).catch((e: unknown) => errors.push(e));
  });
  await Promise.all(lanes);
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} webhook deliveries could not be recorded`);
  return run;
}
