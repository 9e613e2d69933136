import type { LoginResult, Role } from './types';

/**
 * Who is signed in: the token and what the login said about the user. Kept in sessionStorage
 * (gone when the tab closes; never in localStorage, so a shared counter PC forgets it).
 */
export interface Session {
  token: string;
  role: Role;
  name: string;
  user?: string;
  agencyId?: string;
  citizenId?: string;
}

const KEY = 'bansao.session';
const listeners = new Set<() => void>();

export function getSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && typeof s.role === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

export function setSession(login: LoginResult): Session {
  const session: Session = {
    token: login.token,
    role: login.role,
    name: login.name,
    ...(login.user ? { user: login.user } : {}),
    ...(login.agencyId ? { agencyId: login.agencyId } : {}),
    ...(login.citizenId ? { citizenId: login.citizenId } : {}),
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  for (const l of listeners) l();
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

/** Where a role starts after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'citizen':
      return '/citizen';
    case 'official':
      return '/official';
    case 'admin':
      return '/admin';
    default:
      return '/verify';
  }
}
