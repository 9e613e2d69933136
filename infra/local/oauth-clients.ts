import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { scopeName } from '../../shared/domain/machine-client';
import type { ClientScope } from '../../shared/domain/roles';
import type { ClientIdentity } from '../../shared/runtime/client-identity';
import type { DevAuth } from './dev-auth';

/**
 * The local identity provider's machine clients and its token endpoint: what Cognito's app
 * clients (client-credentials grant) and its domain's POST /oauth2/token do in AWS. The secret is
 * kept only as a scrypt hash, in LOCAL_AUTH_DIR/oauth-clients.json.
 */
export interface LocalClientRecord {
  clientId: string;
  name: string;
  scopes: ClientScope[];
  /** `scrypt$<salt b64url>$<hash b64url>`. */
  secretHash: string;
}

/** Lifetime of an access token: Cognito's default for app clients is an hour. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export function hashSecret(secret: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64url')}$${scryptSync(secret, salt, 32).toString('base64url')}`;
}

export function secretMatches(secret: string, stored: string): boolean {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** The registered clients, read from and written to one JSON file (the local stack is one process). */
export class LocalClientStore {
  private readonly file: string;
  constructor(dir: string) {
    this.file = join(dir, 'oauth-clients.json');
  }
  all(): Record<string, LocalClientRecord> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, LocalClientRecord>) : {};
  }
  get(clientId: string): LocalClientRecord | undefined {
    return Object.hasOwn(this.all(), clientId) ? this.all()[clientId] : undefined;
  }
  put(record: LocalClientRecord): void {
    this.write({ ...this.all(), [record.clientId]: record });
  }
  /** Forgets a client, as Cognito's DeleteUserPoolClient: its credentials get no token any more. */
  delete(clientId: string): void {
    const { [clientId]: _gone, ...rest } = this.all();
    this.write(rest);
  }
  private write(clients: Record<string, LocalClientRecord>): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(clients), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

/** The ClientIdentity port over the local IdP (handed to the handlers with useClientIdentity). */
export function localClientIdentity(auth: DevAuth, store: LocalClientStore): ClientIdentity {
  return {
    register: async (name, scopes) => {
      // Cognito's client ids are 26 lower-case alphanumerics and its secrets ~51 characters.
      const clientId = randomBytes(16).toString('hex').slice(0, 26);
      const clientSecret = randomBytes(32).toString('base64url');
      store.put({ clientId, name, scopes: [...scopes], secretHash: hashSecret(clientSecret) });
      return { clientId, clientSecret };
    },
    verifyAccessToken: async (token) => (await auth.verifyAccess(token)) as Record<string, unknown>,
    remove: async (clientId) => store.delete(clientId),
  };
}

export interface TokenRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** RFC 6749 §5.2 error, as JSON (as Cognito answers); `invalid_client` is a 401 with a Basic challenge (§5.2). */
function oauthError(error: string, description: string, status = 400): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json;charset=UTF-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      ...(status === 401 ? { 'www-authenticate': 'Basic realm="bansao", charset="UTF-8"' } : {}),
    },
    body: JSON.stringify({ error, error_description: description }),
  };
}

/** HTTP Basic credentials: both parts form-urlencoded first (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const b64 = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!b64) return undefined;
  const raw = Buffer.from(b64, 'base64').toString('utf8');
  const colon = raw.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: decode(raw.slice(0, colon)), secret: decode(raw.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * POST /oauth2/token with the client-credentials grant (RFC 6749 §4.4), as Cognito's endpoint:
 * client authentication by HTTP Basic, a form-encoded body, `scope` optional (all the client's
 * scopes when absent). A disabled client is deleted from this store (as its Cognito app client
 * is), so it gets `invalid_client`; its tokens issued before are refused by the handler
 * (shared/http/client-auth.ts).
 */
export async function tokenResponse(req: TokenRequest, store: LocalClientStore, auth: DevAuth): Promise<APIGatewayProxyStructuredResultV2> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.contentType ?? '')) {
    return oauthError('invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(req.body);
  const credentials = basicCredentials(req.authorization);
  const client = credentials ? store.get(credentials.id) : undefined;
  if (!credentials || !client || !secretMatches(credentials.secret, client.secretHash)) {
    return oauthError('invalid_client', 'Client authentication failed.', 401);
  }
  const grant = form.get('grant_type');
  if (!grant) return oauthError('invalid_request', 'grant_type is required.');
  if (grant !== 'client_credentials') return oauthError('unsupported_grant_type', 'Only client_credentials is supported for this client.');
  const allowed = client.scopes.map(scopeName);
  const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (asked.some((s) => !allowed.includes(s))) return oauthError('invalid_scope', `Allowed scopes: ${allowed.join(' ')}.`);
  const granted = asked.length ? asked : allowed;
  const token = await auth.mintAccess(client.clientId, granted.join(' '), ACCESS_TOKEN_TTL_SECONDS);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' },
    body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS }),
  };
}

