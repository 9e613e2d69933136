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
  /** Display name. */
  name: string;
  /** The agency's display name. */
  agencyName?: string;
}

/**
 * The dev users, as the local stack serves them (GET /dev-users.json on the local gateway). They
 * are fetched at run time, never built into the page: web/dist is what AWS serves.
 */
export async function devUsers(): Promise<DevUserChoice[]> {
  const res = await fetch('/dev-users.json', { headers: { accept: 'application/json' } });
  if (!res.ok) return [];
  const users: unknown = await res.json().catch(() => []);
  return Array.isArray(users) ? (users as DevUserChoice[]) : [];
}
