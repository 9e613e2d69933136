/**
 * Object identifiers read or written by the signer and the verifier, in one place: CMS (RFC 5652),
 * ESS (RFC 5035), timestamps (RFC 3161), algorithms (RFC 4055, RFC 5754, RFC 5758) and X.509
 * (RFC 5280 §4.1.2.4, §4.2.1).
 */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  /** ESS signing-certificate (RFC 2634 §5.4, SHA-1 ESSCertID), which older TSAs still put in their tokens. */
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  sha1: '1.3.14.3.2.26',
  /** id-kp-timeStamping (RFC 5280 §4.2.1.12; RFC 3161 §2.3). */
  timeStamping: '1.3.6.1.5.5.7.3.8',
  /** RFC 5280 §5.2.3, §5.3.1. */
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  /** Access methods of authority information access (RFC 5280 §4.2.2.1). */
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1). */
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
} as const;

/** A SHA-2 digest as node:crypto names it. */
export type DigestName = 'sha256' | 'sha384' | 'sha512';

/** node:crypto's name of each SHA-2 digest algorithm OID (RFC 5754 §2); other digests are not read. */
export const DIGEST_NAMES: Readonly<Record<string, DigestName>> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
