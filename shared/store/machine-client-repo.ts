import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MachineClientSchema, type MachineClient } from '../domain/machine-client';
import { keys } from './keys';
import { stripKeys } from './request-repo';

/** Receiving agencies' registered systems: PK CLIENT#{clientId}, listed per agency on GSI1. */
export class MachineClientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(clientId: string): Promise<MachineClient | undefined> {
    // Consistent: a client disabled a moment ago must be refused at once.
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.machineClient(clientId), ConsistentRead: true }));
    return r.Item ? MachineClientSchema.parse(stripKeys(r.Item)) : undefined;
  }

  async put(client: MachineClient): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.machineClient(client.clientId), ...keys.agencyClients(client.agencyId, client.clientId), _type: 'machine-client', ...client },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async listByAgency(agencyId: string): Promise<MachineClient[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `AGY#${agencyId}#CLIENTS` },
      }),
    );
    return (r.Items ?? []).map((i) => MachineClientSchema.parse(stripKeys(i)));
  }

  async disable(clientId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.machineClient(clientId),
        UpdateExpression: 'SET #s = :d, disabledAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':d': 'disabled', ':at': at },
      }),
    );
  }
}
