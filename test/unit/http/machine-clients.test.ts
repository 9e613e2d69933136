import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDevAuth, type DevAuth } from '../../../infra/local/dev-auth';
import { LocalClientStore, localClientIdentity, tokenResponse } from '../../../infra/local/oauth-clients';
import { clientPrincipalOf, scopesAllowed, type MachineClient } from '../../../shared/domain/machine-client';
import { roleAllowed } from '../../../shared/domain/roles';
import { disableClient } from '../../../shared/use-cases/clients';
import { principalOf } from '../../../shared/http/claims';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

let auth: DevAuth;
let store: LocalClientStore;
let creds: { clientId: string; clientSecret: string };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';
const token = (body: string, authorization = basic(creds.clientId, creds.clientSecret)) => tokenResponse({ authorization, contentType: FORM, body }, store, auth);
const json = (r: { body?: string }) => JSON.parse(r.body ?? '{}') as Record<string, unknown>;
const record = (over: Partial<MachineClient> = {}): MachineClient => ({
  clientId: creds.clientId, agencyId: 'bank-1', agencyName: 'Ngân hàng X', name: 'eKYC', scopes: ['verify'], status: 'active', createdAt: '2026-01-01T00:00:00Z', createdBy: 'admin', ...over,
});

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clients-'));
  auth = await loadDevAuth(dir);
  store = new LocalClientStore(dir);
  creds = await localClientIdentity(auth, store).register('bank-1: eKYC', ['verify']);
});

describe('Local token endpoint (POST /oauth2/token, client-credentials grant)', () => {
  it('keeps only a hash of the secret', () => {
    // Prepare / Act
    const stored = store.get(creds.clientId)!;
    // Assess
    expect(stored.secretHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(store.all())).not.toContain(creds.clientSecret);
  });

  it("answers Cognito's access token: Bearer, expiry, sub = client_id, token_use access, the resource server's scope, no aud", async () => {
    // Act
    const r = await token('grant_type=client_credentials&scope=bansao%2Fverify');
    // Assess
    expect(r.statusCode).toBe(200);
    const body = json(r);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const claims = await auth.verifyAccess(body.access_token as string);
    expect(claims).toMatchObject({ sub: creds.clientId, client_id: creds.clientId, token_use: 'access', scope: 'bansao/verify' });
    expect(claims.aud).toBeUndefined();
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('refuses a wrong secret or an unknown client: 401 invalid_client with a Basic challenge', async () => {
    for (const authorization of [basic(creds.clientId, 'wrong'), basic('nobody', creds.clientSecret), undefined]) {
      const r = await tokenResponse({ authorization, contentType: FORM, body: 'grant_type=client_credentials' }, store, auth);
      expect(r.statusCode).toBe(401);
      expect(json(r).error).toBe('invalid_client');
      expect(r.headers?.['www-authenticate']).toMatch(/^Basic/);
    }
  });

  it('refuses another grant (unsupported_grant_type), a scope not granted (invalid_scope), a non-form body (invalid_request)', async () => {
    expect(json(await token('grant_type=password'))).toMatchObject({ error: 'unsupported_grant_type' });
    const scoped = await token('grant_type=client_credentials&scope=bansao%2Fsubscribe');
    expect([scoped.statusCode, json(scoped).error]).toEqual([400, 'invalid_scope']);
    const notForm = await tokenResponse({ authorization: basic(creds.clientId, creds.clientSecret), contentType: 'application/json', body: '{}' }, store, auth);
    expect(json(notForm).error).toBe('invalid_request');
  });

  it("does not take a person's ID token for a client's access token, nor the reverse", async () => {
    const idToken = await auth.mint({ sub: 'v1', 'cognito:groups': ['verifier'], token_use: 'id', client_id: creds.clientId });
    await expect(auth.verifyAccess(idToken)).rejects.toThrow();
    const access = json(await token('grant_type=client_credentials')).access_token as string;
    await expect(auth.verify(access)).rejects.toThrow();
  });
});

describe('Client principal', () => {
  const claims = (over: Record<string, unknown> = {}) => ({ sub: creds.clientId, client_id: creds.clientId, token_use: 'access', scope: 'bansao/verify', ...over });

  it("is the registered client's agency, its name, and the scopes both granted and still registered", () => {
    expect(clientPrincipalOf(claims(), record())).toEqual({ sub: creds.clientId, role: 'client', agencyId: 'bank-1', name: 'Ngân hàng X', scopes: ['verify'] });
    expect(clientPrincipalOf(claims({ scope: 'bansao/verify bansao/subscribe' }), record())?.scopes).toEqual(['verify']);
  });

  it('refuses a disabled or unknown client, an ID token, a token for another client', () => {
    expect(clientPrincipalOf(claims(), record({ status: 'disabled' }))).toBeUndefined();
    expect(clientPrincipalOf(claims(), undefined)).toBeUndefined();
    expect(clientPrincipalOf(claims({ token_use: 'id' }), record())).toBeUndefined();
    expect(clientPrincipalOf(claims({ client_id: 'other', sub: 'other' }), record())).toBeUndefined();
  });

  it('needs the route scope: a client without verify is refused where verify is required; people need none', () => {
    const noScope = clientPrincipalOf(claims({ scope: '' }), record())!;
    expect(scopesAllowed(['verify'], noScope)).toBe(false);
    expect(scopesAllowed(['verify'], clientPrincipalOf(claims(), record())!)).toBe(true);
    expect(scopesAllowed(['verify'], { sub: 'v1', role: 'verifier' })).toBe(true);
  });

  it('is refused on routes for people, and no cognito:groups claim can make anyone a client', () => {
    const client = clientPrincipalOf(claims(), record())!;
    expect(roleAllowed(['verifier', 'official'], client)).toBe(false);
    const event = { requestContext: { authorizer: { jwt: { claims: { sub: 'x', token_use: 'id', exp: Date.now() / 1000 + 60, iat: 1, 'cognito:groups': ['client'] } } } } } as unknown as APIGatewayProxyEventV2;
    expect(principalOf(event)).toBeUndefined();
  });
});

describe('Disabling a client', () => {
  it('makes the local identity provider forget it: its secret gets invalid_client at the token endpoint', async () => {
    // Prepare
    const identity = localClientIdentity(auth, store);
    const other = await identity.register('bank-1: CRM', ['verify']);
    expect((await token('grant_type=client_credentials', basic(other.clientId, other.clientSecret))).statusCode).toBe(200);
    // Act
    await identity.remove(other.clientId);
    await identity.remove(other.clientId);
    // Assess: gone (twice is no error), and the other client is untouched.
    const refused = await token('grant_type=client_credentials', basic(other.clientId, other.clientSecret));
    expect(refused.statusCode).toBe(401);
    expect(json(refused).error).toBe('invalid_client');
    expect(store.get(creds.clientId)).toBeDefined();
  });

  it('disables in the table first, then deletes at the identity provider — again when sent again after a failed deletion', async () => {
    // Prepare: a table whose client is active, and an identity provider whose first deletion fails.
    let stored = record();
    const calls: string[] = [];
    const services = {
      now: () => new Date('2026-12-01T00:00:00Z'),
      machineClients: {
        get: async () => stored,
        disable: async (_id: string, at: string) => {
          calls.push('table');
          stored = { ...stored, status: 'disabled', disabledAt: at };
        },
      },
    } as unknown as Parameters<typeof disableClient>[0];
    let failOnce = true;
    const identity = {
      remove: async (id: string) => {
        calls.push(`idp:${id}`);
        if (failOnce) {
          failOnce = false;
          throw new Error('Cognito unavailable');
        }
      },
    };
    const admin = { sub: 'admin', role: 'admin' } as const;
    // Act
    await expect(disableClient(services, identity, admin, creds.clientId)).rejects.toThrow('Cognito unavailable');
    const view = await disableClient(services, identity, admin, creds.clientId);
    // Assess: the tokens were refused from the first call; the retry finished the deletion.
    expect(calls).toEqual(['table', `idp:${creds.clientId}`, `idp:${creds.clientId}`]);
    expect(view.status).toBe('disabled');
  });
});
