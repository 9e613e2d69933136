/**
 * The time-stamp authority port (RFC 3161; docs/long-term-validation.md). Whatever answers it —
 * the local stack's development TSA, or in AWS the national TSA or a licensed CA's, named by
 * configuration — hands back a token already checked against the request: status granted, the
 * imprint is our digest, the nonce is ours, and the TSA certificate carries the critical
 * id-kp-timeStamping extended key usage and nothing else (RFC 3161 §2.3, §2.4.2).
 */
export interface TimeStampAuthority {
  /**
   * A TimeStampToken (DER ContentInfo, exactly as the TSA encoded it) whose TSTInfo imprints this
   * SHA-256 digest. Throws SigningError 'timestamp-unavailable' when the TSA cannot be reached in
   * time, 'timestamp-invalid' when its answer fails a check.
   */
  stamp(sha256Digest: Uint8Array): Promise<Uint8Array>;
}
