import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, errors, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { EXPECTED_TOKEN_USE, REQUIRED_CLAIMS } from '../../shared/http/claims';

/**
 * The local identity provider: an ES256 key kept in DATA_DIR, a JWKS the gateway verifies
 * against, and token minting for the dev users. Stands in for Cognito + API Gateway's JWT
 * authorizer; it exists only in the local stack.
 */
export const LOCAL_ISSUER = 'urn:bansao:local-idp';
export const LOCAL_AUDIENCE = 'bansao-local';
const ALG = 'ES256';

export interface DevAuth {
  jwks: { keys: JWK[] };
  mint(claims: Record<string, unknown> & { sub: string }, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  /**
   * An access token as Cognito's client-credentials grant mints it: no `aud`, `sub` = `client_id`,
   * `token_use: access`, the granted scopes space-separated in `scope`, a `jti`.
   */
  mintAccess(clientId: string, scope: string, ttlSeconds: number): Promise<string>;
  /** Verifies an access token of this IdP (signature, issuer, expiry, `token_use: access`). */
  verifyAccess(token: string): Promise<JWTPayload>;
}

/** Loads (or creates on first start) the local signing key and returns minting and verification. */
export async function loadDevAuth(dir: string): Promise<DevAuth> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'jwt-signing-key.json');
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: ALG };
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const privateKey = await importJWK(privateJwk, ALG);
  const { d: _d, ...publicJwk } = privateJwk;
  const jwks = { keys: [{ ...publicJwk, use: 'sig' }] };
  const keySet = createLocalJWKSet(jwks);
  return {
    jwks,
    mint: (claims, ttlSeconds = 8 * 3600) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    mintAccess: (clientId, scope, ttlSeconds) =>
      new SignJWT({ client_id: clientId, token_use: 'access', scope })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(clientId)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    verifyAccess: async (token) => {
      const { payload } = await jwtVerify(token, keySet, { issuer: LOCAL_ISSUER, algorithms: [ALG], requiredClaims: ['exp', 'iat', 'token_use', 'client_id'] });
      // An ID token (a person's) is not a client's access token, even with a client_id claim.
      if (payload.token_use !== 'access' || payload.aud !== undefined) throw new errors.JWTClaimValidationFailed('not an access token', payload, 'token_use', 'check_failed');
      return payload;
    },
    verify: async (token) => {
      // A token without `exp` would never lapse; one of another `token_use` is not what the handlers read.
      const { payload } = await jwtVerify(token, keySet, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG], requiredClaims: [...REQUIRED_CLAIMS] });
      if (payload.token_use !== EXPECTED_TOKEN_USE) throw new errors.JWTClaimValidationFailed('unexpected "token_use" claim value', payload, 'token_use', 'check_failed');
      return payload;
    },
  };
}
