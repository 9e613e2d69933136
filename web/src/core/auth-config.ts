/**
 * ─── CONFIG HOOK: sign-in in AWS (Amazon Cognito) ───────────────────────────────────────────
 * Locally the page signs in through POST /api/dev/login (only the local stack has that route).
 * In AWS the users sign in at the Cognito hosted UI of the user pool made by infra/auth.ts and
 * the page must then keep the ID token (its `cognito:groups`, `custom:agencyId`,
 * `custom:citizenId` claims are what the API reads) in the session like the dev login does.
 *
 * To wire it: build with VITE_COGNITO_DOMAIN (https://<prefix>.auth.<region>.amazoncognito.com)
 * and VITE_COGNITO_CLIENT_ID (the web client of infra/auth.ts), then implement the
 * authorization-code + PKCE exchange where `hostedSignIn` is used (screens/public/login.ts) and
 * add the Cognito domain to connect-src in infra/web.ts. Until then the login page says that
 * sign-in is not configured: there is deliberately no fake sign-in here.
 * ────────────────────────────────────────────────────────────────────────────────────────────
 */
export interface HostedSignIn {
  domain: string;
  clientId: string;
}

/** The hosted-UI settings baked in at build time, or undefined when not configured. */
export function hostedSignIn(): HostedSignIn | undefined {
  const domain = import.meta.env.VITE_COGNITO_DOMAIN as string | undefined;
  const clientId = import.meta.env.VITE_COGNITO_CLIENT_ID as string | undefined;
  return domain && clientId ? { domain, clientId } : undefined;
}
