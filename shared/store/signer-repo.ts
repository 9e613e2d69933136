import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AgencySignerSchema, type AgencySigner } from '../domain/signers';
import { keys } from './keys';
import { queryAll } from './pagination';
import { stripKeys } from './request-repo';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An agency's signer records (Decree 23 Art. 5 as amended), under the agency's partition. Records
 * are written once and only ever ended (a `validTo`), never deleted: old copies name their signer.
 */
export class SignerRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every record of the agency, current and past (an agency has a handful). */
  async list(agencyId: string): Promise<AgencySigner[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.agencySigner(agencyId, '').PK, ':sk': 'SIGNER#' },
      ConsistentRead: true,
    });
    return items.map((i) => AgencySignerSchema.parse(stripKeys(i)));
  }

  /** Transaction item adding a record (fails if the id exists). */
  createItem(s: AgencySigner): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...keys.agencySigner(s.agencyId, s.signerId), _type: 'agency-signer', ...s }, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Transaction item ending a record that is still open (fails if someone ended it meanwhile). */
  endItem(s: AgencySigner, end: Required<Pick<AgencySigner, 'validTo' | 'endedAt' | 'endedBy'>>): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.agencySigner(s.agencyId, s.signerId),
        UpdateExpression: 'SET validTo = :to, endedAt = :at, endedBy = :by',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(validTo)',
        ExpressionAttributeValues: { ':to': end.validTo, ':at': end.endedAt, ':by': end.endedBy },
      },
    };
  }
}
