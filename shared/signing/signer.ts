/**
 * The signing port: whatever holds the private key (a local PEM for development, AWS KMS in
 * production) only ever sees a SHA-256 digest, so the CMS and PDF code never touch key material.
 */
export type SignatureAlgorithm = 'RSASSA_PKCS1_V1_5_SHA_256' | 'RSASSA_PSS_SHA_256' | 'ECDSA_SHA_256';

export interface Signer {
  /** DER certificates: the signer's own first, then its issuers (the root may be omitted). */
  readonly certificateChain: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
  /** Signs a SHA-256 digest; returns the raw signature (PKCS#1 bytes, or DER SEQUENCE{r,s} for ECDSA). */
  signDigest(digest: Uint8Array): Promise<Uint8Array>;
}

/** Length in bytes of the SHA-256 digests a Signer accepts. */
export const SHA256_DIGEST_LENGTH = 32;
