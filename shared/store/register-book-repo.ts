import { GetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The agency's numbering (Decree 23 Art. 13): a counter per agency + book + year and one
 * register line per number. The counter only moves inside the issuance transaction, guarded by
 * the value it was read with, so a number is given once and numbers never repeat.
 */
export class RegisterBookRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The last number given in this book (0 when the year's book is still empty). */
  async current(agencyId: string, bookCode: string, year: number): Promise<number> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.counter(agencyId, bookCode, year), ConsistentRead: true }));
    return typeof r.Item?.value === 'number' ? r.Item.value : 0;
  }

  /** Transaction items: move the counter from `expected` to `expected + 1` and write that register line. */
  takeNumberItems(agencyId: string, bookCode: string, year: number, expected: number, line: Record<string, unknown>): TransactItem[] {
    const seq = expected + 1;
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.counter(agencyId, bookCode, year),
          UpdateExpression: 'SET #v = :next, agencyId = :a, bookCode = :b, #y = :y, #t = :t',
          ConditionExpression: expected === 0 ? 'attribute_not_exists(#v)' : '#v = :expected',
          ExpressionAttributeNames: { '#v': 'value', '#y': 'year', '#t': '_type' },
          ExpressionAttributeValues: {
            ':next': seq,
            ':a': agencyId,
            ':b': bookCode,
            ':y': year,
            ':t': 'counter',
            ...(expected === 0 ? {} : { ':expected': expected }),
          },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.registerLine(agencyId, bookCode, year, seq), _type: 'register-line', agencyId, bookCode, year, seq, ...line },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
  }
}
