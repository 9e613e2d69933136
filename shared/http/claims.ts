import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RoleSchema, type Principal, type Role } from '../domain/roles';

/** The JWT claims API Gateway's authorizer (or the local gateway) put on the event. */
export function claimsOf(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const ctx = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  return ctx.authorizer?.jwt?.claims;
}

/**
 * `cognito:groups` arrives as an array from our local gateway and as the string "[a b]" from
 * API Gateway's JWT authorizer (it flattens array claims); accept both.
 */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  }
  return [];
}

/** The caller, or undefined when the event carries no verified claims or no known role. */
export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = claimsOf(event);
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const role = groupsOf(claims['cognito:groups']).find((g): g is Role => RoleSchema.safeParse(g).success);
  if (!role) return undefined;
  const str = (k: string) => (typeof claims[k] === 'string' && claims[k] !== '' ? (claims[k] as string) : undefined);
  return {
    sub: claims.sub,
    role,
    agencyId: str('custom:agencyId'),
    citizenId: str('custom:citizenId'),
    name: str('name'),
  };
}
