import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from './keys';
import { stripKeys } from './request-repo';
import { ConditionFailedError, transact } from './transact';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A subscription as kept: the signing secret too (the worker signs with it; the table is encrypted with the data key). */
export const SubscriptionRecordSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  url: z.string(),
  secret: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecordSchema>;

/** One event to one subscription. `body` is the event's JSON exactly as signed and sent on every attempt. */
export const DeliveryRecordSchema = z.object({
  subscriptionId: z.string(),
  agencyId: z.string(),
  eventId: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  occurredAt: z.string(),
  nextAttemptAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  deadAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** The agency holds as many subscriptions as it may. */
export class SubscriptionLimitError extends Error {
  constructor(options?: ErrorOptions) {
    super('The agency holds the most subscriptions it may', options);
    this.name = 'SubscriptionLimitError';
  }
}

/**
 * Subscriptions, revocation events and their deliveries (keys.ts; docs/webhooks.md). A delivery
 * moves pending → delivered | dead; each move is conditioned on the state it was read in, so two
 * workers never both send one attempt, and nothing is sent again once a 2xx is recorded.
 */
export class SubscriptionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a subscription unless the agency already holds `max` (one transaction with the agency's counter: no race past the limit). */
  async create(sub: SubscriptionRecord, max: number): Promise<void> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.subscriptionCounter(sub.agencyId),
            UpdateExpression: 'SET #t = :t ADD n :one',
            ConditionExpression: 'attribute_not_exists(n) OR n < :max',
            ExpressionAttributeNames: { '#t': '_type' },
            ExpressionAttributeValues: { ':t': 'subscription-counter', ':one': 1, ':max': max },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.subscription(sub.id), ...keys.agencySubscriptions(sub.agencyId, sub.createdAt, sub.id), _type: 'subscription', ...sub },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ]);
    } catch (e) {
      if (e instanceof ConditionFailedError && e.failed.includes(0)) throw new SubscriptionLimitError({ cause: e });
      throw e;
    }
  }

  async get(id: string): Promise<SubscriptionRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.subscription(id), ConsistentRead: true }));
    return r.Item ? SubscriptionRecordSchema.parse(stripKeys(r.Item)) : undefined;
  }

  async listByAgency(agencyId: string): Promise<SubscriptionRecord[]> {
    const r = await this.db.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `AGY#${agencyId}#SUBS` } }),
    );
    return (r.Items ?? []).map((i) => SubscriptionRecordSchema.parse(stripKeys(i)));
  }

  /** Deletes the subscription of that agency (false when there is none); its pending deliveries stop at their next attempt. */
  async remove(id: string, agencyId: string): Promise<boolean> {
    try {
      await transact(this.db, [
        { Delete: { TableName: this.tableName, Key: keys.subscription(id), ConditionExpression: 'agencyId = :a', ExpressionAttributeValues: { ':a': agencyId } } },
        { Update: { TableName: this.tableName, Key: keys.subscriptionCounter(agencyId), UpdateExpression: 'ADD n :minus', ExpressionAttributeValues: { ':minus': -1 } } },
      ]);
      return true;
    } catch (e) {
      if (e instanceof ConditionFailedError) return false;
      throw e;
    }
  }

  /** The event item of a revocation, for the revocation's own transaction (the stream fans it out). */
  eventItem(eventId: string, documentId: string, body: string): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...keys.webhookEvent(eventId), _type: 'webhook-event', eventId, documentId, body }, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Adds a pending delivery, due now; false when it exists already (a replayed stream record). */
  async addDelivery(d: DeliveryRecord & { nextAttemptAt: string }): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.delivery(d.subscriptionId, d.eventId), ...keys.deliveryDue(d.nextAttemptAt, d.subscriptionId, d.eventId), _type: 'webhook-delivery', ...d },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  /** Pending deliveries due at `now`, oldest first (the pointer index is eventually consistent: `claim` decides). */
  async due(now: string, limit: number): Promise<DeliveryRecord[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
        ExpressionAttributeValues: { ':pk': 'WHDUE', ':now': `${now}~` },
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((i) => DeliveryRecordSchema.parse(stripKeys(i)));
  }

  /**
   * Takes one attempt: only while the delivery is pending and still due at the time it was read,
   * and pushes its pointer to `leaseUntil` (if this worker dies mid-attempt, the delivery is due
   * again then). Answers the delivery with its attempt counted, or undefined when another worker took it.
   */
  async claim(d: DeliveryRecord, leaseUntil: string): Promise<DeliveryRecord | undefined> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.delivery(d.subscriptionId, d.eventId),
          UpdateExpression: 'SET nextAttemptAt = :lease, GSI2SK = :sk ADD attempts :one',
          ConditionExpression: '#s = :pending AND nextAttemptAt = :seen',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':lease': leaseUntil,
            ':sk': keys.deliveryDue(leaseUntil, d.subscriptionId, d.eventId).GSI2SK,
            ':one': 1,
            ':pending': 'pending',
            ':seen': d.nextAttemptAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return DeliveryRecordSchema.parse(stripKeys(r.Attributes!));
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw e;
    }
  }

  /** Records the outcome of the attempt `d` claimed: delivered, due again at `next`, or dead. */
  async settle(d: DeliveryRecord, outcome: { delivered: string } | { next: string; error: string } | { dead: string; error: string }): Promise<void> {
    const names = { '#s': 'status' };
    const guard = { ConditionExpression: '#s = :pending AND attempts = :n', ExpressionAttributeNames: names };
    const base = { TableName: this.tableName, Key: keys.delivery(d.subscriptionId, d.eventId), ...guard };
    const values = { ':pending': 'pending', ':n': d.attempts };
    let update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> };
    if ('delivered' in outcome) {
      update = { UpdateExpression: 'SET #s = :d, deliveredAt = :at REMOVE nextAttemptAt, GSI2PK, GSI2SK, lastError', ExpressionAttributeValues: { ...values, ':d': 'delivered', ':at': outcome.delivered } };
    } else if ('dead' in outcome) {
      update = { UpdateExpression: 'SET #s = :d, deadAt = :at, lastError = :e REMOVE nextAttemptAt, GSI2PK, GSI2SK', ExpressionAttributeValues: { ...values, ':d': 'dead', ':at': outcome.dead, ':e': outcome.error } };
    } else {
      update = {
        UpdateExpression: 'SET nextAttemptAt = :next, GSI2SK = :sk, lastError = :e',
        ExpressionAttributeValues: { ...values, ':next': outcome.next, ':sk': keys.deliveryDue(outcome.next, d.subscriptionId, d.eventId).GSI2SK, ':e': outcome.error },
      };
    }
    try {
      await this.db.send(new UpdateCommand({ ...base, ...update }));
    } catch (e) {
      // Another worker took the delivery over after our lease ran out: its record wins.
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    }
  }

  /** A subscription's deliveries (newest event ids are random: ordered by when the event occurred, newest first). */
  async deliveries(subscriptionId: string, status?: DeliveryRecord['status']): Promise<DeliveryRecord[]> {
    const items: DeliveryRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :dlv)',
          ExpressionAttributeValues: { ':pk': `SUB#${subscriptionId}`, ':dlv': 'DLV#', ...(status ? { ':st': status } : {}) },
          ...(status ? { FilterExpression: '#s = :st', ExpressionAttributeNames: { '#s': 'status' } } : {}),
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(r.Items ?? []).map((i) => DeliveryRecordSchema.parse(stripKeys(i))));
      start = r.LastEvaluatedKey;
    } while (start && items.length < 1000);
    return items.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  }
}
