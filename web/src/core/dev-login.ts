import { ApiError, call } from './api';

/**
 * Whether this server has the local-only POST /api/dev/login (the local stack; never in AWS).
 * Probed once with an empty body: the route answers 400/422 when it exists, 404 when it does not.
 */
let probe: Promise<boolean> | undefined;

export function devLoginAvailable(): Promise<boolean> {
  probe ??= call('POST', '/api/dev/login', { json: {}, auth: false }).then(
    () => true,
    (error: unknown) => error instanceof ApiError && error.status !== 404 && error.status < 500,
  );
  return probe;
}

export interface DevUserChoice {
  user: string;
  role: string;
  name: string;
  agencyId?: string;
}

/**
 * The dev users, from the seed of the local stack itself (one list, no copy). Loaded as its own
 * chunk only when the dev login exists, so it is never fetched in AWS.
 */
export async function devUsers(): Promise<DevUserChoice[]> {
  const { DEV_USERS, SEED_AGENCIES } = await import('../../../infra/local/seed-data');
  return DEV_USERS.map((u) => ({
    user: u.user,
    role: u.role,
    name: u.name,
    ...(u.agencyId ? { agencyId: SEED_AGENCIES.find((a) => a.id === u.agencyId)?.name ?? u.agencyId } : {}),
  }));
}
