import * as asn1js from 'asn1js';
import { EncodedElement } from './cms-der';
import { TAG, encodingOf, expectUniversal, isContext, parseSingle, sequenceOf } from './cms-der-reader';
import { SigningError } from './errors';

/** What the CMS takes from a certificate: its issuer Name and serialNumber, as encoded in it. */
export interface CertificateIdentity {
  issuer: Uint8Array;
  serialNumber: Uint8Array;
}

/**
 * Identities by certificate DER array (a Signer's chain is fixed for its lifetime), so each
 * certificate is read once per container, not once per signature.
 */
const identities = new WeakMap<Uint8Array, CertificateIdentity>();

/**
 * Checks that every certificate of the signer chain is one well-formed X.509 Certificate and
 * returns the identity of each, in chain order. A chain that is not certificates is a
 * configuration error of the key, reported before anything is signed.
 */
export function readChain(chain: Uint8Array[]): CertificateIdentity[] {
  if (chain.length === 0) throw new SigningError('invalid-key', 'The signer has no certificate.');
  return chain.map((der, index) => {
    let identity = identities.get(der);
    if (identity) return identity;
    try {
      identity = certificateIdentity(der);
    } catch (error) {
      throw new SigningError('invalid-key', `Certificate ${index} of the signer chain is not valid DER.`, { cause: error });
    }
    identities.set(der, identity);
    return identity;
  });
}

/**
 * IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }
 * (RFC 5652 §10.2.4), with both values copied octet for octet from the certificate: a validator
 * finds the signer certificate by comparing them, so they must not be re-encoded.
 */
export function issuerAndSerialNumber(identity: CertificateIdentity): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new EncodedElement(identity.issuer), new EncodedElement(identity.serialNumber)] });
}

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING } and
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber INTEGER,
 * signature AlgorithmIdentifier, issuer Name, validity, subject Name, subjectPublicKeyInfo, ... }
 * (RFC 5280 §4.1). The mandatory fields are checked as PKI.js's schema did; the certificate goes
 * into the CMS as it is, so it must at least be one.
 */
function certificateIdentity(der: Uint8Array): CertificateIdentity {
  const [tbs, signatureAlgorithm, signatureValue, ...rest] = sequenceOf(parseSingle(der, 'the certificate'), 'Certificate');
  if (rest.length > 0) throw new Error('Certificate has more than three elements');
  expectUniversal(signatureAlgorithm, TAG.SEQUENCE, 'Certificate.signatureAlgorithm');
  expectUniversal(signatureValue, TAG.BIT_STRING, 'Certificate.signatureValue');
  const fields = sequenceOf(tbs, 'TBSCertificate');
  const first = isContext(fields[0], 0) ? 1 : 0;
  const [serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo] = fields.slice(first, first + 6);
  expectUniversal(serialNumber, TAG.INTEGER, 'TBSCertificate.serialNumber');
  for (const [node, what] of [[signature, 'signature'], [issuer, 'issuer'], [validity, 'validity'], [subject, 'subject'],
    [subjectPublicKeyInfo, 'subjectPublicKeyInfo']] as const) {
    expectUniversal(node, TAG.SEQUENCE, `TBSCertificate.${what}`);
  }
  return { issuer: encodingOf(issuer), serialNumber: encodingOf(serialNumber) };
}
