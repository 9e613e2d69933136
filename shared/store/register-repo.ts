import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { RegisterEntrySchema, RegisterSchema, searchKey, searchRank, searchWords, type Register, type RegisterEntry } from '../domain/register';
import { keys } from './keys';
import { stripKeys } from './request-repo';
import { ConditionFailedError, transact } from './transact';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit of items per transaction. */
const TRANSACTION_LIMIT = 100;

/**
 * Master registers (sổ gốc) and their entries: PK REG#{id}, entries under SK ENTRY#{entryNo}.
 * Each entry carries `searchText` (its number and values without diacritics) for search.
 */
export class RegisterRepository {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(registerId: string): Promise<Register | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.register(registerId) }));
    return r.Item ? RegisterSchema.parse(stripKeys(r.Item)) : undefined;
  }

  /** The registers an agency holds. */
  async listByAgency(agencyId: string): Promise<Register[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `AGY#${agencyId}#REGS` },
      }),
    );
    return (r.Items ?? []).map((i) => RegisterSchema.parse(stripKeys(i)));
  }

  async entry(registerId: string, entryNo: string): Promise<RegisterEntry | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.registerEntry(registerId, entryNo), ConsistentRead: true }));
    return r.Item ? RegisterEntrySchema.parse(stripKeys(r.Item)) : undefined;
  }

  /** Transaction item adding an entry; fails if the number is taken. */
  entryItem(e: RegisterEntry, meta: { createdAt: string; createdBy: string }): TransactItem {
    const searchText = searchKey([e.entryNo, ...Object.values(e.data)].join(' '));
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.registerEntry(e.registerId, e.entryNo), _type: 'register-entry', ...e, searchText, ...meta },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /**
   * Adds many entries, each one atomically: chunks of 100 per transaction; when some numbers are
   * already taken, those entries are reported and the rest of the chunk is written again.
   */
  async addEntries(entries: RegisterEntry[], meta: { createdAt: string; createdBy: string }): Promise<{ added: number; taken: RegisterEntry[] }> {
    let added = 0;
    const taken: RegisterEntry[] = [];
    for (let i = 0; i < entries.length; i += TRANSACTION_LIMIT) {
      let chunk = entries.slice(i, i + TRANSACTION_LIMIT);
      while (chunk.length > 0) {
        try {
          await transact(this.db, chunk.map((e) => this.entryItem(e, meta)));
          added += chunk.length;
          break;
        } catch (err) {
          if (!(err instanceof ConditionFailedError)) throw err;
          const failed = new Set(err.failed);
          taken.push(...chunk.filter((_, k) => failed.has(k)));
          chunk = chunk.filter((_, k) => !failed.has(k));
        }
      }
    }
    return { added, taken };
  }

  /**
   * Entries matching `q` word by word (diacritics and case ignored, `searchRank`), best first: the
   * whole name before entries that only share its words, up to `limit`.
   */
  async search(registerId: string, q: string, limit: number): Promise<RegisterEntry[]> {
    const words = searchWords(q);
    const found: { entry: RegisterEntry; rank: number }[] = [];
    let start: Record<string, unknown> | undefined;
    // DynamoDB narrows to entries holding every word somewhere; searchRank then keeps those where
    // each word begins a word of the entry, and orders them.
    const filter = words.map((_, i) => `contains(searchText, :w${i})`).join(' AND ');
    const values = Object.fromEntries(words.map((w, i) => [`:w${i}`, w]));
    // Bounded scan of one register's partition; registers hold thousands, not millions, of lines.
    for (let page = 0; page < 20 && found.length < limit; page++) {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ...(filter ? { FilterExpression: filter } : {}),
          ExpressionAttributeValues: { ':pk': `REG#${registerId}`, ':sk': 'ENTRY#', ...values },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) {
        const entry = RegisterEntrySchema.parse(stripKeys(item));
        const rank = searchRank([entry.entryNo, ...Object.values(entry.data)], q);
        if (rank !== undefined) found.push({ entry, rank });
      }
      start = r.LastEvaluatedKey;
      if (!start) break;
    }
    return found
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((f) => f.entry);
  }
}
