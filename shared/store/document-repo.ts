import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DocumentRecordSchema, type DocumentRecord } from '../domain/document';
import { keys } from './keys';
import { decodeCursor, encodeCursor, type Page } from './pagination';
import { stripKeys } from './request-repo';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How far back the renewal looks for copies it should have renewed already (a run that failed for months). */
export const LTV_LOOKBACK_MONTHS = 12;

/** The months (YYYY-MM) from `from` to `to`, both included. */
function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (let at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); at <= to; at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))) {
    months.push(at.toISOString().slice(0, 7));
  }
  return months;
}

export const ShareSchema = z.object({
  token: z.string(),
  /**
   * A non-secret handle the owner's list and revoke route use, so that no full token has to be
   * listed. Links made before lists existed have none (and no index entry): they are not listed
   * and lapse within their 30 days at most.
   */
  id: z.string().optional(),
  documentId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});
export type Share = z.infer<typeof ShareSchema>;

/** Issued documents, their verify codes, share links and the public revocation list. */
export class DocumentRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  itemOf(d: DocumentRecord): Record<string, unknown> {
    return {
      ...keys.document(d.id),
      // A closed book's PDF belongs to no citizen's list.
      ...(d.citizenId ? { GSI1PK: `CIT#${d.citizenId}#DOCS`, GSI1SK: `${d.issuedAt}#${d.id}` } : {}),
      // Sparse index: only revoked documents are in the public list.
      ...(d.revocation ? { GSI2PK: 'REVOKED', GSI2SK: `${d.revocation.at}#${d.id}` } : {}),
      _type: 'document',
      ...d,
    };
  }

  /** Transaction items creating a document and its verify-code pointer (both must be new), and its renewal due date if B-LTA. */
  createItems(d: DocumentRecord): TransactItem[] {
    return [
      ...(d.ltv ? [{ Put: { TableName: this.tableName, Item: this.ltvDueItem(d.id, d.ltv.tsaCertNotAfter) } }] : []),
      { Put: { TableName: this.tableName, Item: this.itemOf(d), ConditionExpression: 'attribute_not_exists(PK)' } },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.verifyCode(d.verifyCode), _type: 'verify-code', documentId: d.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
  }

  /** Transaction item replacing a document read earlier with status `previousStatus`. */
  replaceItem(next: DocumentRecord, previousStatus: DocumentRecord['status']): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: this.itemOf(next),
        ConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': previousStatus },
      },
    };
  }

  private ltvDueItem(documentId: string, notAfter: string): Record<string, unknown> {
    return { ...keys.ltvDue(notAfter, documentId), _type: 'ltv-due', documentId, notAfter };
  }

  /**
   * Copies whose newest time-stamp's TSA certificate expires by `before` (docs/long-term-validation.md
   * "Renewal"): one Query per month of expiry from `LTV_LOOKBACK_MONTHS` before `now` (overdue ones,
   * e.g. after a failed run) to `before`, at most `limit` copies, soonest expiry first.
   */
  async dueForRenewal(before: Date, now: Date, limit: number): Promise<DocumentRecord[]> {
    const ids: string[] = [];
    const until = `${before.toISOString()}~`;
    for (const month of monthsBetween(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - LTV_LOOKBACK_MONTHS, 1)), before)) {
      let start: Record<string, unknown> | undefined;
      do {
        const r = await this.db.send(new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK <= :until',
          ExpressionAttributeValues: { ':pk': `LTVDUE#${month}`, ':until': until },
          Limit: limit - ids.length,
          ExclusiveStartKey: start,
        }));
        ids.push(...(r.Items ?? []).map((i) => String(i.documentId)));
        start = r.LastEvaluatedKey;
      } while (start && ids.length < limit);
      if (ids.length >= limit) break;
    }
    const docs = await Promise.all(ids.map((id) => this.get(id)));
    return docs.filter((d): d is DocumentRecord => d !== undefined);
  }

  /**
   * Records a renewal: the document with its new version, its due date moved — only if no other
   * run renewed it meanwhile (same newest expiry and number of renewals as read).
   */
  async recordRenewal(previous: DocumentRecord, next: DocumentRecord): Promise<void> {
    const before = previous.ltv!;
    const after = next.ltv!;
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: this.itemOf(next),
            ConditionExpression: 'ltv.tsaCertNotAfter = :n AND size(ltv.renewals) = :r',
            ExpressionAttributeValues: { ':n': before.tsaCertNotAfter, ':r': before.renewals.length },
          },
        },
        // A TransactWrite may touch an item once: when the TSA's certificate is the same one, the
        // pointer keeps its key and is only written again.
        ...(before.tsaCertNotAfter === after.tsaCertNotAfter
          ? []
          : [{ Delete: { TableName: this.tableName, Key: keys.ltvDue(before.tsaCertNotAfter, previous.id) } }]),
        { Put: { TableName: this.tableName, Item: this.ltvDueItem(next.id, after.tsaCertNotAfter) } },
      ],
    }));
  }

  async get(id: string): Promise<DocumentRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.document(id), ConsistentRead: true }));
    return r.Item ? DocumentRecordSchema.parse(stripKeys(r.Item)) : undefined;
  }

  /** The document a verify code points to (exact match only: codes are not enumerable). */
  async byVerifyCode(code: string): Promise<DocumentRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.verifyCode(code), ConsistentRead: true }));
    const documentId = r.Item?.documentId;
    return typeof documentId === 'string' ? this.get(documentId) : undefined;
  }

  /** Revoked documents, newest first. */
  async revoked(page: { limit: number; cursor?: string }): Promise<Page<DocumentRecord>> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': 'REVOKED' },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { partitionKey: 'GSI2PK', partitionValue: 'REVOKED', sortKey: 'GSI2SK' }),
      }),
    );
    return { items: (r.Items ?? []).map((i) => DocumentRecordSchema.parse(stripKeys(i))), nextCursor: encodeCursor(r.LastEvaluatedKey) };
  }

  /** Transaction item creating a share link; DynamoDB TTL removes it some time after expiry. */
  shareItem(s: Share): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.share(s.token),
          ...(s.id ? keys.documentShares(s.documentId, s.createdAt, s.id) : {}),
          _type: 'share',
          ...s,
          ttl: Math.ceil(Date.parse(s.expiresAt) / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /**
   * Transaction item that holds only while the document is still `valid`: a share written in the
   * same transaction cannot slip in after a revocation that commits first.
   */
  validDocumentCheck(documentId: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.document(documentId),
        ConditionExpression: '#s = :valid',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':valid': 'valid' },
      },
    };
  }

  /** Transaction item withdrawing a link of `documentId` that is not withdrawn yet. */
  revokeShareItem(token: string, documentId: string, at: string, by: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.share(token),
        UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
        ConditionExpression: 'attribute_exists(PK) AND documentId = :doc AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at, ':by': by, ':doc': documentId },
      },
    };
  }

  /**
   * A share that exists, has not expired at `now` and was not withdrawn by its owner (TTL
   * deletion is lazy, so expiry is checked here).
   */
  async share(token: string, now: Date): Promise<Share | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.share(token), ConsistentRead: true }));
    if (!r.Item) return undefined;
    const share = ShareSchema.parse(stripKeys(r.Item));
    return Date.parse(share.expiresAt) > now.getTime() && !share.revokedAt ? share : undefined;
  }

  /**
   * A document's share links, newest first, whatever their state (expired ones until TTL removes
   * them). Read from the index, so a link made a moment ago may be missing for a moment in AWS.
   */
  async sharesOf(documentId: string, limit = 100): Promise<Share[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `DOC#${documentId}#SHARES` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((i) => ShareSchema.parse(stripKeys(i)));
  }

  /** One of a document's share links by its `id` (every page of the index is searched). */
  async shareOf(documentId: string, shareId: string): Promise<Share | undefined> {
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          FilterExpression: 'id = :id',
          ExpressionAttributeValues: { ':pk': `DOC#${documentId}#SHARES`, ':id': shareId },
          ExclusiveStartKey: start,
        }),
      );
      const found = r.Items?.[0];
      if (found) return ShareSchema.parse(stripKeys(found));
      start = r.LastEvaluatedKey;
    } while (start);
    return undefined;
  }

  /** Appends one verification by a signed-in verifier or official to a document's log. */
  async logVerification(documentId: string, entry: { at: string; verdict: string; via: 'file' | 'code'; verifierAgencyId?: string; verifierName?: string; rand: string }): Promise<void> {
    const { rand, ...rest } = entry;
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.verification(documentId, entry.at, rand), _type: 'verification', documentId, ...rest } }),
    );
  }

  /**
   * Counts one check by a caller who is not signed in, on the document's counter for `day`: an
   * atomic ADD on one item, so that any number of anonymous checks is one item per day and never
   * crowds the signed-in verifiers out of the log.
   */
  async countAnonymousVerification(documentId: string, day: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.anonymousVerifications(documentId, day),
        UpdateExpression: 'SET #t = :t, documentId = :doc, #day = :day ADD #n :one',
        ExpressionAttributeNames: { '#t': '_type', '#day': 'day', '#n': 'count' },
        ExpressionAttributeValues: { ':t': 'anonymous-verifications', ':doc': documentId, ':day': day, ':one': 1 },
      }),
    );
  }

  /** A document's log of signed-in verifications, newest first, page by page. */
  async verifications(documentId: string, page: { limit: number; cursor?: string }): Promise<Page<Record<string, unknown>>> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': `DOC#${documentId}`, ':sk': 'VERIFY#' },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { partitionKey: 'PK', partitionValue: `DOC#${documentId}`, sortKey: 'SK', sortPrefix: 'VERIFY#' }),
      }),
    );
    return { items: (r.Items ?? []).map(stripKeys), nextCursor: encodeCursor(r.LastEvaluatedKey) };
  }

  /** The anonymous checks of a document per day, for the days `fromDay`..`toDay` (YYYY-MM-DD), newest first. */
  async anonymousVerificationDays(documentId: string, fromDay: string, toDay: string): Promise<{ day: string; count: number }[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `DOC#${documentId}`, ':from': `VANON#${fromDay}`, ':to': `VANON#${toDay}` },
        ScanIndexForward: false,
      }),
    );
    return (r.Items ?? []).map((i) => ({ day: String(i.day), count: Number(i.count) }));
  }
}
