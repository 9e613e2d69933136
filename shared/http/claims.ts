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

/**
 * The web page sends Cognito's ID token (infra/auth.ts): its `token_use` is `id`. An access token
 * of the same pool carries no `name` or `custom:*` claims and is not what the handlers read.
 */
export const EXPECTED_TOKEN_USE = 'id';

/**
 * Claims a token must carry, whoever verified its signature. API Gateway's JWT authorizer checks
 * `exp`, `nbf` and `iat` against the clock when they are present but does not document refusing a
 * token without them, and it knows nothing of Cognito's `token_use`: a token that never expires,
 * or an access token, would pass it. So they are required here too.
 */
export const REQUIRED_CLAIMS = ['exp', 'iat', 'token_use'] as const;

/** The caller, or undefined when the event carries no verified claims, no known role, or lacks a required claim. */
export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  return principalFromClaims(claimsOf(event));
}

/** API Gateway hands every claim over as a string (`"1735689600"`); our gateway as a number. */
function numericDate(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** `exp` and `iat` present (and `exp` not past), `token_use` the expected one. */
export function hasRequiredClaims(claims: Record<string, unknown>, nowSeconds = Date.now() / 1000): boolean {
  const exp = numericDate(claims.exp);
  return exp !== undefined && exp > nowSeconds && numericDate(claims.iat) !== undefined && claims.token_use === EXPECTED_TOKEN_USE;
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
      requiredClaims: [...REQUIRED_CLAIMS],
    });
    return principalFromClaims(payload as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | undefined {
  if (!claims || typeof claims.sub !== 'string' || !hasRequiredClaims(claims)) return undefined;
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
