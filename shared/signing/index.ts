/**
 * The one door into shared/signing for the rest of the service: the PAdES signer, the Signer port
 * and its adapters. The CMS and placeholder internals stay behind it; the development PKI has its
 * own door (shared/signing/dev/) so that nothing deployed can import it.
 */
export type { SignatureAlgorithm, Signer } from './signer';
export { SigningError, type SigningErrorCode } from './errors';
export { signPdf, DEFAULT_SIGNATURE_LENGTH, type SignPdfOptions, type SignatureFieldSpot } from './sign-pdf';
export { createDetachedCms, type DetachedCmsOptions, type Timestamper } from './cms';
export { LocalKeySigner, type LocalKeySignerOptions } from './local-key-signer';
export { KmsSigner, type KmsSignClient, type KmsSignerOptions } from './kms-signer';
export { appendValidationData, vriKey, type VriSignature, type VriUpdate } from './dss-revision';
export {
  appendDocumentTimestamp, extendToLta, readSignatures, type DocumentTimestamp, type ExtendToLtaOptions, type LtaExtension, type PdfSignature,
} from './long-term-validation';
export type { TimeStampAuthority } from './timestamp-authority';
export type { CertificateStatus, RevocationSource, ValidationData } from './validation-data';
export { TsaClient, TSA_DEFAULTS, type TsaClientOptions } from './tsa-client';
export { HttpRevocationSource, checkCrl, type HttpRevocationSourceOptions } from './revocation-source';
