import * as z from 'zod';
import { ENV } from '../../shared/runtime/config';
import { NotFoundError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { devIdentity } from '../../shared/runtime/dev-identity';

/**
 * POST /api/dev/login {"user"} → {token} — LOCAL STACK ONLY. The route is marked localOnly in the
 * route table, so the CDK stack never deploys it; the DEV_LOGIN guard makes sure of it twice, and
 * the dev users come from the local identity provider the local stack hands in.
 */
export const handler = httpHandler('dev-login', async ({ body }) => {
  const identity = devIdentity();
  if (process.env[ENV.devLogin] !== 'true' || !identity) throw new NotFoundError();
  // The contract takes any name (it is pure, the dev users are not); only seeded users get a token.
  const SeededUser = z.object({ user: z.enum(identity.users() as [string, ...string[]]) });
  const { user } = validate(SeededUser, body);
  const result = await identity.login(user);
  if (!result) throw new NotFoundError();
  return json(200, result);
});
