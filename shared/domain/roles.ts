import * as z from 'zod';

/** The four kinds of users (docs/architecture.md, "Where each rule lives"); carried in the `cognito:groups` claim. */
export const RoleSchema = z.enum(['citizen', 'official', 'verifier', 'admin']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

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
export type RouteAccess = 'public' | readonly Role[];

/** True when the principal's role is one of the allowed ones. */
export function roleAllowed(access: RouteAccess, principal: Principal | undefined): boolean {
  if (access === 'public') return true;
  return principal !== undefined && access.includes(principal.role);
}

/** An official (or verifier) acting for the given agency. */
export function actsForAgency(principal: Principal, agencyId: string): boolean {
  return (principal.role === 'official' || principal.role === 'verifier') && principal.agencyId === agencyId;
}
