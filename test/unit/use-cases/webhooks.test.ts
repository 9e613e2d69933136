import { describe, expect, it } from 'vitest';
import { RevocationEventSchema } from '../../../shared/contracts/subscriptions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/domain/errors';
import type { ClientPrincipal, Principal } from '../../../shared/domain/roles';
import { MAX_SUBSCRIPTIONS_PER_AGENCY, RETRY_WINDOW_MS } from '../../../shared/domain/webhook';
import { signatureMatches } from '../../../shared/domain/webhook-signature';
import { resolveWebhookTarget } from '../../../shared/notify/webhook-sender';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { revokeDocument } from '../../../shared/use-cases/revoke-document';
import { listDeliveries, listSubscriptions, subscribe, unsubscribe } from '../../../shared/use-cases/subscriptions';
import { deliverDue, fanOutEvent, type WebhookPoster } from '../../../shared/use-cases/webhooks';
import { official, submittedCertifyRequest, useInMemoryWorld } from '../support/in-memory-services';
import { InMemorySubscriptions } from '../support/in-memory-subscriptions';

const world = useInMemoryWorld();
const BANK: ClientPrincipal = { sub: 'bank-client', role: 'client', agencyId: 'nh-bank', name: 'Ngân hàng X', scopes: ['verify', 'subscribe'] };
const SCHOOL: ClientPrincipal = { sub: 'school-client', role: 'client', agencyId: 'truong-y', name: 'Trường Y', scopes: ['subscribe'] };
const publicDns = async () => [{ address: '93.184.216.34', family: 4 }];
const check = (url: string) => resolveWebhookTarget(url, { loopback: false }, publicDns);

/** The world's ports plus subscriptions, and a verification log the fan-out reads. */
function harness() {
  const subscriptions = new InMemorySubscriptions();
  const log = new Map<string, Record<string, unknown>[]>();
  const services = {
    ...world().services,
    subscriptions,
    documents: { ...world().services.documents, verifications: async (id: string) => ({ items: log.get(id) ?? [] }) },
  };
  return { services, subscriptions, log };
}

/** A receiver that answers the given statuses in turn (then 200), keeping what it got. */
function receiver(statuses: number[] = []) {
  const got: { url: string; headers: Record<string, string>; body: string }[] = [];
  const poster: WebhookPoster = {
    post: async (url, headers, body) => {
      got.push({ url, headers, body });
      const status = statuses.shift() ?? 200;
      return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` };
    },
  };
  return { poster, got };
}

async function revokedAfterCheckBy(h: ReturnType<typeof harness>, agencies: string[]) {
  const request = await submittedCertifyRequest(world());
  const { documentId } = await certifyRequest(world().services, official, request.id);
  h.log.set(documentId, agencies.map((a) => ({ verifierAgencyId: a, verdict: 'authentic', via: 'code' })));
  world().setNow(new Date('2026-03-05T08:00:00Z'));
  await revokeDocument(world().services, official, documentId, { reason: 'Cấp nhầm người yêu cầu' });
  return { documentId, event: world().ledger.webhookEvents.at(-1)! };
}

describe('Function: subscribe / listSubscriptions / unsubscribe', () => {
  it('answers the secret once, lists without it, and lets only the same agency delete', async () => {
    // Prepare
    const h = harness();

    // Act
    const created = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/x' });
    const listed = await listSubscriptions(h.services, BANK);
    const otherAgency = await unsubscribe(h.services, SCHOOL, created.id).catch((e: unknown) => e);

    // Assess
    expect(created.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed.items).toEqual([expect.objectContaining({ id: created.id, agencyId: 'nh-bank', createdBy: 'bank-client' })]);
    expect(otherAgency).toBeInstanceOf(NotFoundError);
    expect((await listSubscriptions(h.services, SCHOOL)).items).toEqual([]);
    await unsubscribe(h.services, BANK, created.id);
    expect((await listSubscriptions(h.services, BANK)).items).toEqual([]);
  });

  it(`refuses the ${MAX_SUBSCRIPTIONS_PER_AGENCY + 1}th subscription of an agency with a 409 in Vietnamese`, async () => {
    const h = harness();
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_AGENCY; i++) await subscribe(h.services, check, BANK, { url: `https://hooks.bank.example/${i}` });
    const error = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/one-more' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).detail).toMatch(/tối đa 5 địa chỉ/);
  });

  it('refuses a URL whose host resolves to the metadata service, and a person instead of a client', async () => {
    const h = harness();
    const rebound = (url: string) => resolveWebhookTarget(url, { loopback: false }, async () => [{ address: '93.184.216.34', family: 4 }, { address: '169.254.169.254', family: 4 }]);
    const error = await subscribe(h.services, rebound, BANK, { url: 'https://hooks.bank.example/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail).toMatch(/169\.254\.169\.254.*không phải địa chỉ công khai/);
    expect(h.subscriptions.subscriptions.size).toBe(0);
    const person: Principal = { sub: 'v', role: 'verifier', agencyId: 'nh-bank' };
    await expect(subscribe(h.services, check, person, { url: 'https://hooks.bank.example/x' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('Function: revokeDocument → fanOutEvent → deliverDue', () => {
  it('records the event with the revocation, naming the copy but not its holder', async () => {
    // Prepare
    const h = harness();
    // Act
    const { documentId, event } = await revokedAfterCheckBy(h, []);
    // Assess
    const body = RevocationEventSchema.parse(JSON.parse(event.body));
    const doc = world().ledger.documents.get(documentId)!;
    expect(body).toMatchObject({ id: event.eventId, type: 'document.revoked', occurredAt: '2026-03-05T08:00:00.000Z', reason: 'Cấp nhầm người yêu cầu', document: { id: documentId, verifyCode: doc.verifyCode, issuerAgencyId: doc.agencyId } });
    expect(event.body).not.toContain(doc.citizenId!);
    if (doc.holderName) expect(event.body).not.toContain(doc.holderName);
  });

  it('delivers to every subscription of the agencies that verified the copy, and to no one else', async () => {
    // Prepare
    const h = harness();
    const bank1 = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/1' });
    const bank2 = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/2' });
    await subscribe(h.services, check, SCHOOL, { url: 'https://hooks.school.example/' });
    const { event } = await revokedAfterCheckBy(h, ['nh-bank', 'nh-bank']);
    const { poster, got } = receiver();

    // Act
    const added = await fanOutEvent(h.services, event);
    const replay = await fanOutEvent(h.services, event);
    const run = await deliverDue(h.services, poster);

    // Assess: signed with each subscription's own secret.
    expect([added, replay]).toEqual([2, 0]);
    expect(run).toEqual({ delivered: 2, retried: 0, dead: 0 });
    expect(got.map((g) => g.url).sort()).toEqual(['https://hooks.bank.example/1', 'https://hooks.bank.example/2']);
    for (const g of got) {
      const secret = g.url.endsWith('/1') ? bank1.secret : bank2.secret;
      expect(g.headers['webhook-id']).toBe(event.eventId);
      expect(signatureMatches(secret, event.eventId, Number(g.headers['webhook-timestamp']), g.body, g.headers['webhook-signature'])).toBe(true);
    }
  });

  it('retries a receiver that fails twice, then delivers exactly once and never again', async () => {
    // Prepare
    const h = harness();
    const sub = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/flaky' });
    const { event } = await revokedAfterCheckBy(h, ['nh-bank']);
    await fanOutEvent(h.services, event);
    const { poster, got } = receiver([500, 503]);
    const at = new Date('2026-03-05T08:00:00Z');

    // Act: runs every 10 s for 5 minutes.
    const runs = [];
    for (let s = 0; s <= 300; s += 10) {
      world().setNow(new Date(at.getTime() + s * 1000));
      runs.push(await deliverDue(h.services, poster));
    }

    // Assess: the second attempt 30 s after the first, the third 1 min after that.
    expect(got).toHaveLength(3);
    expect(got.map((g) => Number(g.headers['webhook-timestamp']) - at.getTime() / 1000)).toEqual([0, 30, 90]);
    const [delivery] = (await listDeliveries(h.services, BANK, sub.id)).items;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, eventId: event.eventId, event: { type: 'document.revoked' } });
  });

  it('parks a delivery as dead 24 h after the event, listable by its agency only', async () => {
    // Prepare
    const h = harness();
    const sub = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/down' });
    const { event } = await revokedAfterCheckBy(h, ['nh-bank']);
    await fanOutEvent(h.services, event);
    const { poster, got } = receiver(Array(100).fill(500));
    const at = new Date('2026-03-05T08:00:00Z').getTime();

    // Act: a run every minute for a day and an hour.
    for (let m = 0; m <= 25 * 60; m++) {
      world().setNow(new Date(at + m * 60_000));
      await deliverDue(h.services, poster);
    }

    // Assess
    const dead = (await listDeliveries(h.services, BANK, sub.id, 'dead')).items;
    expect(dead).toEqual([expect.objectContaining({ status: 'dead', attempts: 13, lastError: 'HTTP 500', deadAt: new Date(at + RETRY_WINDOW_MS).toISOString() })]);
    expect(got).toHaveLength(13);
    await expect(listDeliveries(h.services, SCHOOL, sub.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stops the deliveries of a deleted subscription', async () => {
    const h = harness();
    const sub = await subscribe(h.services, check, BANK, { url: 'https://hooks.bank.example/gone' });
    const { event } = await revokedAfterCheckBy(h, ['nh-bank']);
    await fanOutEvent(h.services, event);
    await unsubscribe(h.services, BANK, sub.id);
    const { poster, got } = receiver();
    expect(await deliverDue(h.services, poster)).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect(got).toEqual([]);
  });
});
