import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { OID, readCertificate, type Certificate } from '../asn1';

/** What the verifier keeps of one X.509 certificate, read once and cached by fingerprint. */
export interface CertInfo extends Certificate {
  /** SHA-256 of the DER, hex: the cache key and the ESS certHash for SHA-256. */
  fingerprint: string;
  x509: X509Certificate;
  publicKey: KeyObject;
  /** Critical extensions this verifier does not understand: such a certificate must be refused. */
  unknownCritical: string[];
}

/** Extensions that may be critical without changing what this verifier decides. */
const UNDERSTOOD = new Set<string>([
  OID.keyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.extKeyUsage,
  OID.certificatePolicies, OID.subjectAltName, OID.issuerAltName, OID.crlDistributionPoints, OID.authorityInfoAccess,
]);

/** Reads a DER certificate for the verifier; throws (Asn1Error or node's error) when it is not one. */
export function certInfo(der: Uint8Array): CertInfo {
  // A copy: `der` is often a view into a whole PDF, which a cached certificate must not keep alive.
  const own = Buffer.from(der);
  const certificate = readCertificate(own);
  const x509 = new X509Certificate(own);
  return {
    ...certificate,
    fingerprint: createHash('sha256').update(own).digest('hex'),
    x509,
    publicKey: x509.publicKey,
    unknownCritical: certificate.extensions.filter((e) => e.critical && !UNDERSTOOD.has(e.id)).map((e) => e.id),
  };
}
