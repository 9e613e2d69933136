import * as asn1js from 'asn1js';
import { Asn1Error, EncodedElement, OID, contextTagged, encode, readCertificate, retagged } from '../asn1';
import { sha256AlgorithmId, signatureAlgorithmId } from './cms-algorithms';
import { SigningError, signingErrorFromAsn1 } from './errors';
import type { SignatureAlgorithm } from './signer';

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
      const certificate = readCertificate(der);
      identity = { issuer: certificate.issuerDer, serialNumber: certificate.serialDer };
    } catch (error) {
      if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'key', `Certificate ${index} of the signer chain is not valid`);
      throw error;
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
function issuerAndSerialNumber(identity: CertificateIdentity): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new EncodedElement(identity.issuer), new EncodedElement(identity.serialNumber)] });
}

export interface SignedDataParts {
  /** The signer's certificate first, then its issuers, as DER. */
  certificates: Uint8Array[];
  /** Issuer and serial number of certificates[0]. */
  signer: CertificateIdentity;
  algorithm: SignatureAlgorithm;
  /** DER SET OF the signed attributes (first octet 0x31), exactly as signed. */
  signedAttributes: Uint8Array;
  signature: Uint8Array;
  /** `[1] IMPLICIT` unsigned attributes (the B-T timestamp), when there are any. */
  unsignedAttributes?: asn1js.BaseBlock;
}

const CONTEXT_0_CONSTRUCTED = 0xa0;

/**
 * ContentInfo { id-signedData, [0] EXPLICIT SignedData } for a detached signature with one
 * SignerInfo (RFC 5652 §3, §5). Versions are 1: no attribute or other-format certificates, no
 * other-format CRLs, eContentType id-data and a SignerInfo identified by issuer and serial number
 * (RFC 5652 §5.1, §5.3). The certificates keep the chain's order rather than DER SET OF order:
 * RFC 5652 requires DER only of the signed attributes, the signer certificate comes first, and
 * this is byte for byte what PKI.js wrote before.
 */
export function encodeContentInfo(parts: SignedDataParts): Uint8Array {
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Set({ value: [sha256AlgorithmId()] }),
      // Detached: EncapsulatedContentInfo without eContent (RFC 5652 §5.2).
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      contextTagged(0, parts.certificates.map((der) => new EncodedElement(der))), // [0] IMPLICIT CertificateSet
      new asn1js.Set({ value: [signerInfo(parts)] }),
    ],
  });
  return encode(new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: OID.signedData }), contextTagged(0, [signedData])],
  }));
}

/**
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT,
 * signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL } (RFC 5652 §5.3).
 */
function signerInfo(parts: SignedDataParts): asn1js.Sequence {
  const value: asn1js.BaseBlock[] = [
    new asn1js.Integer({ value: 1 }),
    issuerAndSerialNumber(parts.signer),
    sha256AlgorithmId(),
    // The very bytes that were signed, under the [0] IMPLICIT tag (RFC 5652 §5.4).
    new EncodedElement(retagged(parts.signedAttributes, CONTEXT_0_CONSTRUCTED)),
    signatureAlgorithmId(parts.algorithm),
    new asn1js.OctetString({ valueHex: parts.signature }),
  ];
  if (parts.unsignedAttributes) value.push(parts.unsignedAttributes);
  return new asn1js.Sequence({ value });
}
