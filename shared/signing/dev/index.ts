/**
 * The development PKI (DEV ONLY — NOT FOR PRODUCTION): CAs, officials' and agencies' keys on
 * disk, for the local stack and the tests. Its own door, apart from shared/signing/index.ts, so
 * that nothing deployed can reach it; the local stack hands the signers it makes to the runtime
 * (infra/local/dev-signers.ts).
 */
export {
  ensureDevPki, readDevIdentity, createDevSigner, issueDevCertificate, devPkiPaths,
  type DevIdentity, type DevPki, type DevPeople, type DevIdentityKind,
} from './dev-pki';
export { createDevCertificateAuthorities, issueDevSigningCertificate, issueDevTsaCertificate, type IssuedCertificate } from './dev-certificates';
