import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { readFileSync } from 'node:fs';
import { importJWK } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';

const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
};

describe('Local stack: foundation', () => {
  it('answers GET /api/health with ok', async () => {
    const res = await api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['citizen', 'citizen'],
    ['official', 'official'],
    ['verifier', 'verifier'],
    ['admin', 'admin'],
  ])('logs the dev user %s in with a token carrying the role', async (user, role) => {
    const token = await login(user);
    const claims = decodeJwt(token);
    expect(claims['cognito:groups']).toEqual([role]);
    if (role === 'official' || role === 'verifier') expect(claims['custom:agencyId']).toBeTruthy();
    if (role === 'citizen') expect(claims['custom:citizenId']).toMatch(/^\d{12}$/);
  });

  it('refuses an unknown dev user with a 422 problem', async () => {
    expectProblem(await api('POST', '/api/dev/login', { json: { user: 'mallory' } }), 422);
  });

  it('answers malformed JSON with a 400 problem in Vietnamese', async () => {
    const res = await api('POST', '/api/dev/login', { body: '{"user": ', contentType: 'application/json' });
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/JSON/);
  });

  it('answers a non-JSON body with 415', async () => {
    expectProblem(await api('POST', '/api/dev/login', { body: 'user=citizen', contentType: 'text/plain' }), 415);
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await api('GET', '/api/no-such-thing'), 404);
  });

  it('answers a wrong method with a 405 problem naming the allowed ones', async () => {
    const res = await api('DELETE', '/api/health');
    expectProblem(res, 405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('refuses GET /api/requests without a token with 401', async () => {
    expectProblem(await api('GET', '/api/requests'), 401);
  });

  it('refuses an unsigned (alg: none) token with 401', async () => {
    const real = decodeJwt(await login('citizen'));
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(real)}.`;
    expectProblem(await api('GET', '/api/requests', { token: unsigned }), 401);
  });

  it('refuses a token signed by another key with 401', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256');
    const real = decodeJwt(await login('citizen'));
    const forged = await new SignJWT(real).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    expectProblem(await api('GET', '/api/requests', { token: forged }), 401);
  });

  it('refuses an expired token with 401', async () => {
    const jwk = JSON.parse(readFileSync(join(inject('dataDir'), 'auth', 'jwt-signing-key.json'), 'utf8'));
    const key = await importJWK(jwk, 'ES256');
    const real = decodeJwt(await login('citizen'));
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...real, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .sign(key);
    expectProblem(await api('GET', '/api/requests', { token: expired }), 401);
  });

  it.each([
    ['without exp (it would never lapse)', (c: Record<string, unknown>) => { delete c.exp; }],
    ['without iat', (c: Record<string, unknown>) => { delete c.iat; }],
    ['without token_use', (c: Record<string, unknown>) => { delete c.token_use; }],
    ['of token_use access', (c: Record<string, unknown>) => { c.token_use = 'access'; }],
  ])('refuses a well-signed token %s with 401', async (_what, change) => {
    // Prepare: the dev user's own claims, signed by the local key, minus one required claim.
    const jwk = JSON.parse(readFileSync(join(inject('dataDir'), 'auth', 'jwt-signing-key.json'), 'utf8'));
    const key = await importJWK(jwk, 'ES256');
    const claims = { ...decodeJwt(await login('citizen')) } as Record<string, unknown>;
    change(claims);
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: jwk.kid }).sign(key);
    // Act + Assess
    expectProblem(await api('GET', '/api/requests', { token }), 401);
  });

  it('forbids GET /api/requests to a verifier with 403', async () => {
    expectProblem(await api('GET', '/api/requests', { token: await login('verifier') }), 403);
  });

  it('lets a citizen list their requests', async () => {
    const res = await api('GET', '/api/requests', { token: await login('citizen') });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('serves a Vietnamese web page at /', async () => {
    const res = await fetch(`${baseUrl()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<html lang="vi"/);
  });

  it('serves the trust list as PEM holding the DEV ONLY root', async () => {
    const res = await fetch(`${baseUrl()}/api/trust-list`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/pem/);
    const pem = await res.text();
    expect(pem).toMatch(/-----BEGIN CERTIFICATE-----/);
    const cert = new X509Certificate(pem);
    expect(cert.subject).toMatch(/DEV ONLY/);
    expect(cert.ca).toBe(true);
  });
});
