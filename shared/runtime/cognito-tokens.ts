import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ENV, requireEnv } from './config';

/**
 * Verifies a machine client's Cognito access token against the pool's JWKS: signature, issuer,
 * expiry and the claims the handler reads. Apart from cognito-clients.ts (which creates and deletes
 * app clients with the Cognito SDK) so that every function admitting client tokens verifies them
 * without carrying the SDK client, which only clients-create and clients-disable call.
 */
export function cognitoAccessTokenVerifier(): (token: string) => Promise<Record<string, unknown>> {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token) => {
    jwks ??= createRemoteJWKSet(new URL(requireEnv(ENV.jwtJwksUrl)), { timeoutDuration: 3_000 });
    const { payload } = await jwtVerify(token, jwks, { issuer: requireEnv(ENV.jwtIssuer), algorithms: ['RS256'], requiredClaims: ['exp', 'iat', 'token_use', 'client_id'] });
    return payload as Record<string, unknown>;
  };
}
