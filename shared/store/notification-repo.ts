import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const NotificationSchema = z.object({
  at: z.string(),
  kind: z.enum(['issued', 'rejected', 'extended', 'revoked']),
  requestId: z.string(),
  citizenId: z.string(),
  message: z.string(),
  /** `pending` until the notifier delivered it (DynamoDB stream → notifier in AWS). */
  delivery: z.enum(['pending', 'delivered']).default('pending'),
});
export type Notification = z.infer<typeof NotificationSchema>;

/**
 * The notification outbox: one record per event, written in the same transaction as the event
 * (so a citizen is never told of an issuance that did not happen, nor left untold of one that did).
 * Delivery is the notifier's job; the citizen's mailbox view reads the same records.
 */
export class NotificationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  outboxItem(n: Omit<Notification, 'delivery'>, rand: string): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...keys.notification(n.citizenId, n.at, rand), _type: 'notification', ...n, delivery: 'pending' } } };
  }

  /** Marks a notification delivered (only once: a replayed stream record finds it delivered). */
  async markDelivered(pk: string, sk: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: pk, SK: sk },
          UpdateExpression: 'SET delivery = :d, deliveredAt = :at',
          ConditionExpression: 'delivery = :p',
          ExpressionAttributeValues: { ':d': 'delivered', ':p': 'pending', ':at': at },
        }),
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  /** A citizen's notifications, newest first. */
  async mailbox(citizenId: string, limit = 50): Promise<Notification[]> {
    const r = await this.db.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `NOTIF#${citizenId}` }, ScanIndexForward: false, Limit: limit }),
    );
    return (r.Items ?? []).map((i) => NotificationSchema.parse(i));
  }
}
