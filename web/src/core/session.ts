import { jwtClaims } from './cognito';
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
  /** When the token expires (ms since epoch, from its `exp`); the session ends then. */
  expiresAt?: number;
}

const KEY = 'bansao.session';
const listeners = new Set<() => void>();

export function getSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || typeof s.role !== 'string') return undefined;
    if (s.expiresAt !== undefined && Date.now() >= s.expiresAt) {
      // Expired: forget it, so the next screen asks to sign in again.
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return s;
  } catch {
    return undefined;
  }
}

export function setSession(login: LoginResult): Session {
  const exp = jwtClaims(login.token)?.exp;
  const session: Session = {
    token: login.token,
    role: login.role,
    name: login.name,
    ...(login.user ? { user: login.user } : {}),
    ...(login.agencyId ? { agencyId: login.agencyId } : {}),
    ...(login.citizenId ? { citizenId: login.citizenId } : {}),
    ...(typeof exp === 'number' ? { expiresAt: exp * 1000 } : {}),
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
