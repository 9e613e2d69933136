import { GetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The agency's yearly sequence of appointment slips (phiếu hẹn, Circular 01/2020/TT-BTP Art. 2).
 * Like the register books' counters (register-book-repo.ts) it only moves inside a transaction,
 * guarded by the value it was read with, together with the write that keeps the number on the
 * request: a number is given once, to one request, and numbers do not skip.
 */
export class AppointmentSlipRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The last slip number given by the agency this year (0 before the first). */
  async current(agencyId: string, year: number): Promise<number> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.slipCounter(agencyId, year), ConsistentRead: true }));
    return typeof r.Item?.value === 'number' ? r.Item.value : 0;
  }

  /** Transaction item moving the counter from `expected` to `expected + 1` (fails if it moved since). */
  takeItem(agencyId: string, year: number, expected: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.slipCounter(agencyId, year),
        UpdateExpression: 'SET #v = :next, agencyId = :a, #y = :y, #t = :t',
        ConditionExpression: expected === 0 ? 'attribute_not_exists(#v)' : '#v = :expected',
        ExpressionAttributeNames: { '#v': 'value', '#y': 'year', '#t': '_type' },
        ExpressionAttributeValues: { ':next': expected + 1, ':a': agencyId, ':y': year, ':t': 'slip-counter', ...(expected === 0 ? {} : { ':expected': expected }) },
      },
    };
  }
}
