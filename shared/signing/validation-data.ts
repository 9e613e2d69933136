/**
 * What PAdES B-LT adds to a copy (ETSI EN 319 142-1 §6; ISO 32000-2 §12.8.4.3 DSS): the
 * certificates of every chain and the revocation data for each of them, as DER objects.
 */
export interface ValidationData {
  certificates: Uint8Array[];
  /** DER CertificateList (RFC 5280 §5). */
  crls: Uint8Array[];
  /** DER OCSPResponse (RFC 6960 §4.2.1). */
  ocspResponses: Uint8Array[];
}

/** A certificate's revocation status now, as its issuer's CRL or OCSP responder states it. */
export type CertificateStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason?: string }
  | { status: 'unknown'; why: string };

/**
 * The revocation port: fetches what the certificates name (CRL distribution points, 2.5.29.31;
 * OCSP through authority information access, 1.3.6.1.5.5.7.48.1), with bounded timeouts.
 */
export interface RevocationSource {
  /** Current revocation data for every certificate of the chain (signer first) except a self-signed root. */
  collect(chain: readonly Uint8Array[]): Promise<ValidationData>;
  /** The current status of `certificate`, issued by `issuer`: used to refuse signing with a revoked key. */
  status(certificate: Uint8Array, issuer: Uint8Array): Promise<CertificateStatus>;
}
