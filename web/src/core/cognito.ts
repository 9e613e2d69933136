import { t } from '../i18n';
import type { CognitoAuth } from './auth-config';
import type { LoginResult, Role } from './types';

/**
 * Sign-in at the Cognito hosted UI: OAuth 2.0 authorization code grant with PKCE (S256), for a
 * public client (no secret). The verifier and the state wait in sessionStorage (this tab only)
 * while the browser is at the hosted UI; the callback checks the state, exchanges the code, and
 * keeps the ID token: the API reads `cognito:groups`, `custom:agencyId`, `custom:citizenId` and
 * `name`, which Cognito puts in the ID token only.
 */
const PENDING = 'bansao.oauth';
const ROLES: readonly Role[] = ['citizen', 'official', 'verifier', 'admin'];

interface Pending {
  state: string;
  verifier: string;
  next?: string;
}

const b64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n: number): string => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function challengeOf(verifier: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Only a path of this site may follow the sign-in (no open redirect). */
const safeNext = (next: string | undefined): string | undefined => (next && /^\/(?!\/)/.test(next) && !next.startsWith('/login') && !next.startsWith('/auth/') ? next : undefined);

/** Leaves the page for the hosted UI. */
export async function startSignIn(auth: CognitoAuth, next?: string): Promise<void> {
  const pending: Pending = { state: random(24), verifier: random(48), ...(safeNext(next) ? { next } : {}) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email profile',
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${auth.domain}/oauth2/authorize?${q.toString().replace(/%20/g, '+')}`);
}

export class SignInError extends Error {}

/** The callback: checks the state, exchanges the code for tokens, returns who signed in. */
export async function completeSignIn(auth: CognitoAuth, query: URLSearchParams): Promise<{ login: LoginResult; next?: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  let pending: Pending | undefined;
  try {
    pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  } catch {
    pending = undefined;
  }
  const state = query.get('state');
  if (!pending || !state || state !== pending.state) throw new SignInError(t('login.cognito.badState'));
  const error = query.get('error');
  if (error) throw new SignInError(t('login.cognito.refused', { error: query.get('error_description') || error }));
  const code = query.get('code');
  if (!code) throw new SignInError(t('login.cognito.failed'));

  const res = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: pending.verifier }),
  });
  const tokens = (await res.json().catch(() => ({}))) as { id_token?: unknown };
  if (!res.ok || typeof tokens.id_token !== 'string') throw new SignInError(t('login.cognito.failed'));
  const login = loginFromIdToken(tokens.id_token);
  if (!login) throw new SignInError(t('login.cognito.noRole'));
  return { login, next: safeNext(pending.next) };
}

/** The claims of a JWT, unverified (the API verifies it; the page only reads who it is for). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Role (first role group, as the API picks it), name, agency and CCCD from an ID token. */
export function loginFromIdToken(token: string): LoginResult | undefined {
  const c = jwtClaims(token);
  if (!c) return undefined;
  const groups = Array.isArray(c['cognito:groups']) ? c['cognito:groups'].map(String) : String(c['cognito:groups'] ?? '').replace(/^\[|\]$/g, '').split(/[\s,]+/);
  const role = groups.find((g): g is Role => (ROLES as readonly string[]).includes(g));
  if (!role) return undefined;
  const str = (k: string) => (typeof c[k] === 'string' && c[k] ? (c[k] as string) : undefined);
  return {
    token,
    role,
    name: str('name') ?? str('email') ?? str('cognito:username') ?? '',
    ...(str('email') ? { user: str('email') } : {}),
    ...(str('custom:agencyId') ? { agencyId: str('custom:agencyId') } : {}),
    ...(str('custom:citizenId') ? { citizenId: str('custom:citizenId') } : {}),
  };
}

/** The hosted UI's sign-out, which then comes back to the site. */
export function logoutUrl(auth: CognitoAuth): string {
  return `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.logoutUri })}`;
}
