import type { ClientScope } from '../domain/roles';
import { ENV, optionalEnv } from './config';
import { cognitoAccessTokenVerifier } from './cognito-tokens';

/**
 * Where machine clients' credentials live and their access tokens are checked. In AWS: Cognito
 * (an app client per registered system, client-credentials grant, the resource server's scopes;
 * shared/runtime/cognito-clients.ts). In the local stack: the local identity provider, handed in
 * with `useClientIdentity` (infra/local/dev-auth.ts) so that no Lambda bundle carries it.
 */
export interface ClientIdentity {
  /** Creates the client; the secret is returned here once and kept nowhere by the service. */
  register(name: string, scopes: readonly ClientScope[]): Promise<{ clientId: string; clientSecret: string }>;
  /** Verifies an access token's signature, issuer and expiry; its claims, or a throw. */
  verifyAccessToken(token: string): Promise<Record<string, unknown>>;
  /** Deletes the client: no new token is issued to it. Idempotent (an unknown client is no error). */
  remove(clientId: string): Promise<void>;
}

let provided: ClientIdentity | undefined;

/** Called by the local stack at start (and by tests); nothing else calls it. */
export function useClientIdentity(identity: ClientIdentity | undefined): void {
  provided = identity;
}

/** The identity provider handed in by the local stack (or a test), if any. */
export function providedClientIdentity(): ClientIdentity | undefined {
  return provided;
}

let cognitoVerify: ((token: string) => Promise<Record<string, unknown>>) | undefined;

/**
 * Verifies a machine client's access token with the local identity provider when handed in, else
 * against Cognito's keys. Only the verification (jose), not the Cognito SDK client that registers
 * and removes clients (clientIdentity in cognito-clients.ts): every function admitting client
 * tokens needs this, only two need that. (Static imports: a dynamic one keeps esbuild from
 * tree-shaking zod's locales.)
 */
export async function verifyClientAccessToken(token: string): Promise<Record<string, unknown>> {
  if (provided) return provided.verifyAccessToken(token);
  cognitoVerify ??= cognitoAccessTokenVerifier();
  return cognitoVerify(token);
}

/** Where clients get their tokens: Cognito's domain in AWS, the local gateway's POST /oauth2/token locally. */
export function tokenEndpoint(): string {
  return process.env[ENV.oauthTokenUrl] || `${optionalEnv(ENV.publicBaseUrl, 'http://localhost:3000').replace(/\/+$/, '')}/oauth2/token`;
}
