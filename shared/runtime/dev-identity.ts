/**
 * LOCAL STACK ONLY: the way the local identity provider reaches POST /api/dev/login. The local
 * stack hands it in with `useDevIdentity` (infra/local/dev-identity.ts), so the dev users and the
 * token minting never come from infra/ into functions/, and no Lambda bundle carries them (the
 * dev-login route is localOnly: CDK never deploys it).
 */

/** The dev-login response: a token and who it is for. */
export interface DevLoginResult {
  token: string;
  user: string;
  role: string;
  name: string;
  agencyId?: string;
  citizenId?: string;
}

/** What the local stack provides: the names the dev login accepts, and a token for one of them. */
export interface DevIdentity {
  users(): readonly string[];
  /** A token and the public fields of `user`; undefined when there is no such dev user. */
  login(user: string): Promise<DevLoginResult | undefined>;
}

let provided: DevIdentity | undefined;

/** Called by the local stack at start; nothing else calls it. */
export function useDevIdentity(identity: DevIdentity): void {
  provided = identity;
}

/** The local identity provider, or undefined where none was handed in (everywhere but the local stack). */
export function devIdentity(): DevIdentity | undefined {
  return provided;
}
