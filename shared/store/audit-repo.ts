import { QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { AuditEntrySchema, type AuditEntry } from '../domain/audit';
import { keys } from './keys';
import { stripKeys } from './request-repo';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The audit trail: append-only items under the request (or document) they belong to. No route
 * updates or deletes them; each is written with attribute_not_exists so it is never overwritten.
 */
export class AuditRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Transaction item appending one entry to the trail of `ownerPk` (e.g. `REQ#<id>`). */
  appendItem(ownerPk: string, entry: AuditEntry): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.audit(ownerPk, entry.at, randomBytes(4).toString('hex')), _type: 'audit', ...AuditEntrySchema.parse(entry) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /** The trail of `ownerPk`, oldest first. */
  async history(ownerPk: string): Promise<AuditEntry[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': ownerPk, ':sk': 'AUDIT#' },
        ConsistentRead: true,
      }),
    );
    return (res.Items ?? []).map((i) => AuditEntrySchema.parse(stripKeys(i)));
  }
}
