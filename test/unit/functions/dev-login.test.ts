import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/dev-login/handler';
import { ENV } from '../../../shared/runtime/config';
import { useDevIdentity, type DevIdentity } from '../../../shared/runtime/dev-identity';

/**
 * POST /api/dev/login reads its users from the identity provider the local stack hands in
 * (shared/runtime/dev-identity.ts), not from infra/. Without one — anywhere but the local stack —
 * the route does not exist.
 */
const event = (body: unknown) =>
  ({
    version: '2.0',
    routeKey: 'POST /api/dev/login',
    rawPath: '/api/dev/login',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/api/dev/login', sourceIp: '127.0.0.1' }, requestId: 'r1' },
  }) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'dev-login', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const call = async (body: unknown) => (await handler(event(body), context)) as APIGatewayProxyStructuredResultV2;

const identity: DevIdentity = {
  users: () => ['citizen', 'official'],
  login: async (user) => ({ token: `token-of-${user}`, user, role: user, name: `Name of ${user}` }),
};

describe('Function: dev-login handler', () => {
  const saved = process.env[ENV.devLogin];
  afterEach(() => {
    if (saved === undefined) delete process.env[ENV.devLogin];
    else process.env[ENV.devLogin] = saved;
  });

  it('answers 404 when DEV_LOGIN is not set, even with an identity provider', async () => {
    useDevIdentity(identity);
    delete process.env[ENV.devLogin];
    expect((await call({ user: 'citizen' })).statusCode).toBe(404);
  });

  it('mints a token for a user of the handed-in identity provider', async () => {
    useDevIdentity(identity);
    process.env[ENV.devLogin] = 'true';
    const res = await call({ user: 'official' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ token: 'token-of-official', user: 'official', role: 'official', name: 'Name of official' });
  });

  it('refuses a name the identity provider does not know with 422', async () => {
    useDevIdentity(identity);
    process.env[ENV.devLogin] = 'true';
    expect((await call({ user: 'mallory' })).statusCode).toBe(422);
  });
});
