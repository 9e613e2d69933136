import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BookLineSchema, openBookNo, type BookLine, type BookVolume } from '../domain/book';
import { keys } from './keys';
import { queryAll } from './pagination';
import { ConditionFailedError, transact } from './transact';

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

  /** The books of the year, open and closed (Decree 23/2015 Art. 13(2): a year may have several). */
  async volumes(agencyId: string, bookCode: string, year: number): Promise<BookVolume[]> {
    const items = await this.queryAll(`VOL#${agencyId}#${bookCode}#${year}`, 'VOL#');
    return items.map((i) => ({
      bookNo: Number(i.bookNo),
      ...(typeof i.closedAt === 'string' ? { closedAt: i.closedAt } : {}),
      ...(typeof i.closedBy === 'string' ? { closedBy: i.closedBy } : {}),
      ...(typeof i.total === 'number' ? { total: i.total } : {}),
      ...(typeof i.firstNumber === 'number' ? { firstNumber: i.firstNumber } : {}),
      ...(typeof i.lastNumber === 'number' ? { lastNumber: i.lastNumber } : {}),
      ...(typeof i.documentId === 'string' ? { documentId: i.documentId } : {}),
      ...(typeof i.verifyCode === 'string' ? { verifyCode: i.verifyCode } : {}),
    }));
  }

  /** The book of the year new lines go into: the one after the last closed book. */
  async openBook(agencyId: string, bookCode: string, year: number): Promise<number> {
    return openBookNo(await this.volumes(agencyId, bookCode, year));
  }

  /**
   * Transaction item: book `bookNo` is still open. Added to an issuance, so that a line is never
   * written into a book closed since its number was read (the commit then fails and is retried).
   */
  openCheckItem(agencyId: string, bookCode: string, year: number, bookNo: number): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.bookVolume(agencyId, bookCode, year, bookNo),
        ConditionExpression: 'attribute_not_exists(closedAt)',
      },
    };
  }

  /**
   * The lines of the year, in number order. Lines written before books were numbered carry no
   * `bookNo`: they are book 1. Columns added later read as '' or 0 on older lines.
   */
  async lines(agencyId: string, bookCode: string, year: number): Promise<BookLine[]> {
    const items = await this.queryAll(`BOOK#${agencyId}#${bookCode}#${year}`, 'SEQ#');
    return items.map((i) =>
      BookLineSchema.parse({
        number: i.seq,
        bookNo: typeof i.bookNo === 'number' ? i.bookNo : 1,
        date: i.issuedAt,
        requesterName: i.requesterName ?? '',
        requesterIdNo: i.requesterIdNo ?? '',
        documentName: i.documentName ?? '',
        pages: i.pages ?? 0,
        copies: i.copies ?? 1,
        signerName: i.signerName ?? '',
        signerTitle: i.signerTitle ?? '',
        fee: i.fee ?? 0,
        note: i.note ?? '',
        kind: i.kind,
        documentId: i.documentId,
        verifyCode: i.verifyCode,
        requestId: i.requestId,
      }),
    );
  }

  /**
   * Transaction items closing book `volume.bookNo` (Art. 14(1)): the counter still stands at the
   * book's last number (no line was written meanwhile), and the book is recorded closed with its
   * total and signed PDF, once.
   */
  closeItems(agencyId: string, bookCode: string, year: number, lastSeq: number, volume: Required<Pick<BookVolume, 'bookNo' | 'closedAt' | 'closedBy' | 'total' | 'documentId' | 'verifyCode'>> & BookVolume): TransactItem[] {
    return [
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.counter(agencyId, bookCode, year),
          ConditionExpression: lastSeq === 0 ? 'attribute_not_exists(#v)' : '#v = :last',
          ExpressionAttributeNames: { '#v': 'value' },
          ...(lastSeq === 0 ? {} : { ExpressionAttributeValues: { ':last': lastSeq } }),
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.bookVolume(agencyId, bookCode, year, volume.bookNo), _type: 'book-volume', agencyId, bookCode, year, ...volume },
          ConditionExpression: 'attribute_not_exists(closedAt)',
        },
      },
    ];
  }

  /**
   * Closes a book in one transaction with `documentItems` (the closed book's PDF as an issued
   * document, its verify code, its audit line). Rejects with BookMovedError when a line was written
   * or the book was closed since it was read; nothing is recorded then.
   */
  async close(agencyId: string, bookCode: string, year: number, lastSeq: number, volume: Parameters<RegisterBookRepository['closeItems']>[4], documentItems: TransactItem[]): Promise<void> {
    try {
      await transact(this.db, [...this.closeItems(agencyId, bookCode, year, lastSeq, volume), ...documentItems]);
    } catch (e) {
      if (e instanceof ConditionFailedError) throw new BookMovedError({ cause: e });
      throw e;
    }
  }

  private queryAll(pk: string, skPrefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
      ConsistentRead: true,
    });
  }
}

/** The book got a line or was closed since it was read. */
export class BookMovedError extends Error {
  constructor(options?: ErrorOptions) {
    super('The book changed since it was read', options);
    this.name = 'BookMovedError';
  }
}
