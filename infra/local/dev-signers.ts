import { ENV, requireEnv } from '../../shared/runtime/config';
import { cachedSignerProvider, useLocalSigners, type SignerProvider } from '../../shared/runtime/signer-provider';
import { pemToDerList, readCertificate } from '../../shared/asn1';
import { useDevCertificateAuthority } from '../../shared/runtime/dev-ca';
import { SigningError } from '../../shared/signing';
import { createDevSigner, readDevIdentity, revokeDevIdentity, type DevRevocationReason } from '../../shared/signing/dev';

/** DEV ONLY: signers over the dev PKI's keys in `dir` (generated at start-up by ensureDevPki). */
export function devSignerProvider(dir: string): SignerProvider {
  return cachedSignerProvider(async (kind, id) => createDevSigner(await readDevIdentity(dir, kind, id)));
}

/**
 * Lets SIGNER_MODE=local resolve to the dev PKI in this process (the local stack, and tests that
 * run the use cases against it). The directory is read from LOCAL_PKI_DIR when first needed.
 */
export function installDevSigners(): void {
  useLocalSigners(() => devSignerProvider(requireEnv(ENV.localPkiDir)));
}

/**
 * Lets POST /api/dev/signers/…/revoke-certificate reach the dev CA in LOCAL_PKI_DIR: the
 * certificate goes on the issuing CA's revocation list and a new CRL is signed at once.
 */
export function installDevCertificateAuthority(): void {
  useDevCertificateAuthority({
    revoke: async (kind, id, reason) => {
      const dir = requireEnv(ENV.localPkiDir);
      let revoked: Awaited<ReturnType<typeof revokeDevIdentity>>;
      try {
        revoked = await revokeDevIdentity(dir, kind, id, reason as DevRevocationReason);
      } catch (error) {
        if (error instanceof SigningError && error.code === 'dev-pki-invalid') return undefined;
        throw error;
      }
      const [der] = pemToDerList(revoked.certificatePem, 'CERTIFICATE');
      return {
        identityKind: kind, identityId: id, serialNumber: revoked.serial, revokedAt: revoked.revokedAt, reason: revoked.reason,
        crlUrl: readCertificate(der).crlDistributionPoints[0],
      };
    },
  });
}
