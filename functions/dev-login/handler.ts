import * as z from 'zod';
import { ENV, requireEnv } from '../../shared/config';
import { NotFoundError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { loadDevAuth, type DevAuth } from '../../infra/local/dev-auth';
import { claimsOf, DEV_USERS } from '../../infra/local/seed-data';

/**
 * POST /api/dev/login {"user"} → {token} — LOCAL STACK ONLY. The route is marked localOnly in the
 * route table, so the CDK stack never deploys it; the DEV_LOGIN guard makes sure of it twice.
 */
// The contract takes any name (it is pure, the seed data is not); only seeded users get a token.
const SeededUser = z.object({ user: z.enum(DEV_USERS.map((u) => u.user) as [string, ...string[]]) });
let auth: Promise<DevAuth> | undefined;

export const handler = httpHandler('dev-login', async ({ body }) => {
  if (process.env[ENV.devLogin] !== 'true') throw new NotFoundError();
  const { user } = validate(SeededUser, body);
  const devUser = DEV_USERS.find((u) => u.user === user)!;
  auth ??= loadDevAuth(requireEnv(ENV.localAuthDir));
  const token = await (await auth).mint(claimsOf(devUser));
  return json(200, { token, user: devUser.user, role: devUser.role, name: devUser.name, agencyId: devUser.agencyId, citizenId: devUser.citizenId });
});
