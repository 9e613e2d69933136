import { BadRequestError } from '../domain/errors';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Opaque page cursors: the DynamoDB LastEvaluatedKey, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The index a page was read from: a cursor must name a position in that very partition. */
export interface CursorScope {
  partitionKey: string;
  partitionValue: string;
  sortKey: string;
  /**
   * For a query on `begins_with(sortKey, …)`: the sort key must start with it, else DynamoDB
   * answers "outside query boundaries" (a ValidationException) to a key of a neighbouring range.
   */
  sortPrefix?: string;
}

/**
 * Decodes a cursor from a query string; a malformed one is a 400, not a 500. With `scope`, the
 * cursor must be a key of that index partition (table keys + index keys, nothing else): DynamoDB
 * answers a foreign start key with a ValidationException, which must not become a 500.
 */
export function decodeCursor(cursor: string | undefined, scope?: CursorScope): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length <= 6 && entries.every(([, v]) => typeof v === 'string') && (!scope || inScope(value as Record<string, string>, scope))) {
        return value as Record<string, unknown>;
      }
    }
  } catch {
    // fall through
  }
  throw new BadRequestError('Tham số cursor (trang tiếp theo) không hợp lệ.');
}

function inScope(key: Record<string, string>, scope: CursorScope): boolean {
  const names = Object.keys(key).sort();
  const expected = [...new Set(['PK', 'SK', scope.partitionKey, scope.sortKey])].sort();
  return (
    names.length === expected.length &&
    names.every((n, i) => n === expected[i]) &&
    key[scope.partitionKey] === scope.partitionValue &&
    (!scope.sortPrefix || key[scope.sortKey].startsWith(scope.sortPrefix))
  );
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Every item of a query, following LastEvaluatedKey page by page: for the few partitions the
 * service reads whole (an agency's signers, a year's book, a range of daily counters).
 */
export async function queryAll(db: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...((r.Items ?? []) as Record<string, unknown>[]));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
