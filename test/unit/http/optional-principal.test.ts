import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionalPrincipal } from '../../../shared/http/claims';

let server: Server;
let sign: (claims: Record<string, unknown>, issuer?: string) => Promise<string>;
let signBare: (claims: Record<string, unknown>) => Promise<string>;
const ISSUER = 'https://cognito-idp.local/pool';

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  Object.assign(process.env, { JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: 'web-client' });
  // Shaped like Cognito's ID token: iat, exp and token_use `id`.
  sign = (claims, issuer = ISSUER) =>
    new SignJWT({ token_use: 'id', ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience('web-client').setIssuedAt().setExpirationTime('5m').sign(privateKey);
  // Signed by the right key but with only the claims given (no iat or exp unless passed).
  signBare = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setAudience('web-client').sign(privateKey);
});

afterAll(() => {
  server.close();
  delete process.env.JWT_JWKS_URL;
});

const eventWith = (authorization?: string) => ({ headers: authorization ? { authorization } : {}, requestContext: {} }) as unknown as APIGatewayProxyEventV2;

describe('Function: optionalPrincipal (public routes in AWS)', () => {
  it('recognises a signed-in verifier from a valid Cognito token', async () => {
    const token = await sign({ sub: 'v1', 'cognito:groups': ['verifier'], 'custom:agencyId': 'bank-1', name: 'Lê Minh Châu' });
    expect(await optionalPrincipal(eventWith(`Bearer ${token}`))).toMatchObject({ sub: 'v1', role: 'verifier', agencyId: 'bank-1' });
  });

  it('leaves the caller anonymous without a token, or with a token from another issuer or unsigned', async () => {
    expect(await optionalPrincipal(eventWith())).toBeUndefined();
    expect(await optionalPrincipal(eventWith(`Bearer ${await sign({ sub: 'x', 'cognito:groups': ['admin'] }, 'https://evil')}`))).toBeUndefined();
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(await optionalPrincipal(eventWith(`Bearer ${b64({ alg: 'none' })}.${b64({ sub: 'x', iss: ISSUER, aud: 'web-client', 'cognito:groups': ['admin'] })}.`))).toBeUndefined();
  });

  it('leaves the caller anonymous with a well-signed token lacking exp, iat or token_use, or an access token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const who = { sub: 'v2', 'cognito:groups': ['verifier'], 'custom:agencyId': 'bank-1' };
    expect(await optionalPrincipal(eventWith(`Bearer ${await signBare({ ...who, iat: now, exp: now + 300, token_use: 'id' })}`))).toMatchObject({ sub: 'v2' });
    expect(await optionalPrincipal(eventWith(`Bearer ${await signBare({ ...who, iat: now, token_use: 'id' })}`))).toBeUndefined();
    expect(await optionalPrincipal(eventWith(`Bearer ${await signBare({ ...who, exp: now + 300, token_use: 'id' })}`))).toBeUndefined();
    expect(await optionalPrincipal(eventWith(`Bearer ${await signBare({ ...who, iat: now, exp: now + 300 })}`))).toBeUndefined();
    expect(await optionalPrincipal(eventWith(`Bearer ${await signBare({ ...who, iat: now, exp: now + 300, token_use: 'access' })}`))).toBeUndefined();
  });
});
