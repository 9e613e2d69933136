import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ENV } from '../runtime/config';
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
  return principalFromClaims(claimsOf(event));
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

/**
 * Public routes have no authorizer in API Gateway (an HTTP API cannot make one optional), yet a
 * signed-in verifier should be recorded in the verification log. When JWT_JWKS_URL is set, a
 * bearer token on a public route is verified here, exactly as the authorizer would; a missing or
 * invalid token simply leaves the caller anonymous.
 */
export async function optionalPrincipal(event: APIGatewayProxyEventV2): Promise<Principal | undefined> {
  const url = process.env[ENV.jwtJwksUrl];
  const token = /^Bearer\s+(.+)$/i.exec(event.headers?.authorization ?? '')?.[1]?.trim();
  if (!url || !token) return undefined;
  jwks ??= createRemoteJWKSet(new URL(url), { timeoutDuration: 3_000 });
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: process.env[ENV.jwtIssuer],
      audience: process.env[ENV.jwtAudience],
      algorithms: ['RS256'],
    });
    return principalFromClaims(payload as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | undefined {
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
