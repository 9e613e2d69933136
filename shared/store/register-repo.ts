import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegisterEntrySchema, RegisterSchema, type Register, type RegisterEntry } from '../domain/register';
import { keys } from './keys';
import { stripKeys } from './request-repo';

/** Master registers (sổ gốc) and their entries. */
export class RegisterRepository {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(registerId: string): Promise<Register | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.register(registerId) }));
    return r.Item ? RegisterSchema.parse(stripKeys(r.Item)) : undefined;
  }

  async entry(registerId: string, entryNo: string): Promise<RegisterEntry | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.registerEntry(registerId, entryNo), ConsistentRead: true }));
    return r.Item ? RegisterEntrySchema.parse(stripKeys(r.Item)) : undefined;
  }
}
