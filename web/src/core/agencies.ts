import { api } from './endpoints';
import type { Agency } from './types';

/** The public agency directory (GET /api/agencies), fetched once per page load. */
let cache: Promise<Agency[]> | undefined;

export function agencies(): Promise<Agency[]> {
  cache ??= api.agencies().catch((error: unknown) => {
    cache = undefined;
    throw error;
  });
  return cache;
}

/** The agency's name, or its id when the directory is not available. */
export async function agencyName(id: string): Promise<string> {
  try {
    return (await agencies()).find((a) => a.id === id)?.name ?? id;
  } catch {
    return id;
  }
}
