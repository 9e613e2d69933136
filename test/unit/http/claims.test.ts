import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { groupsOf, principalOf } from '../../../shared/http/claims';

const eventWith = (claims?: Record<string, unknown>) =>
  ({ requestContext: claims ? { authorizer: { jwt: { claims } } } : {} }) as unknown as APIGatewayProxyEventV2;

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
});
