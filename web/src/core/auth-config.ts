/**
 * How this site signs users in, read once at start from `/config.json`, which the CDK stack
 * (infra/web.ts `publishPage`) publishes next to the page in AWS:
 * `{ auth: { kind: 'cognito', domain, clientId, redirectUri, logoutUri } }` — the users sign in
 * at the Cognito hosted UI (core/cognito.ts). Locally there is no config.json (the gateway answers
 * with index.html): the page then uses the dev login (POST /api/dev/login) as before.
 */
export interface CognitoAuth {
  kind: 'cognito';
  /** `https://<prefix>.auth.<region>.amazoncognito.com` (no trailing slash). */
  domain: string;
  clientId: string;
  /** `<site>/auth/callback`. */
  redirectUri: string;
  /** `<site>/`. */
  logoutUri: string;
}

let loaded: Promise<CognitoAuth | undefined> | undefined;

/** The hosted-UI settings of this site, or undefined when it has none (local stack). */
export function siteAuth(): Promise<CognitoAuth | undefined> {
  loaded ??= fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-cache' })
    .then(async (res) => {
      if (!res.ok || !/json/i.test(res.headers.get('content-type') ?? '')) return undefined;
      return parseAuth(((await res.json()) as { auth?: unknown } | null)?.auth);
    })
    .catch(() => undefined);
  return loaded;
}

function parseAuth(value: unknown): CognitoAuth | undefined {
  const a = (value ?? {}) as Record<string, unknown>;
  const url = (v: unknown) => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);
  if (a.kind !== 'cognito' || !url(a.domain) || typeof a.clientId !== 'string' || !a.clientId || !url(a.redirectUri) || !url(a.logoutUri)) {
    return undefined;
  }
  return {
    kind: 'cognito',
    domain: (a.domain as string).replace(/\/+$/, ''),
    clientId: a.clientId,
    redirectUri: a.redirectUri as string,
    logoutUri: a.logoutUri as string,
  };
}
