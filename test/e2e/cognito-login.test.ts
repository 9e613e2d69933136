import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDevAuth, type DevAuth } from '../../infra/local/dev-auth';
import { claimsOf, DEV_USERS } from '../../infra/local/seed-data';
import { baseUrl } from '../helpers/api';
import { submittedRequest } from '../helpers/flows';
import { launch, screenshot, type Browser } from './browser';

/**
 * The deployed sign-in (Cognito hosted UI, authorization code + PKCE) in a real Chromium, against
 * a small OAuth 2.0 authorization server started here in place of Cognito. It signs ID tokens
 * with the local stack's dev key, so the local gateway accepts them like API Gateway accepts
 * Cognito's. The page finds it through /config.json, served here with page.route as CloudFront
 * serves the one the CDK stack publishes.
 */
const CLIENT_ID = 'web-client-test';
const citizen = DEV_USERS.find((u) => u.user === 'citizen')!;

interface Authorization {
  challenge: string;
  redirectUri: string;
}

const idp = {
  server: undefined as Server | undefined,
  url: '',
  auth: undefined as DevAuth | undefined,
  codes: new Map<string, Authorization>(),
  /** What the last requests to the server were. */
  authorizeQueries: [] as URLSearchParams[],
  tokenForms: [] as URLSearchParams[],
  logoutQueries: [] as URLSearchParams[],
  issued: [] as string[],
  /** Test switches: send back another state; ID token lifetime. */
  tamperState: false,
  ttlSeconds: 3600,
};

const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, accept', 'access-control-allow-methods': 'POST, OPTIONS' };

async function startIdp(): Promise<void> {
  idp.auth = await loadDevAuth(join(inject('dataDir'), 'auth'));
  idp.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors, ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
      const q = url.searchParams;
      idp.authorizeQueries.push(q);
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        reply(400, { error: 'invalid_request' });
        return;
      }
      const code = randomUUID();
      idp.codes.set(code, { challenge: q.get('code_challenge')!, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', idp.tamperState ? 'forged-state' : (q.get('state') ?? ''));
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(raw);
          idp.tokenForms.push(form);
          const granted = idp.codes.get(form.get('code') ?? '');
          idp.codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (
            !granted ||
            form.get('grant_type') !== 'authorization_code' ||
            form.get('client_id') !== CLIENT_ID ||
            form.get('redirect_uri') !== granted.redirectUri ||
            challenge !== granted.challenge
          ) {
            reply(400, { error: 'invalid_grant' });
            return;
          }
          const idToken = await idp.auth!.mint({ ...claimsOf(citizen), email: 'an.nguyen@example.vn' }, idp.ttlSeconds);
          idp.issued.push(idToken);
          reply(200, { id_token: idToken, access_token: 'opaque-access', refresh_token: 'opaque-refresh', token_type: 'Bearer', expires_in: idp.ttlSeconds });
        })();
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/logout') {
      idp.logoutQueries.push(url.searchParams);
      res.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' });
      res.end();
      return;
    }
    reply(404, { error: 'not_found' });
  });
  await new Promise<void>((ok) => idp.server!.listen(0, '127.0.0.1', ok));
  idp.url = `http://127.0.0.1:${(idp.server!.address() as AddressInfo).port}`;
}

let browser: Browser;

/** A tab whose /config.json points at the fake hosted UI, as the deployed config.json does at Cognito's. */
async function cognitoPage(): Promise<Page> {
  const page = await browser.page();
  await page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        auth: { kind: 'cognito', domain: idp.url, clientId: CLIENT_ID, redirectUri: `${baseUrl()}/auth/callback`, logoutUri: `${baseUrl()}/` },
      }),
    }),
  );
  return page;
}

async function clickSignIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/`);
  await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).click();
  await page.getByTestId('cognito-sign-in').click();
}

beforeAll(async () => {
  await startIdp();
  // The page POSTs to the hosted UI's token endpoint. In AWS the site's CSP names that origin in
  // connect-src (infra/security-headers.ts, awsConnectSources; checked by the stack tests); the
  // local stack's CSP cannot name this test's stand-in, started on a port chosen here. Playwright
  // cannot rewrite the callback page's header either: it routes no request reached by a redirect.
  browser = await launch({ bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (idp.server ? idp.server.close(ok) : ok(undefined)));
});

describe('Browser: sign-in at the Cognito hosted UI (authorization code + PKCE)', () => {
  it('signs the citizen in, keeps the ID token as the bearer, and signs out at the hosted UI', async () => {
    // Prepare: a request of this citizen, made through the API
    const { id } = await submittedRequest();
    const page = await cognitoPage();
    const bearers: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/requests') bearers.push(r.headers().authorization ?? '');
    });

    // Act: Đăng nhập → hosted UI → /auth/callback → the citizen's home
    await clickSignIn(page);
    await page.waitForURL(`${baseUrl()}/citizen`);
    await page.locator(`a[data-request="${id}"]`).waitFor();

    // Assess: the authorize request, the PKCE exchange, the session and the token on API calls
    const q = idp.authorizeQueries.at(-1)!;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${baseUrl()}/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(q.get('state')).toMatch(/^[\w-]{20,}$/);
    const form = idp.tokenForms.at(-1)!;
    expect(createHash('sha256').update(form.get('code_verifier')!).digest('base64url')).toBe(q.get('code_challenge'));
    const idToken = idp.issued.at(-1)!;
    expect(bearers).toContain(`Bearer ${idToken}`);
    await expect(page.locator('.user__name').textContent()).resolves.toBe('Nguyễn Văn An (Công dân)');
    expect(await page.evaluate(() => sessionStorage.getItem('bansao.oauth'))).toBeNull();
    await screenshot(page, '20-cognito-signed-in');

    // Act: Đăng xuất
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${baseUrl()}/`);

    // Assess: the hosted UI's logout was called, the session is gone, private pages ask to sign in
    expect(Object.fromEntries(idp.logoutQueries.at(-1)!)).toEqual({ client_id: CLIENT_ID, logout_uri: `${baseUrl()}/` });
    expect(await page.evaluate(() => sessionStorage.getItem('bansao.session'))).toBeNull();
    await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await page.goto(`${baseUrl()}/citizen`);
    await page.getByTestId('cognito-sign-in').waitFor();
    await page.close();
  });

  it('refuses an answer whose state is not the one it sent, with a visible error, and signs nobody in', async () => {
    const page = await cognitoPage();
    const tokenCalls = idp.tokenForms.length;
    idp.tamperState = true;
    try {
      await clickSignIn(page);
      const alert = page.getByRole('alert').filter({ hasText: 'mã phiên đăng nhập không khớp' });
      await alert.waitFor();
    } finally {
      idp.tamperState = false;
    }
    expect(idp.tokenForms.length).toBe(tokenCalls);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('bansao.session'))).toBeNull();
    await screenshot(page, '21-cognito-bad-state');

    // The way out: sign in again, this time untampered
    await page.getByRole('link', { name: 'Đăng nhập lại' }).click();
    await page.getByTestId('cognito-sign-in').click();
    await page.waitForURL(`${baseUrl()}/citizen`);
    await page.close();
  });

  it('sends the user back to sign in when the ID token expires', async () => {
    const page = await cognitoPage();
    idp.ttlSeconds = 3;
    try {
      await clickSignIn(page);
      await page.waitForURL(`${baseUrl()}/citizen`);
      await page.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
    } finally {
      idp.ttlSeconds = 3600;
    }
    // The same address now asks to sign in, without a reload.
    await page.getByTestId('cognito-sign-in').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/citizen');
    expect(await page.evaluate(() => sessionStorage.getItem('bansao.session'))).toBeNull();
    expect(browser.errors.filter((e) => !/401|Unauthorized/i.test(e))).toEqual([]);
    await page.close();
  });
});
