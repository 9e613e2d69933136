import { BadRequestError } from '../domain/errors';

/** Opaque page cursors: the DynamoDB LastEvaluatedKey, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** Decodes a cursor from a query string; a malformed one is a 400, not a 500. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length <= 6 && entries.every(([, v]) => typeof v === 'string')) return value as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  throw new BadRequestError('Tham số cursor (trang tiếp theo) không hợp lệ.');
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
