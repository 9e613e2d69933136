import { QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RequestStatus } from '../domain/request-state';
import { DailyStatsSchema, PENDING_STATUSES, type CounterDelta, type DailyStats } from '../domain/stats';
import { keys } from './keys';
import { queryAll } from './pagination';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const ALL_AGENCIES = 'ALL';

/** Daily counters per agency and for all agencies, bumped inside the transaction of each event. */
export class StatsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Transaction items adding `delta` to the agency's and to the all-agencies counters of `day`. */
  bumpItems(agencyId: string, day: string, delta: CounterDelta): TransactItem[] {
    const entries = Object.entries(delta).filter(([, v]) => v);
    if (entries.length === 0) return [];
    const names = Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k]));
    const values = Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v]));
    const update = (owner: string): TransactItem => ({
      Update: {
        TableName: this.tableName,
        Key: keys.dailyStats(owner, day),
        UpdateExpression: `SET #day = :day, #t = :t ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: { ...names, '#day': 'day', '#t': '_type' },
        ExpressionAttributeValues: { ...values, ':day': day, ':t': 'daily-stats' },
      },
    });
    return [update(agencyId), update(ALL_AGENCIES)];
  }

  /** The daily counters of one agency (or ALL) between two Vietnam days, inclusive. */
  async days(agencyId: string, from: string, to: string): Promise<DailyStats[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': `STAT#${agencyId}`, ':a': `DAY#${from}`, ':b': `DAY#${to}` },
    });
    return items.map(({ PK: _pk, SK: _sk, _type, ...rest }) => DailyStatsSchema.parse(rest));
  }

  /** How many submitted requests of an agency are past due at `now` (queue index, sorted by due time). */
  async openPastDue(agencyId: string, now: string): Promise<number> {
    return this.countQueue(agencyId, 'submitted', now);
  }

  /**
   * How many requests of an agency wait for a decision now: submitted, or waiting for the
   * requester's right to a register copy to be established (queue index; no request is read).
   */
  async pending(agencyId: string): Promise<number> {
    const counts = await Promise.all(PENDING_STATUSES.map((status) => this.countQueue(agencyId, status)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The requests of an agency in one status, those sorted before `before` only when given. */
  private async countQueue(agencyId: string, status: RequestStatus, before?: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: before ? 'GSI2PK = :pk AND GSI2SK < :now' : 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': `AGY#${agencyId}#${status}`, ...(before ? { ':now': before } : {}) },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += r.Count ?? 0;
      start = r.LastEvaluatedKey;
    } while (start);
    return count;
  }
}
