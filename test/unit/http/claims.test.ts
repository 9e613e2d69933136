import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { groupsOf, principalOf } from '../../../shared/http/claims';

/** What every verified token carries besides the caller: as numbers (local gateway). */
const now = Math.floor(Date.now() / 1000);
const lifetime = { iat: now - 60, exp: now + 3600, token_use: 'id' };
const eventWith = (claims?: Record<string, unknown>) =>
  ({ requestContext: claims ? { authorizer: { jwt: { claims: { ...lifetime, ...claims } } } } : {} }) as unknown as APIGatewayProxyEventV2;
const eventWithExactly = (claims: Record<string, unknown>) => ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('Function: principalOf', () => {
  it('reads the role from cognito:groups as an array (local gateway)', () => {
    const p = principalOf(eventWith({ sub: 'u1', 'cognito:groups': ['official'], 'custom:agencyId': 'a1' }));
    expect(p).toEqual({ sub: 'u1', role: 'official', agencyId: 'a1', citizenId: undefined, name: undefined });
  });

  it('reads the role from the flattened string API Gateway sends', () => {
    expect(groupsOf('[citizen]')).toEqual(['citizen']);
    expect(groupsOf('[admin official]')).toEqual(['admin', 'official']);
    const p = principalOf(eventWith({ sub: 'u2', 'cognito:groups': '[citizen]', 'custom:citizenId': '001090012345' }));
    expect(p?.role).toBe('citizen');
    expect(p?.citizenId).toBe('001090012345');
  });

  it('gives no principal without claims, without sub, or without a known role', () => {
    expect(principalOf(eventWith())).toBeUndefined();
    expect(principalOf(eventWith({ 'cognito:groups': ['admin'] }))).toBeUndefined();
    expect(principalOf(eventWith({ sub: 'x', 'cognito:groups': ['superuser'] }))).toBeUndefined();
  });

  it('reads exp and iat given as strings, the way API Gateway hands every claim over', () => {
    const p = principalOf(eventWithExactly({ sub: 'u3', 'cognito:groups': '[citizen]', iat: String(now - 60), exp: String(now + 3600), token_use: 'id' }));
    expect(p?.sub).toBe('u3');
  });

  it.each([
    ['without exp (a token that never lapses)', { exp: undefined }],
    ['without iat', { iat: undefined }],
    ['without token_use', { token_use: undefined }],
    ['with an access token (token_use access)', { token_use: 'access' }],
    ['with an exp already past', { exp: now - 1 }],
    ['with an exp that is not a date', { exp: 'never' }],
  ])('gives no principal %s', (_what, change) => {
    const claims: Record<string, unknown> = { sub: 'u4', 'cognito:groups': ['admin'], ...lifetime, ...change };
    for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
    expect(principalOf(eventWithExactly(claims))).toBeUndefined();
  });
});
