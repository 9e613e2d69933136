/**
 * Whether this server has the local-only POST /api/dev/login (the local stack; never in AWS).
 * Probed once through GET /dev-users.json, which only the local gateway serves: a probe that
 * posts to the login route would be answered 4xx, logged by the browser as an error on every load.
 * Elsewhere the path is missing or answered by the page's HTML, neither a list of users.
 */
let probe: Promise<DevUserChoice[]> | undefined;

export function devLoginAvailable(): Promise<boolean> {
  return devUsers().then((users) => users.length > 0);
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
export function devUsers(): Promise<DevUserChoice[]> {
  probe ??= fetch('/dev-users.json', { headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return [];
      const users: unknown = await res.json().catch(() => []);
      return Array.isArray(users) ? (users as DevUserChoice[]) : [];
    })
    .catch(() => []);
  return probe;
}
