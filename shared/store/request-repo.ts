import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { RequestRecordSchema, OriginalSchema, type Original, type RequestRecord } from '../domain/request';
import type { RequestStatus } from '../domain/request-state';
import { keys } from './keys';
import { decodeCursor, encodeCursor, type Page } from './pagination';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const STORAGE_KEYS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', '_type', 'ttl'];

/** Strips storage keys from an item. */
export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!STORAGE_KEYS.includes(k)) out[k] = v;
  return out;
}

/**
 * Requests and their originals (key design in table.ts). Every write of a request is a whole-item
 * Put guarded by the status and `updatedAt` it was read with (optimistic concurrency), so two
 * officials acting at once cannot both move the same request, and the index keys stay in step.
 */
export class RequestRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored item (with index keys) for a request record. */
  itemOf(r: RequestRecord): Record<string, unknown> {
    // The agency queue sorts open requests by due time (oldest due first), others by creation.
    const queueSort = r.status === 'submitted' && r.dueAt ? r.dueAt : r.createdAt;
    return {
      ...keys.request(r.id),
      ...keys.citizenRequests(r.citizenId, r.createdAt, r.id),
      ...keys.agencyQueue(r.agencyId, r.status, queueSort, r.id),
      _type: 'request',
      ...r,
    };
  }

  async get(id: string): Promise<RequestRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.request(id), ConsistentRead: true }));
    return res.Item ? RequestRecordSchema.parse(stripKeys(res.Item)) : undefined;
  }

  /** Transaction item creating a new request (fails if the id exists). */
  createItem(r: RequestRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: this.itemOf(r), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Transaction item replacing a request read earlier as `previous` (fails if it moved since). */
  replaceItem(next: RequestRecord, previous: Pick<RequestRecord, 'status' | 'updatedAt'>): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: this.itemOf(next),
        ConditionExpression: '#s = :s AND updatedAt = :u',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': previous.status, ':u': previous.updatedAt },
      },
    };
  }

  /** A citizen's requests, newest first. */
  async listByCitizen(citizenId: string, page: { limit: number; cursor?: string; status?: RequestStatus }): Promise<Page<RequestRecord>> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ...(page.status ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } } : {}),
        ExpressionAttributeValues: { ':pk': `CIT#${citizenId}`, ...(page.status ? { ':s': page.status } : {}) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { partitionKey: 'GSI1PK', partitionValue: `CIT#${citizenId}`, sortKey: 'GSI1SK' }),
      }),
    );
    return { items: (res.Items ?? []).map((i) => RequestRecordSchema.parse(stripKeys(i))), nextCursor: encodeCursor(res.LastEvaluatedKey) };
  }

  /** An agency's requests in one status; submitted ones oldest due first, the others oldest first. */
  async listByAgency(agencyId: string, status: RequestStatus, page: { limit: number; cursor?: string; newestFirst?: boolean }): Promise<Page<RequestRecord>> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': `AGY#${agencyId}#${status}` },
        ScanIndexForward: !page.newestFirst,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { partitionKey: 'GSI2PK', partitionValue: `AGY#${agencyId}#${status}`, sortKey: 'GSI2SK' }),
      }),
    );
    return { items: (res.Items ?? []).map((i) => RequestRecordSchema.parse(stripKeys(i))), nextCursor: encodeCursor(res.LastEvaluatedKey) };
  }

  /**
   * The next sequence number of the day's request codes for `prefix`: one atomic ADD, so callers
   * at the same time each get their own number (DynamoDB serialises updates of one item). A
   * request whose creation then fails leaves a gap, never a duplicate.
   */
  async nextCodeSeq(prefix: string, isoDay: string): Promise<number> {
    const res = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.requestCodeCounter(prefix, isoDay),
        UpdateExpression: 'ADD #v :one SET #t = :t',
        ExpressionAttributeNames: { '#v': 'value', '#t': '_type' },
        ExpressionAttributeValues: { ':one': 1, ':t': 'request-code-counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value: unknown = res.Attributes?.value;
    if (typeof value !== 'number') throw new Error('request code counter returned no value');
    return value;
  }

  /** Transaction item pointing a request's code at its id (fails if the code is taken: a code names one request). */
  codeItem(code: string, requestId: string, agencyId: string): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...keys.requestCode(code), _type: 'request-code', code, requestId, agencyId }, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** The id of the request with this code, if any. */
  async idByCode(code: string): Promise<string | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.requestCode(code), ConsistentRead: true }));
    return typeof res.Item?.requestId === 'string' ? res.Item.requestId : undefined;
  }

  /** Transaction item adding an original (declared; inspected at submit). */
  originalItem(requestId: string, o: Original): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.original(requestId, o.originalId), _type: 'original', requestId, ...o },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /** The originals of a request in upload order. */
  async originals(requestId: string): Promise<Original[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': `REQ#${requestId}`, ':sk': 'ORIG#' },
        ConsistentRead: true,
      }),
    );
    return (res.Items ?? []).map((i) => OriginalSchema.parse(stripKeys(i))).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.originalId.localeCompare(b.originalId));
  }
}
