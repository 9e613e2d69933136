import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A reservation on the counter item: who holds the next number, and until when (epoch ms). */
export interface CounterHold {
  holder: string;
  until: number;
}

const isConditionFailed = (e: unknown) => (e as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * The agency's numbering (Decree 23 Art. 13): a counter per agency + book + year and one
 * register line per number. The counter item also carries the reservation of the next number
 * (`holder`, `leaseUntil`); the counter only moves inside the issuance transaction, guarded by the
 * value before it and by the reservation, so a number is given once and numbers never repeat.
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

  /**
   * Reserves the next number for `hold.holder` unless another holder's lease is still running at
   * `now` (epoch ms); answers that number, or undefined when the book is held by someone else.
   * One conditional write, so two claimants can never both hold the book.
   */
  async reserve(agencyId: string, bookCode: string, year: number, hold: CounterHold, now: number): Promise<number | undefined> {
    try {
      const r = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(agencyId, bookCode, year),
        UpdateExpression: 'SET #h = :h, #lu = :until, agencyId = :a, bookCode = :b, #y = :y, #t = :t',
        ConditionExpression: 'attribute_not_exists(#h) OR #h = :h OR #lu < :now',
        ExpressionAttributeNames: { '#h': 'holder', '#lu': 'leaseUntil', '#y': 'year', '#t': '_type' },
        ExpressionAttributeValues: { ':h': hold.holder, ':until': hold.until, ':now': now, ':a': agencyId, ':b': bookCode, ':y': year, ':t': 'counter' },
        ReturnValues: 'ALL_NEW',
      }));
      return (typeof r.Attributes?.value === 'number' ? r.Attributes.value : 0) + 1;
    } catch (e) {
      if (isConditionFailed(e)) return undefined;
      throw e;
    }
  }

  /** Drops `holder`'s reservation; nothing happens when someone else holds the book (or no one). */
  async release(agencyId: string, bookCode: string, year: number, holder: string): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(agencyId, bookCode, year),
        UpdateExpression: 'REMOVE #h, #lu',
        ConditionExpression: '#h = :h',
        ExpressionAttributeNames: { '#h': 'holder', '#lu': 'leaseUntil' },
        ExpressionAttributeValues: { ':h': holder },
      }));
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  /**
   * Transaction items: move the counter from `expected` to `expected + 1`, only for the holder of
   * its reservation, which the move ends, and write that register line.
   */
  takeNumberItems(agencyId: string, bookCode: string, year: number, expected: number, holder: string, line: Record<string, unknown>): TransactItem[] {
    const seq = expected + 1;
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.counter(agencyId, bookCode, year),
          UpdateExpression: 'SET #v = :next, agencyId = :a, bookCode = :b, #y = :y, #t = :t REMOVE #h, #lu',
          ConditionExpression: `${expected === 0 ? 'attribute_not_exists(#v)' : '#v = :expected'} AND #h = :holder`,
          ExpressionAttributeNames: { '#v': 'value', '#y': 'year', '#t': '_type', '#h': 'holder', '#lu': 'leaseUntil' },
          ExpressionAttributeValues: {
            ':next': seq,
            ':a': agencyId,
            ':b': bookCode,
            ':y': year,
            ':t': 'counter',
            ':holder': holder,
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
