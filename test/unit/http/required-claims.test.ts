import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/requests-list/handler';

/**
 * In AWS the claims on the event come from API Gateway's JWT authorizer, which checks `exp` only
 * when a token has one and never looks at `token_use`: the handler stack refuses what it lets by.
 */
const now = Math.floor(Date.now() / 1000);
const citizen = { sub: 'c1', 'cognito:groups': '[citizen]', 'custom:citizenId': '001090012345', iat: String(now - 60), exp: String(now + 3600), token_use: 'id' };
const event = (claims: Record<string, unknown>) =>
  ({
    version: '2.0',
    routeKey: 'GET /api/requests',
    rawPath: '/api/requests',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/api/requests', sourceIp: '127.0.0.1' }, requestId: 'r1', authorizer: { jwt: { claims } } },
  }) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'requests-list', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const without = (name: string) => Object.fromEntries(Object.entries(citizen).filter(([k]) => k !== name));

describe('Function: the handler stack on claims from API Gateway', () => {
  it.each([
    ['without exp', without('exp')],
    ['without iat', without('iat')],
    ['without token_use', without('token_use')],
    ['of an access token', { ...citizen, token_use: 'access' }],
  ])('answers 401 problem+json to a token %s', async (_what, claims) => {
    // Act
    const res = (await handler(event(claims), context)) as APIGatewayProxyStructuredResultV2;
    // Assess
    expect(res.statusCode).toBe(401);
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body as string)).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(res.headers?.['cache-control']).toBe('no-store');
  });
});
