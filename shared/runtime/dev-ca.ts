import type { DevRevokedCertificate } from '../contracts/service';

/**
 * LOCAL STACK ONLY: the way the dev CA reaches POST /api/dev/signers/…/revoke-certificate. The
 * local stack hands it in with `useDevCertificateAuthority` (infra/local/dev-signers.ts), so the
 * dev PKI never comes from infra/ into functions/ and no Lambda bundle carries it (the route is
 * localOnly: CDK never deploys it).
 */
export interface DevCertificateAuthority {
  /** Revokes the identity's current certificate; undefined when the dev CA has no such identity. */
  revoke(kind: DevRevokedCertificate['identityKind'], id: string, reason: string): Promise<DevRevokedCertificate | undefined>;
}

let provided: DevCertificateAuthority | undefined;

/** Called by the local stack at start; nothing else calls it. */
export function useDevCertificateAuthority(ca: DevCertificateAuthority): void {
  provided = ca;
}

/** The dev CA, or undefined where none was handed in (everywhere but the local stack). */
export function devCertificateAuthority(): DevCertificateAuthority | undefined {
  return provided;
}
