/** Public API of shared/signing; the PDF and CMS internals stay behind it. */
export type { SignatureAlgorithm, Signer } from './signer';
export { SigningError, type SigningErrorCode } from './errors';
export { signPdf, DEFAULT_SIGNATURE_LENGTH, type SignPdfOptions, type SignatureFieldSpot } from './sign-pdf';
export { createDetachedCms, type DetachedCmsOptions, type Timestamper } from './cms';
export { LocalKeySigner, type LocalKeySignerOptions } from './local-key-signer';
export { KmsSigner, type KmsSignClient, type KmsSignerOptions } from './kms-signer';
export {
  ensureDevPki, readDevIdentity, createDevSigner, issueDevCertificate, devPkiPaths,
  type DevIdentity, type DevPki, type DevPeople, type DevIdentityKind,
} from './dev-pki';
