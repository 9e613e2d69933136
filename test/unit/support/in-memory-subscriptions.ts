import { SubscriptionLimitError, type DeliveryRecord, type SubscriptionRecord, type SubscriptionRepository } from '../../../shared/store/subscription-repo';

type Store = Pick<SubscriptionRepository, 'create' | 'get' | 'listByAgency' | 'remove' | 'deliveries' | 'addDelivery' | 'due' | 'claim' | 'settle'>;

/**
 * The subscription store of shared/store/subscription-repo.ts in memory, with the same
 * conditions: the per-agency limit, a delivery added once, a claim only while pending and due as
 * read, an outcome recorded only by the attempt that claimed it.
 */
export class InMemorySubscriptions implements Store {
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly deliveryRecords = new Map<string, DeliveryRecord>();

  private key = (d: Pick<DeliveryRecord, 'subscriptionId' | 'eventId'>) => `${d.subscriptionId}#${d.eventId}`;

  async create(sub: SubscriptionRecord, max: number): Promise<void> {
    if ((await this.listByAgency(sub.agencyId)).length >= max) throw new SubscriptionLimitError();
    this.subscriptions.set(sub.id, { ...sub });
  }

  async get(id: string) {
    const s = this.subscriptions.get(id);
    return s && { ...s };
  }

  async listByAgency(agencyId: string) {
    return [...this.subscriptions.values()].filter((s) => s.agencyId === agencyId).map((s) => ({ ...s }));
  }

  async remove(id: string, agencyId: string) {
    if (this.subscriptions.get(id)?.agencyId !== agencyId) return false;
    return this.subscriptions.delete(id);
  }

  async deliveries(subscriptionId: string, status?: DeliveryRecord['status']) {
    return [...this.deliveryRecords.values()].filter((d) => d.subscriptionId === subscriptionId && (!status || d.status === status)).map((d) => ({ ...d }));
  }

  async addDelivery(d: DeliveryRecord & { nextAttemptAt: string }) {
    if (this.deliveryRecords.has(this.key(d))) return false;
    this.deliveryRecords.set(this.key(d), { ...d });
    return true;
  }

  async due(now: string, limit: number) {
    return [...this.deliveryRecords.values()]
      .filter((d) => d.status === 'pending' && d.nextAttemptAt! <= now)
      .sort((a, b) => a.nextAttemptAt!.localeCompare(b.nextAttemptAt!))
      .slice(0, limit)
      .map((d) => ({ ...d }));
  }

  async claim(d: DeliveryRecord, leaseUntil: string) {
    const cur = this.deliveryRecords.get(this.key(d));
    if (!cur || cur.status !== 'pending' || cur.nextAttemptAt !== d.nextAttemptAt) return undefined;
    const next = { ...cur, nextAttemptAt: leaseUntil, attempts: cur.attempts + 1 };
    this.deliveryRecords.set(this.key(d), next);
    return { ...next };
  }

  async settle(d: DeliveryRecord, outcome: { delivered: string } | { next: string; error: string } | { dead: string; error: string }) {
    const cur = this.deliveryRecords.get(this.key(d));
    if (!cur || cur.status !== 'pending' || cur.attempts !== d.attempts) return;
    const { nextAttemptAt: _n, ...rest } = cur;
    if ('delivered' in outcome) this.deliveryRecords.set(this.key(d), { ...rest, status: 'delivered', deliveredAt: outcome.delivered, lastError: undefined });
    else if ('dead' in outcome) this.deliveryRecords.set(this.key(d), { ...rest, status: 'dead', deadAt: outcome.dead, lastError: outcome.error });
    else this.deliveryRecords.set(this.key(d), { ...cur, nextAttemptAt: outcome.next, lastError: outcome.error });
  }
}
