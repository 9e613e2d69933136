import * as asn1js from 'asn1js';
import { OID, algorithmIdentifier, contextTagged } from '../asn1';
import type { SignatureAlgorithm } from './signer';

/** SHA-256 with absent parameters, as RFC 5754 §2 says to generate. */
export function sha256AlgorithmId(): asn1js.Sequence {
  return algorithmIdentifier(OID.sha256);
}

/** The SignerInfo signatureAlgorithm for a port algorithm (identifiers: docs/signatures.md "Algorithms"). */
export function signatureAlgorithmId(algorithm: SignatureAlgorithm): asn1js.Sequence {
  switch (algorithm) {
    case 'RSASSA_PKCS1_V1_5_SHA_256':
      // RFC 4055 §5: sha256WithRSAEncryption parameters MUST be NULL.
      return algorithmIdentifier(OID.sha256WithRsa, new asn1js.Null());
    case 'RSASSA_PSS_SHA_256':
      return algorithmIdentifier(OID.rsassaPss, pssSha256Parameters());
    case 'ECDSA_SHA_256':
      // RFC 5758 §3.2: ecdsa-with-SHA256 has its parameters absent.
      return algorithmIdentifier(OID.ecdsaWithSha256);
  }
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1) for SHA-256, MGF1 with SHA-256 and a 32-octet salt. Fields
 * equal to their DEFAULT (SHA-1, MGF1-SHA-1, salt 20, trailer 1) are omitted in DER, so the
 * trailerField never appears; the hash identifiers inside carry NULL parameters, like RFC 4055
 * §2.1's sha256Identifier (the form PKI.js wrote, and every validator accepts both).
 */
function pssSha256Parameters(): asn1js.Sequence {
  const sha256WithNull = () => algorithmIdentifier(OID.sha256, new asn1js.Null());
  return new asn1js.Sequence({
    value: [
      contextTagged(0, [sha256WithNull()]),
      contextTagged(1, [algorithmIdentifier(OID.mgf1, sha256WithNull())]),
      contextTagged(2, [new asn1js.Integer({ value: 32 })]),
    ],
  });
}
