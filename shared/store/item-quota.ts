import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QuotaWindow } from '../domain/item-quota';
import { keys } from './keys';
import { ConditionFailedError, transact } from './transact';

/**
 * The per-item quota counters. `charge` takes `items` from every window at once or from none:
 * the window that had not enough left is answered, and nothing is counted.
 */
export interface ItemQuotaStore {
  charge(subject: string, windows: readonly QuotaWindow[], items: number): Promise<{ ok: true } | { ok: false; window: QuotaWindow }>;
}

/**
 * One item per caller and window (QUOTA#{subject} / {window}#{key}), moved by a conditional ADD
 * in one transaction over the windows, so that concurrent requests — in any number of Lambda
 * instances — never take more than the limit between them. DynamoDB TTL removes a window's item a
 * day after it ends.
 */
export class DynamoItemQuotaStore implements ItemQuotaStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async charge(subject: string, windows: readonly QuotaWindow[], items: number) {
    const over = windows.find((w) => items > w.limit);
    if (over) return { ok: false as const, window: over };
    try {
      await transact(
        this.db,
        windows.map((w) => ({
          Update: {
            TableName: this.tableName,
            Key: keys.itemQuota(subject, `${w.name}#${w.key}`),
            UpdateExpression: 'ADD used :n SET #ttl = :ttl, #type = :type',
            ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
            ExpressionAttributeNames: { '#ttl': 'ttl', '#type': '_type' },
            ExpressionAttributeValues: { ':n': items, ':room': w.limit - items, ':ttl': Math.ceil(w.resetsAt.getTime() / 1000) + 86_400, ':type': 'item-quota' },
          },
        })),
      );
      return { ok: true as const };
    } catch (error) {
      if (error instanceof ConditionFailedError) return { ok: false as const, window: windows[error.failed[0]] };
      throw error;
    }
  }
}
