import * as z from 'zod';

/** The four kinds of users (docs/architecture.md, "Where each rule lives"); carried in the `cognito:groups` claim. */
export const RoleSchema = z.enum(['citizen', 'official', 'verifier', 'admin']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

/**
 * A receiving agency's system (a bank, a school) calling with an OAuth 2.0 client-credentials
 * token. Deliberately outside RoleSchema: `cognito:groups` is read against RoleSchema only, so no
 * user group can ever grant it — only a registered, active client's access token does
 * (shared/http/client-auth.ts).
 */
export const CLIENT_ROLE = 'client' as const;
/** Who may appear in a route's `access`: the user roles, and machine clients. */
export type CallerRole = Role | typeof CLIENT_ROLE;

/**
 * A machine client as the handlers see it: its agency, the agency's name (what the verification
 * log shows: "Ngân hàng X đã kiểm tra") and the scopes its token grants.
 */
export interface ClientPrincipal {
  /** The client id (Cognito sets `sub` = `client_id` in a client-credentials token). */
  sub: string;
  role: typeof CLIENT_ROLE;
  agencyId: string;
  name: string;
  scopes: readonly ClientScope[];
}

/** Whoever called: a person, or a machine client on the routes that admit them. */
export type Caller = Principal | ClientPrincipal;

/** The scopes a machine client may be granted (the resource server's, infra/auth.ts). */
export const ClientScopeSchema = z.enum(['verify', 'subscribe']);
export type ClientScope = z.infer<typeof ClientScopeSchema>;

/** Who is calling, as the handlers see it once the token has been verified. */
export interface Principal {
  /** The token subject: a stable user id. */
  sub: string;
  role: Role;
  /** Officials and verifiers belong to one agency. */
  agencyId?: string;
  /** Citizens: the 12-digit CCCD number. */
  citizenId?: string;
  name?: string;
}

/** A CCCD (căn cước công dân) number: 12 digits. */
export const CitizenIdSchema = z.string().regex(/^\d{12}$/, 'Số CCCD phải gồm đúng 12 chữ số.');

/** Roles allowed on a route: a list, or 'public' for routes anyone may call without a token. */
export type RouteAccess = 'public' | readonly CallerRole[];

/** True when the principal's role is one of the allowed ones. */
export function roleAllowed(access: RouteAccess, principal: Caller | undefined): boolean {
  if (access === 'public') return true;
  return principal !== undefined && access.includes(principal.role);
}

/** An official (or verifier) acting for the given agency. */
export function actsForAgency(principal: Principal, agencyId: string): boolean {
  return (principal.role === 'official' || principal.role === 'verifier') && principal.agencyId === agencyId;
}
