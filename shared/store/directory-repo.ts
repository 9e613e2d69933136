import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from './keys';
import { stripKeys } from './request-repo';

export const AgencySchema = z.object({
  id: z.string(),
  name: z.string(),
  parentName: z.string().optional(),
  kind: z.enum(['commune', 'school', 'receiver']),
  province: z.string().optional(),
});
export type Agency = z.infer<typeof AgencySchema>;

export const UserProfileSchema = z.object({
  sub: z.string(),
  role: z.string(),
  fullName: z.string(),
  /** A position for display only: the title printed on a copy comes from the agency's signer record (shared/domain/signers.ts). */
  title: z.string().optional(),
  agencyId: z.string().optional(),
  citizenId: z.string().optional(),
  /** Officials: the signing identity (personal certificate) used when they certify. */
  signingIdentity: z.string().optional(),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

/** Agencies and user profiles (officials' names, titles and signing identities). Cached per process. */
export class DirectoryRepository {
  private readonly agencies = new Map<string, Promise<Agency | undefined>>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  agency(id: string): Promise<Agency | undefined> {
    let hit = this.agencies.get(id);
    if (!hit) {
      hit = this.db
        .send(new GetCommand({ TableName: this.tableName, Key: keys.agency(id) }))
        .then((r) => {
          // Only agencies that exist are cached: unknown ids (hostile input) must not grow the cache.
          if (!r.Item) this.agencies.delete(id);
          return r.Item ? AgencySchema.parse(stripKeys(r.Item)) : undefined;
        });
      hit.catch(() => this.agencies.delete(id));
      this.agencies.set(id, hit);
    }
    return hit;
  }

  async user(sub: string): Promise<UserProfile | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(sub) }));
    return r.Item ? UserProfileSchema.parse(stripKeys(r.Item)) : undefined;
  }
}

/** All agencies (a province has hundreds, not millions): the public list for choosing where to file. */
export async function listAgencies(db: DynamoDBDocumentClient, tableName: string): Promise<Agency[]> {
  const r = await db.send(
    new QueryCommand({ TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'AGENCIES' } }),
  );
  return (r.Items ?? []).map((i) => AgencySchema.parse(stripKeys(i)));
}
