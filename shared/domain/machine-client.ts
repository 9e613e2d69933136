import * as z from 'zod';
import { CLIENT_ROLE, ClientScopeSchema, type Caller, type ClientPrincipal, type ClientScope } from './roles';

/**
 * The resource server's identifier (infra/auth.ts): Cognito names a custom scope
 * `<identifier>/<scope>` in AllowedOAuthScopes and in the access token's `scope` claim.
 */
export const RESOURCE_SERVER_ID = 'bansao';
export const scopeName = (scope: ClientScope): string => `${RESOURCE_SERVER_ID}/${scope}`;

/** A receiving agency's registered system (POST /api/clients); the secret is never kept here. */
export const MachineClientSchema = z.object({
  clientId: z.string().min(1),
  agencyId: z.string().min(1),
  /** The agency's name when registered: what a citizen reads in the verification log. */
  agencyName: z.string().min(1),
  /** The system's own label ("Hệ thống eKYC"), for the admin's list. */
  name: z.string().min(1),
  scopes: z.array(ClientScopeSchema).min(1),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  createdBy: z.string(),
  disabledAt: z.string().optional(),
});
export type MachineClient = z.infer<typeof MachineClientSchema>;

/**
 * The caller an access token of the client-credentials grant stands for: its claims already
 * verified (signature, issuer, expiry), `client` the table's record of `client_id`. Undefined —
 * so a 401 — for an ID token (a person's, `token_use: id`), a token without `client_id`, an
 * unknown or disabled client. Scopes granted are those of the token that the client is STILL
 * registered for: a scope withdrawn after the token was minted no longer counts.
 */
export function clientPrincipalOf(claims: Record<string, unknown>, client: MachineClient | undefined): ClientPrincipal | undefined {
  if (claims.token_use !== 'access' || typeof claims.client_id !== 'string') return undefined;
  // Cognito sets `sub` to the client id in a client-credentials token; anything else is not one.
  if (claims.sub !== undefined && claims.sub !== claims.client_id) return undefined;
  if (!client || client.clientId !== claims.client_id || client.status !== 'active') return undefined;
  const asked = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
  const scopes = client.scopes.filter((s) => asked.includes(scopeName(s)));
  return { sub: client.clientId, role: CLIENT_ROLE, agencyId: client.agencyId, name: client.agencyName, scopes };
}

/** True when the route needs no scope, the caller is a person, or the client holds every scope the route needs. */
export function scopesAllowed(required: readonly ClientScope[] | undefined, principal: Caller): boolean {
  if (principal.role !== CLIENT_ROLE || !required) return true;
  return required.every((s) => principal.scopes.includes(s));
}
