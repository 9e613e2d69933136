import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { searchKey } from '../../shared/domain/register';
import { keys } from '../../shared/store/keys';
import type { AgencySigner } from '../../shared/domain/signers';
import { DEV_USERS, SEED_AGENCIES, SEED_REGISTERS, SEED_SIGNERS } from './seed-data';

/** Writes the seed; agencies, users and registers are refreshed, entries only added when absent. */
export async function seed(db: DynamoDBDocumentClient, tableName: string): Promise<{ agencies: number; users: number; entries: number }> {
  const put = (Item: Record<string, unknown>, onlyIfAbsent = false) =>
    db
      .send(
        new PutCommand({
          TableName: tableName,
          Item,
          ...(onlyIfAbsent ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
        }),
      )
      .catch((e: { name?: string }) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e;
      });

  await Promise.all(
    SEED_AGENCIES.map((a) => put({ ...keys.agency(a.id), ...keys.agencyIndex(a.id), _type: 'agency', ...a })),
  );
  await Promise.all(
    DEV_USERS.map((u) =>
      put({
        ...keys.user(u.sub),
        _type: 'user',
        sub: u.sub,
        role: u.role,
        fullName: u.name,
        agencyId: u.agencyId,
        citizenId: u.citizenId,
        // Which dev-PKI identity signs for this official (its personal certificate).
        signingIdentity: u.role === 'official' ? u.sub : undefined,
      }),
    ),
  );
  await Promise.all(
    SEED_SIGNERS.map((s) => {
      const u = DEV_USERS.find((d) => d.user === s.user)!;
      const record: AgencySigner = {
        signerId: s.signerId, agencyId: u.agencyId!, userSub: u.sub, fullName: u.name, title: s.title, basis: s.basis,
        validFrom: new Date(s.validFrom).toISOString(), recordedAt: new Date(s.validFrom).toISOString(), recordedBy: { sub: 'seed', role: 'admin' },
      };
      // Only when absent: an admin may have ended or replaced the record since.
      return put({ ...keys.agencySigner(record.agencyId, record.signerId), _type: 'agency-signer', ...record }, true);
    }),
  );
  let entries = 0;
  for (const r of SEED_REGISTERS) {
    const { entries: list, ...register } = r;
    await put({ ...keys.register(r.id), ...keys.agencyRegisters(r.agencyId, r.id), _type: 'register', ...register });
    for (const e of list) {
      const searchText = searchKey([e.entryNo, ...Object.values(e.data)].join(' '));
      await put({ ...keys.registerEntry(r.id, e.entryNo), _type: 'register-entry', registerId: r.id, ...e, searchText }, true);
      entries++;
    }
  }
  return { agencies: SEED_AGENCIES.length, users: DEV_USERS.length, entries };
}
