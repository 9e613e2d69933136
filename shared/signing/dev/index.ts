/**
 * The development PKI (DEV ONLY — NOT FOR PRODUCTION): CAs, officials' and agencies' keys on
 * disk, for the local stack and the tests. Its own door, apart from shared/signing/index.ts, so
 * that nothing deployed can reach it; the local stack hands the signers it makes to the runtime
 * (infra/local/dev-signers.ts).
 */
export {
  ensureDevPki, readDevIdentity, createDevSigner, issueDevCertificate, devPkiPaths, devCrl, freshDevCrl, revokeDevIdentity, DEV_CRL_FILES,
  type DevIdentity, type DevPki, type DevPeople, type DevIdentityKind, type DevPkiOptions, type DevCaName,
} from './dev-pki';
export {
  createDevCertificateAuthorities, issueDevSigningCertificate, issueDevTsaCertificate, DEV_REVOCATION_REASONS, type IssuedCertificate, type DevRevocationReason,
} from './dev-certificates';
