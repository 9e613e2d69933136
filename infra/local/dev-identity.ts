import { ENV, requireEnv } from '../../shared/runtime/config';
import { useDevIdentity } from '../../shared/runtime/dev-identity';
import { loadDevAuth, type DevAuth } from './dev-auth';
import { claimsOf, DEV_USERS, SEED_AGENCIES } from './seed-data';

/**
 * DEV ONLY: hands the local identity provider (the seeded dev users and the local JWT key) to
 * POST /api/dev/login in this process. The key is read from LOCAL_AUTH_DIR when first needed.
 */
export function installDevIdentity(): void {
  let auth: Promise<DevAuth> | undefined;
  useDevIdentity({
    users: () => DEV_USERS.map((u) => u.user),
    login: async (user) => {
      const u = DEV_USERS.find((d) => d.user === user);
      if (!u) return undefined;
      auth ??= loadDevAuth(requireEnv(ENV.localAuthDir));
      const token = await (await auth).mint(claimsOf(u));
      return { token, user: u.user, role: u.role, name: u.name, agencyId: u.agencyId, citizenId: u.citizenId };
    },
  });
}

/** A dev user as the login screen lists them (web/src/core/dev-login.ts reads this shape). */
export interface DevUserChoice {
  user: string;
  role: string;
  name: string;
  /** The agency's display name (officials, verifiers). */
  agencyName?: string;
}

/** The dev users as the login screen lists them (served by the local gateway, never built into the page). */
export function devUserChoices(): DevUserChoice[] {
  return DEV_USERS.map((u) => ({
    user: u.user,
    role: u.role,
    name: u.name,
    ...(u.agencyId ? { agencyName: SEED_AGENCIES.find((a) => a.id === u.agencyId)?.name ?? u.agencyId } : {}),
  }));
}
